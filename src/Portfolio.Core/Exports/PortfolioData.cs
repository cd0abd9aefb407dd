using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Exports;

/// <summary>
/// What an export reads from the database, once, before writing anything: plain values, no tracked entity.
/// <paramref name="Components"/>: the parts the programme uses; the page leaves out the sections of the others.
/// <paramref name="Project"/>: the transformation project, for a programme that follows one and once the person stated it.
/// </summary>
public sealed record PortfolioData(
    PersonData Person,
    CohortData Cohort,
    FrameworkModel Framework,
    IReadOnlyList<CampaignData> Campaigns,
    IReadOnlyList<AssessmentData> Assessments,
    IReadOnlyList<EvidenceData> Evidence,
    IReadOnlyList<JournalData> Journal,
    DateTimeOffset GeneratedAt,
    DateOnly GeneratedOn,
    ProgrammeComponents Components = ProgrammeComponents.Default,
    ProjectData? Project = null)
{
    public bool Uses(ProgrammeComponents part) => (Components & part) != 0;
}

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
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<AttachmentData> Attachments, SessionData? Session = null, bool OnProject = false);

/// <summary>The session of the cohort's calendar an item is tied to.</summary>
public sealed record SessionData(string Title, DateTimeOffset StartsAt);

public sealed record MilestoneData(string Title, DateOnly DueOn, string Note, DateOnly? DoneOn);

/// <summary>The transformation project as its owner wrote it; the presentation's file, if any, is copied into the archive like an attachment.</summary>
public sealed record ProjectData(string Title, string Context, string Ambition, IReadOnlyList<MilestoneData> Milestones,
    DateOnly? PresentationOn, string PresentationSummary, DateTimeOffset? PresentationSubmittedAt, AttachmentData? PresentationFile);

public sealed record JournalData(int Id, DateOnly WrittenOn, string Title, string Body, int? PillarId, int? LeadershipCompetencyId, int? ObjectiveId,
    Visibility Visibility, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
