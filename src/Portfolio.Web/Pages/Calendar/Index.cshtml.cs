using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>How to follow one's exams in a calendar application: the personal subscription address, or a file to import.</summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    /// <summary>The subscription address; null until the person asks for one.</summary>
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var token = await db.CalendarFeeds.Where(f => f.UserId == me).Select(f => f.Token).SingleOrDefaultAsync();
        FeedUrl = token is null ? null : Url.Page("/Calendar/Feed", null, new { token }, Request.Scheme, Request.Host.Value);
    }
}
