using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Core.Portfolios;

/// <summary>
/// One cohort of a participant's portfolio: the items written in it belong to it, and it fixes the framework version
/// they use (<see cref="FrameworkRevision"/> is read along so that <see cref="Frameworks.FrameworkModels"/> serves the
/// tree with no query of its own). <see cref="Withdrawn"/>: a coordinator took the person out of the cohort, their work stays theirs to read.
/// <see cref="Components"/>: the parts its programme uses, read in the same command so that menus and the page gate cost nothing.
/// </summary>
public sealed record ParticipantCohort(string OwnerId, int CohortId, string CohortName, string ProgrammeTitle, int FrameworkId, Guid FrameworkRevision, string PillarLabel,
    DateOnly StartsOn, DateOnly EndsOn, bool Withdrawn, ProgrammeComponents Components = ProgrammeComponents.Default)
{
    public bool Uses(ProgrammeComponents component) => (Components & component) != 0;
}

/// <summary>
/// Every cohort a person belongs to, and the one their pages work on: the cohort they last chose
/// (<c>AppUser.CurrentCohortId</c>), else their latest active enrolment, else their latest enrolment.
/// </summary>
public sealed record ParticipantCohorts(IReadOnlyList<ParticipantCohort> All, ParticipantCohort? Current)
{
    /// <summary>Whether the person is in an intervision group of any of their cohorts.</summary>
    public bool InIntervisionGroup { get; init; }

    /// <summary>Whether the person is in a group of a cohort whose programme uses co-development (the header then offers it).</summary>
    public bool InCodevGroup { get; init; }

    /// <summary>The parts the current cohort's programme uses (none when the person is enrolled nowhere).</summary>
    public ProgrammeComponents Components => Current?.Components ?? ProgrammeComponents.None;

    public bool Uses(ProgrammeComponents component) => (Components & component) != 0;

    /// <summary>Whether the person is in a case-study group of the current cohort (the header then offers the collective report).</summary>
    public bool InCaseStudyGroup { get; init; }
    /// <summary>Whether the person has an oral exam (planned or cancelled) in one of their cohorts (the header then offers it).</summary>
    public bool HasExam { get; init; }
    /// <summary>Whether a jury's results were released to the person in one of their cohorts (the header then offers them).</summary>
    public bool HasReleasedResults { get; init; }

    /// <summary>One query, whatever the number of cohorts.</summary>
    public static async Task<ParticipantCohorts> LoadAsync(PortfolioDb db, string userId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Enrolments
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Cohort.StartsOn).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                Cohort = new ParticipantCohort(userId, e.CohortId, e.Cohort.Name, e.Cohort.Programme.Title, e.Cohort.FrameworkId, e.Cohort.Framework.Revision, e.Cohort.Framework.PillarLabel,
                    e.Cohort.StartsOn, e.Cohort.EndsOn, e.WithdrawnAt != null, e.Cohort.Programme.Components),
                Chosen = db.Users.Any(u => u.Id == userId && u.CurrentCohortId == e.CohortId),
                // Read in the same command, so that the header's menu costs no query of its own.
                InGroup = db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == e.CohortId),
                InCaseStudy = db.CaseStudyMembers.Any(m => m.UserId == userId && m.CohortId == e.CohortId),
                HasExam = db.Exams.Any(x => x.JuryCandidate.ParticipantId == userId && x.JuryCandidate.CohortId == e.CohortId),
                // Scoring: the jury's results of this cohort were released and the person was a candidate.
                ResultsReleased = db.ResultsReleases.Any(r => r.CohortId == e.CohortId) && db.JuryCandidates.Any(c => c.CohortId == e.CohortId && c.ParticipantId == userId),
            })
            .ToListAsync(cancellationToken);
        var current = rows.FirstOrDefault(r => r.Chosen)?.Cohort
            ?? rows.Select(r => r.Cohort).FirstOrDefault(c => !c.Withdrawn)
            ?? rows.Select(r => r.Cohort).FirstOrDefault();
        return new ParticipantCohorts(rows.Select(r => r.Cohort).ToList(), current)
        {
            InIntervisionGroup = rows.Any(r => r.InGroup),
            InCodevGroup = rows.Any(r => r.InGroup && r.Cohort.Uses(ProgrammeComponents.CoDevelopment)),
            InCaseStudyGroup = rows.Any(r => r.InCaseStudy && r.Cohort == current),
            HasExam = rows.Any(r => r.HasExam),
            HasReleasedResults = rows.Any(r => r.ResultsReleased),
        };
    }
}

/// <summary>
/// Which items a participant's pages may read or change, decided here and nowhere else: their own, written in the
/// cohort they work on. An item of another person or another cohort is simply not found (404).
/// </summary>
public static class PortfolioItems
{
    public static IQueryable<Evidence> In(this IQueryable<Evidence> evidence, ParticipantCohort cohort) =>
        evidence.Where(e => e.OwnerId == cohort.OwnerId && e.CohortId == cohort.CohortId);

    public static IQueryable<Attachment> In(this IQueryable<Attachment> attachments, ParticipantCohort cohort) =>
        attachments.Where(a => a.Evidence.OwnerId == cohort.OwnerId && a.Evidence.CohortId == cohort.CohortId);

    public static IQueryable<JournalEntry> In(this IQueryable<JournalEntry> entries, ParticipantCohort cohort) =>
        entries.Where(j => j.OwnerId == cohort.OwnerId && j.CohortId == cohort.CohortId);

    /// <summary>
    /// The person's project in the cohort, only while the programme follows transformation projects: where the part is
    /// switched off, no page offers a project written before as something to tie to or ask about.
    /// </summary>
    public static IQueryable<TransformationProject> In(this IQueryable<TransformationProject> projects, ParticipantCohort cohort)
    {
        var followed = cohort.Uses(ProgrammeComponents.TransformationProject);
        return projects.Where(p => followed && p.OwnerId == cohort.OwnerId && p.CohortId == cohort.CohortId);
    }

    public static IQueryable<SelfAssessment> In(this IQueryable<SelfAssessment> assessments, ParticipantCohort cohort) =>
        assessments.Where(a => a.ParticipantId == cohort.OwnerId && a.Campaign.CohortId == cohort.CohortId);
}
