using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Submissions;

/// <summary>
/// The textual part of a submission, as written to JSON when it was taken. <see cref="FormatVersion"/> says which shape
/// it has, so that a later shape can still read the snapshots of earlier cohorts. Names and titles are copied, not
/// referenced: the snapshot reads the same whatever happens to the portfolio, the framework or the people afterwards.
/// </summary>
public sealed record SnapshotDocument(
    int FormatVersion,
    string ParticipantName,
    string CohortName,
    string ProgrammeTitle,
    IReadOnlyList<SnapshotCampaign> Campaigns,
    IReadOnlyList<SnapshotEvidence> Evidence,
    IReadOnlyList<SnapshotReflection> Reflections,
    IReadOnlyList<SnapshotFeedback> Feedback,
    SnapshotReport Report)
{
    public const int CurrentFormat = 1;
}

/// <summary>One self-assessment campaign with the participant's levels, objective by objective then competency by competency.</summary>
public sealed record SnapshotCampaign(string Name, DateOnly OpensOn, DateOnly ClosesOn, IReadOnlyList<SnapshotAssessment> Assessments);

public sealed record SnapshotAssessment(string Code, string Title, bool Leadership, int? Level, string? LevelLabel, string Justification);

/// <param name="SourceId">The item's id in the portfolio when submitted, to link citations of the report to it.</param>
public sealed record SnapshotEvidence(int SourceId, string Title, DateOnly OccurredOn, EvidenceKind Kind, string Description, string Reflection,
    IReadOnlyList<string> Objectives, IReadOnlyList<string> Axes, IReadOnlyList<EvidenceLink> Links, IReadOnlyList<SnapshotFile> Attachments);

/// <summary>A file copied with the snapshot; <see cref="StoredFileId"/> names the copy, not the portfolio's file.</summary>
public sealed record SnapshotFile(Guid StoredFileId, string FileName, long Length);

public sealed record SnapshotReflection(int SourceId, DateOnly WrittenOn, string Title, string Body);

public sealed record SnapshotFeedback(string From, DateTimeOffset SubmittedAt, string Question, string Strengths, string Questions, string Suggestions);

public sealed record SnapshotCitation(int SourceId, string Title);

public sealed record SnapshotSection(string Key, string Title, string Text, int Words, IReadOnlyList<SnapshotCitation> Citations);

/// <summary>The individual report: written sections with their citations, or the uploaded file (<see cref="File"/>).</summary>
public sealed record SnapshotReport(SnapshotFile? File, IReadOnlyList<SnapshotSection> Sections)
{
    public int TotalWords => Sections.Sum(s => s.Words);
}
