using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Exports;

/// <summary>What an export reads from the database, once, before writing anything: plain values, no tracked entity.</summary>
public sealed record PortfolioData(
    PersonData Person,
    CohortData Cohort,
    FrameworkData Framework,
    IReadOnlyList<CampaignData> Campaigns,
    IReadOnlyList<AssessmentData> Assessments,
    IReadOnlyList<EvidenceData> Evidence,
    IReadOnlyList<JournalData> Journal,
    DateTimeOffset GeneratedAt,
    DateOnly GeneratedOn);

public sealed record PersonData(string FirstName, string LastName, string Email, string? Organisation)
{
    public string Name => $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : Email;
}

public sealed record CohortData(string Name, string Programme, DateOnly StartsOn, DateOnly EndsOn, string FrameworkCode, int FrameworkVersion);

public sealed record CampaignData(int Id, string Name, int Position, DateOnly OpensOn, DateOnly ClosesOn);

public sealed record OutcomeStateData(int OutcomeId, OutcomeState State);

public sealed record AssessmentData(int Id, int CampaignId, int? ObjectiveId, int? LeadershipCompetencyId, int? Level, string Justification,
    IReadOnlyList<OutcomeStateData> Outcomes, int[] EvidenceIds, DateTimeOffset UpdatedAt);

public sealed record AttachmentData(string FileName, string ContentType, long Length, string Sha256, Guid StoredFileId, string ZipPath);

public sealed record EvidenceData(int Id, string Title, DateOnly OccurredOn, EvidenceKind Kind, string Description, string Reflection, Visibility Visibility,
    int[] ObjectiveIds, int[] OutcomeIds, int[] AxisIds, int[] LeadershipCompetencyIds, IReadOnlyList<EvidenceLink> Links,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<AttachmentData> Attachments);

public sealed record JournalData(int Id, DateOnly WrittenOn, string Title, string Body, int? PillarId, int? LeadershipCompetencyId, int? ObjectiveId,
    Visibility Visibility, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record OutcomeData(int Id, string Code, string Text);
public sealed record ObjectiveData(int Id, string Code, string Title, IReadOnlyList<OutcomeData> Outcomes);
public sealed record PillarData(int Id, string Code, string Title, IReadOnlyList<ObjectiveData> Objectives);
public sealed record NamedData(int Id, string Code, string Title);
public sealed record ScaleData(int Value, string Label, string Description);

/// <summary>The framework version of the cohort, in display order, with lookups from ids to codes.</summary>
public sealed record FrameworkData(string Code, int Version, string Title, string PillarLabel, IReadOnlyList<ScaleData> Scale,
    IReadOnlyList<PillarData> Pillars, IReadOnlyList<NamedData> Axes, IReadOnlyList<NamedData> LeadershipCompetencies)
{
    public static FrameworkData From(Framework f) => new(f.Code, f.Version, f.Title, f.PillarLabel,
        [.. f.Scale.OrderBy(l => l.Value).Select(l => new ScaleData(l.Value, l.Label, l.Description))],
        [.. f.Pillars.OrderBy(p => p.Position).Select(p => new PillarData(p.Id, p.Code, p.Title,
            [.. p.Objectives.OrderBy(o => o.Position).Select(o => new ObjectiveData(o.Id, o.Code, o.Title,
                [.. o.Outcomes.OrderBy(lo => lo.Position).Select(lo => new OutcomeData(lo.Id, lo.Code, lo.Text))]))]))],
        [.. f.Axes.OrderBy(a => a.Position).Select(a => new NamedData(a.Id, a.Code, a.Title))],
        [.. f.LeadershipCompetencies.OrderBy(c => c.Position).Select(c => new NamedData(c.Id, c.Code, c.Title))]);

    public IReadOnlyDictionary<int, ObjectiveData> Objectives { get; } = Pillars.SelectMany(p => p.Objectives).ToDictionary(o => o.Id);
    public IReadOnlyDictionary<int, OutcomeData> Outcomes { get; } = Pillars.SelectMany(p => p.Objectives).SelectMany(o => o.Outcomes).ToDictionary(o => o.Id);
    public IReadOnlyDictionary<int, PillarData> PillarsById { get; } = Pillars.ToDictionary(p => p.Id);
    public IReadOnlyDictionary<int, NamedData> AxesById { get; } = Axes.ToDictionary(a => a.Id);
    public IReadOnlyDictionary<int, NamedData> CompetenciesById { get; } = LeadershipCompetencies.ToDictionary(c => c.Id);
    public IReadOnlyDictionary<int, ScaleData> ScaleByValue { get; } = Scale.ToDictionary(l => l.Value);

    public string? ObjectiveCode(int? id) => id is { } v && Objectives.TryGetValue(v, out var o) ? o.Code : null;
    public string? CompetencyCode(int? id) => id is { } v && CompetenciesById.TryGetValue(v, out var c) ? c.Code : null;
    public string? PillarCode(int? id) => id is { } v && PillarsById.TryGetValue(v, out var p) ? p.Code : null;
    public string? LevelLabel(int? level) => level is { } v && ScaleByValue.TryGetValue(v, out var l) ? l.Label : null;

    /// <summary>Codes of the ids that still exist in the framework, in the given order.</summary>
    public static string[] Codes<T>(IEnumerable<int> ids, IReadOnlyDictionary<int, T> byId, Func<T, string> code) =>
        [.. ids.Where(byId.ContainsKey).Select(id => code(byId[id]))];
}
