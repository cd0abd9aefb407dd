using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages;

/// <summary>
/// A submitted snapshot as the coordinator's and the jury's read-only pages show it (Shared/_Snapshot): the document,
/// the ids of its copied files by stored file (for download links) and the page that serves them to this reader.
/// </summary>
/// <param name="FilePage">The download page of this audience; it checks <see cref="SubmissionAccess"/> again.</param>
public sealed record SnapshotView(SnapshotDocument Document, IReadOnlyDictionary<Guid, int> FileIds, string FilePage);
