using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Scoring;
using Portfolio.Core.Submissions;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// The cohort synthesis: for a set of candidates (a cohort's active participants, or a jury's candidates open to a
/// juror), their self-assessed levels per campaign and objective, their evidence, the feedback they gave and received,
/// their submission and their jury. Read in a fixed number of SQL commands whatever the number of candidates, then
/// combined in memory. The heat-map pages and the workbook (<see cref="SynthesisWorkbook"/>) both read this one model,
/// and "latest level" means what it means on the participant's own matrix (<see cref="PortfolioOverview.LatestOf"/>).
/// </summary>
public sealed class CohortSynthesis
{
    public sealed record Candidate(string ParticipantId, string FirstName, string LastName, string Email)
    {
        public string Name => $"{FirstName} {LastName}".Trim() is { Length: > 0 } n ? n : Email;
    }

    public sealed record LevelRow(string ParticipantId, int CampaignId, int ObjectiveId, int Level);

    public sealed record EvidenceRow(int Id, string OwnerId, string Title, DateOnly OccurredOn, EvidenceKind Kind, int[] ObjectiveIds, int[] AxisIds,
        bool MarkedForAssessment);

    /// <summary>The candidate's latest submission (null when never submitted) and whether it is reopened for changes.</summary>
    public sealed record SubmissionRow(string ParticipantId, int SubmissionId, int Number, DateTimeOffset SubmittedAt, bool Locked);

    public sealed record ExamRow(DateTimeOffset StartsAt, int Minutes, string? Room);

    public sealed record JuryRow(int JuryCandidateId, string ParticipantId, int JuryId, string JuryName, ExamRow? Exam, Decision? Decision);

    public sealed record CriterionRow(int Id, string Title);

    public required int CohortId { get; init; }
    public required string CohortName { get; init; }
    public required FrameworkModel Framework { get; init; }
    public required IReadOnlyList<PortfolioOverview.CampaignRow> Campaigns { get; init; }

    /// <summary>Sorted by last name, first name, e-mail: a stable order for the page and for the workbook.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }
    public required IReadOnlyList<EvidenceRow> Evidence { get; init; }
    public required IReadOnlyList<CriterionRow> Criteria { get; init; }

    /// <summary>The scoring grid's scale, 1 to this value (0 when the programme has no grid).</summary>
    public required int ScoringMaxLevel { get; init; }

    private IReadOnlyDictionary<(string, int, int), int> Levels { get; init; } = null!;
    private IReadOnlyDictionary<string, int> Received { get; init; } = null!;
    private IReadOnlyDictionary<string, int> Given { get; init; } = null!;
    private IReadOnlyDictionary<string, SubmissionRow> Submissions { get; init; } = null!;
    private IReadOnlyDictionary<string, JuryRow> Juries { get; init; } = null!;
    private ILookup<string, EvidenceRow> EvidenceByOwner { get; init; } = null!;

