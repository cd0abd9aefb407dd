using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Notifications;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Notifications;

/// <summary>Notifications stored for a test, as the actions that create them would (through Notify).</summary>
public static class NotificationBuilder
{
    public static async Task<long> NotifyAsync(this PortfolioFactory factory, string userId, NotificationKind kind, string subject, string link = "/Participant",
        string? actorId = null, DateTimeOffset? at = null)
    {
        await using var db = factory.NewDb();
        var notification = db.Notify(userId, kind, subject, link, actorId, at ?? DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return notification.Id;
    }

}
