using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Notifications;

/// <summary>The header's link to the notification centre with the number of unread notifications: one SQL command per page.</summary>
public sealed class NotificationCountViewComponent(PortfolioDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (me is null)
        {
            return Content("");
        }
        var unread = await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null);
        return View(unread);
    }
}
