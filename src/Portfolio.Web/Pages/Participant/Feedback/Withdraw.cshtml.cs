using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>The requester withdraws a request: the peers lose access to its items at once (<see cref="Core.Intervision.ItemAccess"/>); answers already sent stay.</summary>
public class WithdrawModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Id { get; private set; }
    public string Question { get; private set; } = "";
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var request = await db.FeedbackRequests.Where(r => r.Id == id && r.RequesterId == me).Select(r => new { r.Question, r.WithdrawnAt }).SingleOrDefaultAsync();
        if (request is null)
        {
            return NotFound();
        }
        (Id, Question, WithdrawnAt) = (id, request.Question, request.WithdrawnAt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var request = await db.FeedbackRequests.SingleOrDefaultAsync(r => r.Id == id && r.RequesterId == me);
        if (request is null)
        {
            return NotFound();
        }
        request.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync();
        TempData["Message"] = l["La demande a été retirée : vos pairs n'ont plus accès à ses preuves."].Value;
        return RedirectToPage("Received", new { id });
    }
}
