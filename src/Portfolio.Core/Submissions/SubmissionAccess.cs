using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Core.Submissions;

/// <summary>
/// Who may read a submitted snapshot and its copied files, decided here and nowhere else (the submission case of
/// <see cref="Intervision.ItemAccess"/>): the participant who submitted it; a coordinator of the cohort's programme;
/// a juror to whom the candidate is open (<see cref="JuryAccess.CandidatesOpenTo"/>: assigned, no unresolved conflict).
/// Every page and download showing a snapshot filters with it, so anything else is simply not found (404). A juror
/// never reads the live portfolio: only what this rule lets through.
/// </summary>
public static class SubmissionAccess
{
    public static IQueryable<Submission> ReadableBy(this IQueryable<Submission> submissions, PortfolioDb db, string userId) =>
        submissions.Where(s => s.ParticipantId == userId
            || db.Cohorts.CoordinatedBy(userId).Any(c => c.Id == s.CohortId)
            || JuryAccess.CandidatesOpenTo(db, userId).Any(c => c.CohortId == s.CohortId && c.ParticipantId == s.ParticipantId));

    public static IQueryable<SubmissionFile> ReadableBy(this IQueryable<SubmissionFile> files, PortfolioDb db, string userId) =>
        files.Where(f => db.Submissions.ReadableBy(db, userId).Any(s => s.Id == f.SubmissionId));
}
