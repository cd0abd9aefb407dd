using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Coordinator.Submissions;

/// <summary>One submitted snapshot, read-only, for a coordinator of the programme (<see cref="SubmissionAccess"/>).</summary>
public class SnapshotModel(PortfolioDb db) : PageModel
{
    public int CohortId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public SnapshotView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var submission = await db.Submissions.ReadableBy(db, me).Where(s => s.Id == id)
            .Select(s => new { s.CohortId, s.Number, s.SubmittedAt, s.Content, Files = s.Files.Select(f => new { f.Id, f.StoredFileId }).ToList() })
            .SingleOrDefaultAsync();
        if (submission is null)
        {
            return NotFound();
        }
        (CohortId, Number, SubmittedAt) = (submission.CohortId, submission.Number, submission.SubmittedAt);
        View = new SnapshotView(System.Text.Json.JsonSerializer.Deserialize<SnapshotDocument>(submission.Content)!,
            submission.Files.ToDictionary(f => f.StoredFileId, f => f.Id), "/Coordinator/Submissions/File");
        return Page();
    }
}
