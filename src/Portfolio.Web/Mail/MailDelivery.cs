using Microsoft.EntityFrameworkCore;
using MimeKit;
using Portfolio.Core.Data;
using Portfolio.Core.Mail;

namespace Portfolio.Web.Mail;

/// <summary>
/// The Hangfire job that sends one outbox message. Hangfire may run it more than once (a retry, a duplicate after a
/// crash): the row is claimed in one conditional UPDATE before sending and marked sent right after, so a second run
/// finds it claimed or sent and sends nothing. A failure is recorded on the row and thrown, for Hangfire to retry.
/// </summary>
public sealed class MailDelivery(PortfolioDb db, IMailTransport transport, MailSettings settings, TimeProvider clock, ILogger<MailDelivery> logger)
{
    public async Task SendAsync(Guid mailId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var abandonedBefore = now - OutgoingMail.ClaimExpiresAfter;
        var claimed = await db.OutgoingMails
            .Where(m => m.Id == mailId && m.SentAt == null && (m.ClaimedAt == null || m.ClaimedAt < abandonedBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            logger.LogInformation("Mail {MailId} not sent by this run: already sent, being sent, or gone", mailId);
            return;
        }
        var mail = await db.OutgoingMails.SingleAsync(m => m.Id == mailId, cancellationToken);
        try
        {
            await transport.DeliverAsync(Compose(mail), cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Mail {MailId} ({Key}) could not be sent", mail.Id, mail.Key);
            mail.Failed(e.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        mail.Sent(clock.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Mail {MailId} ({Key}) sent", mail.Id, mail.Key);
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = mail.QueuedAt,
            // Derived from the outbox row: a second delivery of the same row is recognisably the same message.
            MessageId = $"{mail.Id:N}@portfolio",
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}
