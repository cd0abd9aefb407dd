using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Web.Pages.Participant;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>
/// The person's agenda in one place: their cohort's sessions, their groups' co-development sessions and their exams;
/// and how to follow it in a calendar application (the personal subscription address, or a file to import).
/// </summary>
public class IndexModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The subscription address; null until the person asks for one.</summary>
    public string? FeedUrl { get; private set; }

    public IReadOnlyList<Agenda.Item> Upcoming { get; private set; } = [];
    public IReadOnlyList<Agenda.Item> Past { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var token = await db.CalendarFeeds.Where(f => f.UserId == me).Select(f => f.Token).SingleOrDefaultAsync();
        FeedUrl = token is null ? null : Url.Page("/Calendar/Feed", null, new { token }, Request.Scheme, Request.Host.Value);
        var items = await Agenda.OfAsync(db, me, await myCohorts.CurrentAsync(), l);
        var now = clock.GetUtcNow();
        Upcoming = items.Where(i => i.EndsAt >= now).ToList();
        // Most recent first: "what I take away from module 3" is written just after it.
        Past = items.Where(i => i.EndsAt < now).Reverse().ToList();
    }
}
