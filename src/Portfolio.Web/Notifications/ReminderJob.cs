using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;

namespace Portfolio.Web.Notifications;

/// <summary>
/// Daily at 07:00 Brussels time: asks each <see cref="IReminderSource"/> what is due today and creates those notifications.
/// Each reminder first takes its row in <see cref="ReminderLog"/> (INSERT ... ON CONFLICT DO NOTHING on its unique key),
/// in the same transaction as its notification: a second run the same day, or two workers at once, find the row taken and
/// create nothing; a run that fails leaves neither.
/// </summary>
public sealed class ReminderJob(PortfolioDb db, IEnumerable<IReminderSource> sources, TimeProvider clock, ILogger<ReminderJob> logger)
{
    public const string RecurringJobId = "reminders";

    /// <summary>Daily at 07:00, read in <see cref="Dates.Brussels"/>: before the working day starts.</summary>
    public const string Schedule = "0 7 * * *";

    public Task RunAsync(CancellationToken cancellationToken) => RemindAsync(clock.GetUtcNow(), cancellationToken);

    /// <returns>the number of notifications created</returns>
    public async Task<int> RemindAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        now = now.ToUniversalTime();
        var today = Dates.InBrussels(now);
        var due = new List<Reminder>();
        foreach (var source in sources)
        {
            due.AddRange(await source.DueAsync(db, today, cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = 0;
        foreach (var reminder in due)
        {
            var kind = reminder.Kind.ToString();
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReminderLogs" ("UserId", "Kind", "SubjectKey", "Day", "CreatedAt")
                VALUES ({reminder.UserId}, {kind}, {reminder.SubjectKey}, {reminder.Occasion}, {now})
                ON CONFLICT ("UserId", "Kind", "SubjectKey", "Day") DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                db.Notify(reminder.UserId, reminder.Kind, reminder.Subject, reminder.Link, actorId: null, now);
                created++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Reminders for {Today}: {Due} due, {Created} created", today, due.Count, created);
        return created;
    }
}