    /// <summary>
    /// A cohort's active participants, when the cohort is among <paramref name="visibleCohorts"/> (a coordinator's);
    /// null otherwise, which pages answer with 404.
    /// </summary>
    public static async Task<CohortSynthesis?> ForCohortAsync(PortfolioDb db, FrameworkModels frameworks, IQueryable<Cohort> visibleCohorts, int cohortId,
        CancellationToken cancellationToken = default)
    {
        var cohort = await visibleCohorts.Where(c => c.Id == cohortId)
            .Select(c => new { c.Id, c.Name, c.FrameworkId, c.Framework.Revision }).SingleOrDefaultAsync(cancellationToken);
        if (cohort is null)
        {
            return null;
        }
        var participants = db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null).Select(e => e.UserId);
        return await LoadAsync(db, frameworks, cohort.Id, cohort.Name, cohort.FrameworkId, cohort.Revision, participants, cancellationToken);
    }

    /// <summary>
    /// Every candidate of a jury, for the coordinators of its cohort (the jury's pack); null when the jury's cohort is not
    /// among <paramref name="visibleCohorts"/>.
    /// </summary>
    public static async Task<CohortSynthesis?> ForCoordinatedJuryAsync(PortfolioDb db, FrameworkModels frameworks, IQueryable<Cohort> visibleCohorts, int juryId,
        CancellationToken cancellationToken = default)
    {
        var jury = await db.Juries.Where(j => j.Id == juryId)
            .Join(visibleCohorts, j => j.CohortId, c => c.Id, (j, c) => new { c.Id, c.Name, c.FrameworkId, c.Framework.Revision })
            .SingleOrDefaultAsync(cancellationToken);
        if (jury is null)
        {
            return null;
        }
        var participants = db.JuryCandidates.Where(c => c.JuryId == juryId).Select(c => c.ParticipantId);
        return await LoadAsync(db, frameworks, jury.Id, jury.Name, jury.FrameworkId, jury.Revision, participants, cancellationToken);
    }

    /// <summary>
    /// A jury's candidates open to a juror (<see cref="JuryAccess.CandidatesOpenTo"/>: a member who declared no conflict,
    /// or a waived minor one); null when the juror is not a member of that jury.
    /// </summary>
    public static async Task<CohortSynthesis?> ForJuryAsync(PortfolioDb db, FrameworkModels frameworks, string jurorId, int juryId,
        CancellationToken cancellationToken = default)
    {
        var jury = await db.Juries.Where(j => j.Id == juryId && j.Members.Any(m => m.UserId == jurorId))
            .Select(j => new { j.CohortId, Cohort = db.Cohorts.Where(c => c.Id == j.CohortId).Select(c => new { c.Name, c.FrameworkId, c.Framework.Revision }).Single() })
            .SingleOrDefaultAsync(cancellationToken);
        if (jury is null)
        {
            return null;
        }
        var participants = JuryAccess.CandidatesOpenTo(db, jurorId).Where(c => c.JuryId == juryId).Select(c => c.ParticipantId);
        return await LoadAsync(db, frameworks, jury.CohortId, jury.Cohort.Name, jury.Cohort.FrameworkId, jury.Cohort.Revision, participants, cancellationToken);
    }

    private static async Task<CohortSynthesis> LoadAsync(PortfolioDb db, FrameworkModels frameworks, int cohortId, string cohortName, int frameworkId, Guid revision,
        IQueryable<string> participants, CancellationToken cancellationToken)
    {
        var framework = await frameworks.GetAsync(db, frameworkId, revision, cancellationToken);
        var campaigns = await PortfolioOverview.CampaignsOf(db, cohortId).ToListAsync(cancellationToken);
        var candidates = await db.Users.Where(u => participants.Contains(u.Id))
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Email).ThenBy(u => u.Id)
            .Select(u => new Candidate(u.Id, u.FirstName, u.LastName, u.Email ?? ""))
            .ToListAsync(cancellationToken);
        var levels = await db.SelfAssessments
            .Where(a => a.Campaign.CohortId == cohortId && a.ObjectiveId != null && a.Level != null && participants.Contains(a.ParticipantId))
            .Select(a => new LevelRow(a.ParticipantId, a.CampaignId, a.ObjectiveId!.Value, a.Level!.Value))
            .ToListAsync(cancellationToken);
        var evidence = await db.Evidence.Where(e => e.CohortId == cohortId && participants.Contains(e.OwnerId))
            .OrderBy(e => e.OwnerId).ThenBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .Select(e => new EvidenceRow(e.Id, e.OwnerId, e.Title, e.OccurredOn, e.Kind, e.ObjectiveIds, e.AxisIds, e.MarkedForAssessment))
            .ToListAsync(cancellationToken);
        // Submitted feedback only: a draft is the peer's, not yet the candidate's.
        var feedback = await (from f in db.Feedback
                              join r in db.FeedbackRequests on f.RequestId equals r.Id
                              where r.CohortId == cohortId && f.SubmittedAt != null
                                  && (participants.Contains(r.RequesterId) || participants.Contains(f.PeerId))
                              select new { r.RequesterId, f.PeerId }).ToListAsync(cancellationToken);
        var submissions = await db.SubmissionRecords.Where(r => r.CohortId == cohortId && participants.Contains(r.ParticipantId))
            .Select(r => new
            {
                r.ParticipantId, r.LastSubmittedAt, r.LastReopenedAt,
                Latest = r.Submissions.OrderByDescending(s => s.Number).Select(s => new { s.Id, s.Number, s.SubmittedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var juries = await db.JuryCandidates.Where(c => c.CohortId == cohortId && participants.Contains(c.ParticipantId))
            .OrderBy(c => c.Id)
            .Select(c => new JuryRow(c.Id, c.ParticipantId, c.JuryId, c.Jury.Name,
                db.Exams.Where(e => e.JuryCandidateId == c.Id && e.CancelledAt == null).OrderByDescending(e => e.StartsAt)
                    .Select(e => new ExamRow(e.StartsAt, e.Minutes, e.Room)).FirstOrDefault(),
                db.Deliberations.Where(d => d.JuryCandidateId == c.Id).Select(d => d.Decision).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var grid = await ScoringGrids.OfCohort(db, cohortId).AsNoTracking().SingleOrDefaultAsync(cancellationToken);

        return new CohortSynthesis
        {
            CohortId = cohortId,
            CohortName = cohortName,
            Framework = framework,
            Campaigns = campaigns,
            Candidates = candidates,
            Evidence = evidence,
            Criteria = grid is null ? [] : [.. grid.OrderedCriteria.Select(c => new CriterionRow(c.Id, c.Title))],
            ScoringMaxLevel = grid?.MaxLevel ?? 0,
            // One level per participant, campaign and objective (a unique index); the last read wins should that change.
            Levels = levels.GroupBy(l => (l.ParticipantId, l.CampaignId, l.ObjectiveId)).ToDictionary(g => g.Key, g => g.Last().Level),
            Received = feedback.GroupBy(f => f.RequesterId).ToDictionary(g => g.Key, g => g.Count()),
            Given = feedback.GroupBy(f => f.PeerId).ToDictionary(g => g.Key, g => g.Count()),
            Submissions = submissions.Where(s => s.Latest is not null).ToDictionary(s => s.ParticipantId,
                s => new SubmissionRow(s.ParticipantId, s.Latest!.Id, s.Latest.Number, s.Latest.SubmittedAt, SubmissionRecord.Locks(s.LastSubmittedAt, s.LastReopenedAt))),
            Juries = juries.GroupBy(j => j.ParticipantId).ToDictionary(g => g.Key, g => g.First()),
            EvidenceByOwner = evidence.ToLookup(e => e.OwnerId),
        };
    }

    public int? LevelIn(string participantId, int campaignId, int objectiveId) =>
        Levels.TryGetValue((participantId, campaignId, objectiveId), out var level) ? level : null;

    /// <summary>The candidate's latest self-assessed level of an objective and the campaign it was given in.</summary>
    public (int Level, PortfolioOverview.CampaignRow Campaign)? LatestLevel(string participantId, int objectiveId) =>
        PortfolioOverview.LatestOf(Campaigns, c => LevelIn(participantId, c, objectiveId));

    /// <summary>The candidate's first self-assessed level of an objective and its campaign.</summary>
    public (int Level, PortfolioOverview.CampaignRow Campaign)? FirstLevel(string participantId, int objectiveId) =>
        PortfolioOverview.FirstOf(Campaigns, c => LevelIn(participantId, c, objectiveId));

    /// <summary>The level the heat-map shows: the one given in <paramref name="campaignId"/> when a campaign is chosen, else the latest.</summary>
    public int? Level(string participantId, int objectiveId, int? campaignId) =>
        campaignId is { } c ? LevelIn(participantId, c, objectiveId) : LatestLevel(participantId, objectiveId)?.Level;

    public IEnumerable<EvidenceRow> EvidenceOf(string participantId) => EvidenceByOwner[participantId];

    public int EvidenceCount(string participantId) => EvidenceByOwner[participantId].Count();

    public int EvidenceCount(string participantId, int objectiveId) => EvidenceByOwner[participantId].Count(e => e.ObjectiveIds.Contains(objectiveId));

    /// <summary>The cohort's (or jury's) evidence tagged with both an objective and an axis.</summary>
    public int CoverageCount(int objectiveId, int axisId) => Evidence.Count(e => e.ObjectiveIds.Contains(objectiveId) && e.AxisIds.Contains(axisId));

    public int FeedbackReceived(string participantId) => Received.GetValueOrDefault(participantId);

    public int FeedbackGiven(string participantId) => Given.GetValueOrDefault(participantId);

    public SubmissionRow? Submission(string participantId) => Submissions.GetValueOrDefault(participantId);

    public JuryRow? Jury(string participantId) => Juries.GetValueOrDefault(participantId);
}
