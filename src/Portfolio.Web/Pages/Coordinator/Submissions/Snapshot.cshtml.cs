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
    public SnapshotView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (await SnapshotView.LoadAsync(db.Submissions.ReadableBy(db, me).Where(s => s.Id == id)) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
