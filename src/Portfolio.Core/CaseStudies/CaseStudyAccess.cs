using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Core.CaseStudies;

/// <summary>
/// Who may read a version of a collective report, decided here and nowhere else; every download (member, coordinator,
/// juror) filters with it, so that a version a person may not read is simply not found (404):
/// - a member of the group, any version;
/// - a coordinator of the programme the group's cohort belongs to, any version;
/// - a juror, only the version submitted as final, of a group one of whose members is a candidate open to them in that
///   cohort (<see cref="JuryAccess.CandidatesOpenTo"/>: assigned to their jury, no unresolved conflict).
/// Changing the report (uploading, submitting) stays with members, reopening with coordinators (<see cref="CaseStudyGroup"/>).
/// </summary>
public static class CaseStudyAccess
{
    public static IQueryable<ReportVersion> ReadableBy(this IQueryable<ReportVersion> versions, PortfolioDb db, string userId) =>
        versions.Where(v => v.Group.Members.Any(m => m.UserId == userId)
            || db.Cohorts.CoordinatedBy(userId).Any(c => c.Id == v.Group.CohortId)
            || (v.Group.FinalVersionId == v.Id
                && JuryAccess.CandidatesOpenTo(db, userId).Any(c => c.CohortId == v.Group.CohortId && v.Group.Members.Any(m => m.UserId == c.ParticipantId))));

    /// <summary>The final collective report of a jury candidate's case-study group, when the juror may read it.</summary>
    public static IQueryable<ReportVersion> FinalReportOf(PortfolioDb db, string jurorId, int juryCandidateId) =>
        db.ReportVersions.ReadableBy(db, jurorId).Where(v => v.Group.FinalVersionId == v.Id
            && JuryAccess.CandidatesOpenTo(db, jurorId).Any(c => c.Id == juryCandidateId && c.CohortId == v.Group.CohortId
                && v.Group.Members.Any(m => m.UserId == c.ParticipantId)));
}
