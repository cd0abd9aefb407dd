using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages;

/// <summary>
/// A submitted snapshot as the read-only pages show it (Shared/_Snapshot) to the participant, the coordinator and the
/// jury: the document, its number and date, and the ids of its copied files by stored file (for the links to
/// /Submissions/File, which checks <see cref="SubmissionAccess"/> again).
/// </summary>
public sealed record SnapshotView(int CohortId, int Number, DateTimeOffset SubmittedAt, SnapshotDocument Document, IReadOnlyDictionary<Guid, int> FileIds)
{
    /// <summary>The one submission <paramref name="readable"/> names (already filtered by <see cref="SubmissionAccess"/>), or null. One command.</summary>
    public static async Task<SnapshotView?> LoadAsync(IQueryable<Submission> readable)
    {
        var found = await readable
            .Select(s => new { s.CohortId, s.Number, s.SubmittedAt, s.Content, Files = s.Files.Select(f => new { f.Id, f.StoredFileId }).ToList() })
            .SingleOrDefaultAsync();
        return found is null
            ? null
            : new SnapshotView(found.CohortId, found.Number, found.SubmittedAt, System.Text.Json.JsonSerializer.Deserialize<SnapshotDocument>(found.Content)!,
                found.Files.ToDictionary(f => f.StoredFileId, f => f.Id));
    }
}
