using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>Creates the person's secret calendar address, or replaces it (the old one stops working at once).</summary>
public class RegenerateModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == me);
        if (feed is null)
        {
            db.CalendarFeeds.Add(new CalendarFeed(me, clock.GetUtcNow()));
        }
        else
        {
            feed.Regenerate(clock.GetUtcNow());
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two clicks at once both created an address: the first one stands.
        }
        TempData["Message"] = l["Votre adresse d'abonnement est prête."].Value;
        return RedirectToPage("Index");
    }
}
