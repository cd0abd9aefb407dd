using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Core.Portfolios;

/// <summary>
/// Everything the portfolio's summary pages show (home, competency matrix, progression), read in a fixed number of
/// queries whatever the amount of evidence, then combined in memory.
/// </summary>
public sealed class PortfolioOverview
{
    public sealed record CampaignRow(int Id, string Name, int Position, DateOnly OpensOn, DateOnly ClosesOn);
    public sealed record AssessmentRow(int CampaignId, int? ObjectiveId, int? CompetencyId, int? Level, DateTimeOffset UpdatedAt, IReadOnlyList<int> AcquiredOutcomeIds);
    public sealed record EvidenceRow(int Id, string Title, DateOnly OccurredOn, int[] ObjectiveIds, int[] OutcomeIds, int[] AxisIds, int[] CompetencyIds,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public required ParticipantCohort Cohort { get; init; }
    public required FrameworkModel Framework { get; init; }
    public required IReadOnlyList<CampaignRow> Campaigns { get; init; }
    public required IReadOnlyList<AssessmentRow> Assessments { get; init; }
    public required IReadOnlyList<EvidenceRow> Evidence { get; init; }

    public static async Task<PortfolioOverview> LoadAsync(PortfolioDb db, FrameworkModels frameworks, string userId, ParticipantCohort cohort,
        CancellationToken cancellationToken = default)
    {
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision, cancellationToken);
        var campaigns = await CampaignsOf(db, cohort.CohortId).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.Where(a => a.ParticipantId == userId && a.Campaign.CohortId == cohort.CohortId)
            .Select(a => new AssessmentRow(a.CampaignId, a.ObjectiveId, a.LeadershipCompetencyId, a.Level, a.UpdatedAt,
                a.Outcomes.Where(o => o.State == OutcomeState.Acquired).Select(o => o.LearningOutcomeId).ToList()))
            .ToListAsync(cancellationToken);
        var evidence = await db.Evidence.Where(e => e.OwnerId == userId && e.CohortId == cohort.CohortId)
            .OrderByDescending(e => e.OccurredOn)
            .Select(e => new EvidenceRow(e.Id, e.Title, e.OccurredOn, e.ObjectiveIds, e.OutcomeIds, e.AxisIds, e.LeadershipCompetencyIds, e.CreatedAt, e.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new PortfolioOverview
        {
            Cohort = cohort, Framework = framework, Campaigns = campaigns, Assessments = assessments, Evidence = evidence,
        };
    }

    /// <summary>A cohort's campaigns in their order, the order "latest" is read in.</summary>
    public static IQueryable<CampaignRow> CampaignsOf(PortfolioDb db, int cohortId) =>
        db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).ThenBy(c => c.OpensOn)
            .Select(c => new CampaignRow(c.Id, c.Name, c.Position, c.OpensOn, c.ClosesOn));

    public CampaignRow? OpenCampaign(DateOnly today) => Campaigns.FirstOrDefault(c => c.OpensOn <= today && today <= c.ClosesOn);

    public int? LevelIn(int campaignId, int objectiveId) =>
        Assessments.FirstOrDefault(a => a.CampaignId == campaignId && a.ObjectiveId == objectiveId)?.Level;

    /// <summary>The most recent level given to an objective, with the campaign it was given in.</summary>
    public (int Level, CampaignRow Campaign)? LatestLevel(int objectiveId) => Latest(a => a.ObjectiveId == objectiveId);

    /// <summary>The most recent level given to a leadership competency, with the campaign it was given in.</summary>
    public (int Level, CampaignRow Campaign)? LatestCompetencyLevel(int competencyId) => Latest(a => a.CompetencyId == competencyId);

    private (int Level, CampaignRow Campaign)? Latest(Func<AssessmentRow, bool> target) =>
        LatestOf(Campaigns, c => Assessments.FirstOrDefault(a => a.CampaignId == c && target(a))?.Level);

    /// <summary>
    /// What "the latest level" means, here and nowhere else: the level of the last campaign (in the cohort's order) that
    /// has one. The cohort synthesis (<see cref="JuryPacks.CohortSynthesis"/>) asks the same question for every candidate.
    /// </summary>
    public static (int Level, CampaignRow Campaign)? LatestOf(IReadOnlyList<CampaignRow> campaigns, Func<int, int?> levelIn)
    {
        for (var i = campaigns.Count - 1; i >= 0; i--)
        {
            if (levelIn(campaigns[i].Id) is { } level)
            {
                return (level, campaigns[i]);
            }
        }
        return null;
    }

    /// <summary>The level of the first campaign (in the cohort's order) that has one: where the progression starts.</summary>
    public static (int Level, CampaignRow Campaign)? FirstOf(IReadOnlyList<CampaignRow> campaigns, Func<int, int?> levelIn)
    {
        foreach (var c in campaigns)
        {
            if (levelIn(c.Id) is { } level)
            {
                return (level, c);
            }
        }
        return null;
    }

    public int EvidenceCount(int objectiveId) => Evidence.Count(e => e.ObjectiveIds.Contains(objectiveId));

    public int EvidenceCount(int objectiveId, int axisId) => Evidence.Count(e => e.ObjectiveIds.Contains(objectiveId) && e.AxisIds.Contains(axisId));

    public int AxisEvidenceCount(int axisId) => Evidence.Count(e => e.AxisIds.Contains(axisId));

    public int CompetencyEvidenceCount(int competencyId) => Evidence.Count(e => e.CompetencyIds.Contains(competencyId));

    public int CompetencyEvidenceCount(int competencyId, int axisId) => Evidence.Count(e => e.CompetencyIds.Contains(competencyId) && e.AxisIds.Contains(axisId));

    /// <summary>Learning outcomes of the objective backed by evidence or marked acquired in the latest self-assessment.</summary>
    public int CoveredOutcomes(ObjectiveNode objective)
    {
        var latest = LatestLevel(objective.Id) is { } l
            ? Assessments.First(a => a.CampaignId == l.Campaign.Id && a.ObjectiveId == objective.Id).AcquiredOutcomeIds
            : [];
        return objective.Outcomes.Count(o => TaggedOutcomes.Contains(o.Id) || latest.Contains(o.Id));
    }

    /// <summary>Outcomes tagged by any evidence item, gathered once for the whole matrix rather than once a row.</summary>
    private HashSet<int> TaggedOutcomes => taggedOutcomes ??= Evidence.SelectMany(e => e.OutcomeIds).ToHashSet();
    private HashSet<int>? taggedOutcomes;

    /// <summary>How many objectives have a level in a campaign.</summary>
    public int AssessedObjectives(int campaignId) => Assessments.Count(a => a.CampaignId == campaignId && a.ObjectiveId is not null && a.Level is not null);

    /// <summary>The mean level of a pillar's assessed objectives in a campaign; null when none is assessed.</summary>
    public double? PillarAverage(PillarNode pillar, int campaignId)
    {
        var levels = pillar.Objectives.Select(o => LevelIn(campaignId, o.Id)).Where(l => l is not null).Select(l => (double)l!.Value).ToList();
        return levels.Count == 0 ? null : Math.Round(levels.Average(), 2);
    }

    public IEnumerable<ObjectiveNode> ObjectivesWithoutEvidence => Framework.Objectives.Where(o => EvidenceCount(o.Id) == 0);
}
