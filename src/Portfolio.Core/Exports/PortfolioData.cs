using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Exports;

/// <summary>What an export reads from the database, once, before writing anything: plain values, no tracked entity.</summary>
public sealed record PortfolioData(
    PersonData Person,
    CohortData Cohort,
    FrameworkModel Framework,
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

public sealed record CohortData(string Name, string Programme, DateOnly StartsOn, DateOnly EndsOn);

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
