using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Notifications;

/// <summary>"Tout marquer comme lu": every unread notification of the person, in one command.</summary>
public class ReadAllModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Notifications/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTimeOffset?)now));
        TempData["Message"] = l["Toutes vos notifications sont marquées comme lues."].Value;
        return RedirectToPage("/Notifications/Index");
    }
}
