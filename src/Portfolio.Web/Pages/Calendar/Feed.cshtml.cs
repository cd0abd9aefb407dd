using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>
/// The calendar subscription: calendar applications cannot sign in, so the secret token in the address names the
/// person. It carries the person's whole agenda (see <see cref="Agenda"/>). An unknown or regenerated token is not found.
/// </summary>
public class FeedModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > Portfolio.Core.Juries.CalendarFeed.TokenLength)
        {
            return NotFound();
        }
        var userId = await db.CalendarFeeds.Where(f => f.Token == token).Select(f => f.UserId).SingleOrDefaultAsync();
        if (userId is null)
        {
            return NotFound();
        }
        var cohort = (await ParticipantCohorts.LoadAsync(db, userId)).Current;
        var ics = Agenda.Ics(l, await Agenda.OfAsync(db, userId, cohort, l));
        // Calendar applications poll the address; nobody else should keep a copy of a personal schedule.
        Response.Headers.CacheControl = "private, no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8");
    }
}
