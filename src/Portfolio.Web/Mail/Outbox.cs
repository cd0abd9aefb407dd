using Hangfire;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Mail;

namespace Portfolio.Web.Mail;

/// <summary>
/// Queues a message: one outbox row per request key, then a Hangfire job that sends it. The row is saved first, so that a
/// job never looks for a message that is not there, and the admin page shows a message whose job could not be queued.
/// </summary>
public sealed class Outbox(PortfolioDb db, IBackgroundJobClient hangfire, ILogger<Outbox> logger)
{
    /// <summary>Queues the messages, saving them together with whatever else the context holds (the links they carry).</summary>
    public async Task QueueAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken = default)
    {
        db.OutgoingMails.AddRange(mails);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same request was queued already (a double click, a retried page): its message is on its way.
            logger.LogInformation(e, "Mail already queued: {Keys}", string.Join(", ", mails.Select(m => m.Key)));
            db.ChangeTracker.Clear();
            return;
        }
        foreach (var mail in mails)
        {
            var mailId = mail.Id;
            try
            {
                hangfire.Enqueue<MailDelivery>(job => job.SendAsync(mailId, CancellationToken.None));
            }
            catch (BackgroundJobClientException e)
            {
                logger.LogError(e, "Could not queue the sending of mail {MailId} ({Key})", mailId, mail.Key);
            }
        }
    }
}
