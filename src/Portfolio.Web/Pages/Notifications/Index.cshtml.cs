using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;

namespace Portfolio.Web.Pages.Notifications;

/// <summary>The signed-in person's notifications, newest first, a page at a time; the unread ones say so.</summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    public const int PageSize = 25;

    /// <summary>Far beyond any real history; keeps the offset computation safe from absurd page numbers.</summary>
    public const int LastPage = 10_000;

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Notifications { get; private set; } = [];
    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, LastPage);
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // One query whatever the number: the actors' names come with the page of rows, one more row says a next page exists.
        var rows = await db.Notifications
            .Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(n => new Row(n.Id, n.Kind, n.Subject,
                db.Users.Where(u => u.Id == n.ActorId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                n.CreatedAt, n.ReadAt == null))
            .ToListAsync();
        HasNextPage = rows.Count > PageSize;
        Notifications = rows.Take(PageSize).ToList();
    }

    public sealed record Row(long Id, NotificationKind Kind, string Subject, string? Actor, DateTimeOffset CreatedAt, bool Unread);
}
