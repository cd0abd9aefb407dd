using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Submission;

/// <summary>
/// One of my submitted snapshots, read-only, exactly as the jury reads it (<see cref="SubmissionAccess"/>: its owner may
/// read it). Another person's snapshot is not found.
/// </summary>
public class SnapshotModel(PortfolioDb db) : PageModel
{
    public SnapshotView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (await SnapshotView.LoadAsync(db.Submissions.ReadableBy(db, me).Where(s => s.Id == id && s.ParticipantId == me)) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
