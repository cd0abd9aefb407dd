using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Sessions;

/// <summary>
/// Takes a session off the cohort's calendar after a confirmation. The row is kept, cancelled: subscribed calendars
/// must learn that the event is gone (same UID, higher SEQUENCE, STATUS:CANCELLED), and participants' reflections
/// tied to it keep their tie. A cancelled seminar no longer opens its competency's self-assessment.
/// </summary>
public class DeleteModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var session = await LoadAsync(id);
        if (session is null)
        {
            // Already taken off (a double click) or not the coordinator's: nothing to do.
            return NotFound();
        }
        session.Cancel(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = l["Cette séance a changé pendant que vous la supprimiez : vérifiez-la puis recommencez."].Value;
            return RedirectToPage("Index", new { cohortId = CohortId });
        }
        TempData["Message"] = l["La séance « {0} » est retirée du calendrier.", session.Title].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<CohortSession?> LoadAsync(int id)
    {
        var found = await db.CohortSessions.Where(s => s.Id == id && s.CancelledAt == null && coordination.Cohorts.Any(c => c.Id == s.CohortId))
            .Select(s => new { Session = s, Cohort = db.Cohorts.Where(c => c.Id == s.CohortId).Select(c => c.Name).First() })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (CohortId, CohortName, Title, StartsAt) = (found.Session.CohortId, found.Cohort, found.Session.Title, found.Session.StartsAt);
        return found.Session;
    }
}
