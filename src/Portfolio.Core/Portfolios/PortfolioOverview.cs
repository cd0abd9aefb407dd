using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Portfolios;

/// <summary>
/// Everything the portfolio's summary pages show (home, competency matrix, progression), read in a fixed number of
/// queries whatever the amount of evidence, then combined in memory.
/// </summary>
public sealed class PortfolioOverview
{
    public sealed record PillarRow(int Id, string Code, string Title, IReadOnlyList<ObjectiveRow> Objectives);
    public sealed record ObjectiveRow(int Id, string Code, string Title, IReadOnlyList<int> OutcomeIds);
    public sealed record AxisRow(int Id, string Code, string Title);
    public sealed record CompetencyRow(int Id, string Code, string Title, int AfterPillarId);
    public sealed record LevelRow(int Value, string Label);
    public sealed record CampaignRow(int Id, string Name, int Position, DateOnly OpensOn, DateOnly ClosesOn);
    public sealed record AssessmentRow(int CampaignId, int? ObjectiveId, int? CompetencyId, int? Level, DateTimeOffset UpdatedAt, IReadOnlyList<int> AcquiredOutcomeIds);
    public sealed record EvidenceRow(int Id, string Title, DateOnly OccurredOn, int[] ObjectiveIds, int[] OutcomeIds, int[] AxisIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public required ParticipantCohort Cohort { get; init; }
    public required IReadOnlyList<PillarRow> Pillars { get; init; }
    public required IReadOnlyList<AxisRow> Axes { get; init; }
    public required IReadOnlyList<CompetencyRow> Competencies { get; init; }
    public required IReadOnlyList<LevelRow> Scale { get; init; }
    public required IReadOnlyList<CampaignRow> Campaigns { get; init; }
    public required IReadOnlyList<AssessmentRow> Assessments { get; init; }
    public required IReadOnlyList<EvidenceRow> Evidence { get; init; }

    public IEnumerable<ObjectiveRow> Objectives => Pillars.SelectMany(p => p.Objectives);

    public static async Task<PortfolioOverview> LoadAsync(PortfolioDb db, string userId, ParticipantCohort cohort, CancellationToken cancellationToken = default)
    {
        var framework = db.Frameworks.Where(f => f.Id == cohort.FrameworkId);
        var pillars = await framework.SelectMany(f => f.Pillars).OrderBy(p => p.Position)
            .Select(p => new PillarRow(p.Id, p.Code, p.Title, p.Objectives.OrderBy(o => o.Position)
                .Select(o => new ObjectiveRow(o.Id, o.Code, o.Title, o.Outcomes.OrderBy(lo => lo.Position).Select(lo => lo.Id).ToList())).ToList()))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var axes = await framework.SelectMany(f => f.Axes).OrderBy(a => a.Position).Select(a => new AxisRow(a.Id, a.Code, a.Title)).ToListAsync(cancellationToken);
        var competencies = await framework.SelectMany(f => f.LeadershipCompetencies).OrderBy(c => c.Position)
            .Select(c => new CompetencyRow(c.Id, c.Code, c.Title, c.AfterPillarId)).ToListAsync(cancellationToken);
        var scale = await framework.SelectMany(f => f.Scale).OrderBy(l => l.Value).Select(l => new LevelRow(l.Value, l.Label)).ToListAsync(cancellationToken);
        var campaigns = await db.Campaigns.Where(c => c.CohortId == cohort.CohortId).OrderBy(c => c.Position).ThenBy(c => c.OpensOn)
            .Select(c => new CampaignRow(c.Id, c.Name, c.Position, c.OpensOn, c.ClosesOn)).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.Where(a => a.ParticipantId == userId && a.Campaign.CohortId == cohort.CohortId)
            .Select(a => new AssessmentRow(a.CampaignId, a.ObjectiveId, a.LeadershipCompetencyId, a.Level, a.UpdatedAt,
                a.Outcomes.Where(o => o.State == OutcomeState.Acquired).Select(o => o.LearningOutcomeId).ToList()))
            .ToListAsync(cancellationToken);
        var evidence = await db.Evidence.Where(e => e.OwnerId == userId && e.CohortId == cohort.CohortId)
            .OrderByDescending(e => e.OccurredOn)
            .Select(e => new EvidenceRow(e.Id, e.Title, e.OccurredOn, e.ObjectiveIds, e.OutcomeIds, e.AxisIds, e.CreatedAt, e.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new PortfolioOverview
        {
            Cohort = cohort, Pillars = pillars, Axes = axes, Competencies = competencies, Scale = scale,
            Campaigns = campaigns, Assessments = assessments, Evidence = evidence,
        };
    }

    public CampaignRow? OpenCampaign(DateOnly today) => Campaigns.FirstOrDefault(c => c.OpensOn <= today && today <= c.ClosesOn);

    public int? LevelIn(int campaignId, int objectiveId) =>
        Assessments.FirstOrDefault(a => a.CampaignId == campaignId && a.ObjectiveId == objectiveId)?.Level;

    /// <summary>The most recent level given to an objective, with the campaign it was given in.</summary>
    public (int Level, CampaignRow Campaign)? LatestLevel(int objectiveId) =>
        Campaigns.Reverse()
            .Select(c => (Level: LevelIn(c.Id, objectiveId), Campaign: c))
            .Where(x => x.Level is not null)
            .Select(x => ((int Level, CampaignRow Campaign)?)(x.Level!.Value, x.Campaign))
            .FirstOrDefault();

    public string? LevelLabel(int? level) => level is { } value ? Scale.FirstOrDefault(l => l.Value == value)?.Label : null;

    public int EvidenceCount(int objectiveId) => Evidence.Count(e => e.ObjectiveIds.Contains(objectiveId));

    public int EvidenceCount(int objectiveId, int axisId) => Evidence.Count(e => e.ObjectiveIds.Contains(objectiveId) && e.AxisIds.Contains(axisId));

    public int AxisEvidenceCount(int axisId) => Evidence.Count(e => e.AxisIds.Contains(axisId));

    /// <summary>Learning outcomes of the objective backed by evidence or marked acquired in the latest self-assessment.</summary>
    public int CoveredOutcomes(ObjectiveRow objective)
    {
        var latest = LatestLevel(objective.Id) is { } l
            ? Assessments.First(a => a.CampaignId == l.Campaign.Id && a.ObjectiveId == objective.Id).AcquiredOutcomeIds
            : [];
        var tagged = Evidence.SelectMany(e => e.OutcomeIds).ToHashSet();
        return objective.OutcomeIds.Count(id => tagged.Contains(id) || latest.Contains(id));
    }

    /// <summary>How many objectives have a level in a campaign.</summary>
    public int AssessedObjectives(int campaignId) => Assessments.Count(a => a.CampaignId == campaignId && a.ObjectiveId is not null && a.Level is not null);

    /// <summary>The mean level of a pillar's assessed objectives in a campaign; null when none is assessed.</summary>
    public double? PillarAverage(PillarRow pillar, int campaignId)
    {
        var levels = pillar.Objectives.Select(o => LevelIn(campaignId, o.Id)).Where(l => l is not null).Select(l => (double)l!.Value).ToList();
        return levels.Count == 0 ? null : Math.Round(levels.Average(), 2);
    }

    public IEnumerable<ObjectiveRow> ObjectivesWithoutEvidence => Objectives.Where(o => EvidenceCount(o.Id) == 0);
}
