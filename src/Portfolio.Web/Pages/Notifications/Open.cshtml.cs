using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Notifications;

/// <summary>Following a notification (from the centre or an e-mail): marks it read, then goes where it points.</summary>
public class OpenModel(PortfolioDb db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me);
        if (notification is null)
        {
            return NotFound();
        }
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync();
        // Notify only stores local links; a row written otherwise must still never send the reader elsewhere.
        return Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : RedirectToPage("/Notifications/Index");
    }
}
