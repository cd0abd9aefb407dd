using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>
/// Starts the session, moves it to the next step or closes it. The form carries the version the runner saw, so that a
/// double click or a second runner's tab never skips a step.
/// </summary>
public class AdvanceModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public uint RowVersion { get; set; }

    public IActionResult OnGet(int id) => RedirectToPage("Session", new { id });

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var found = await CodevAccess.SessionAsync(db, id, User.Me());
        if (found is not { } f)
        {
            return NotFound();
        }
        try
        {
            f.Session.Advance(User.Me(), f.Group, clock.GetUtcNow());
            db.Entry(f.Session).Property(s => s.RowVersion).OriginalValue = RowVersion;
            await db.SaveChangesAsync();
        }
        catch (CodevRefusedException refused)
        {
            TempData["Refused"] = l[refused.Message].Value;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Refused"] = l["La séance a changé entre-temps (autre onglet ou autre personne) : voici où elle en est."].Value;
        }
        return RedirectToPage("Session", new { id });
    }
}
