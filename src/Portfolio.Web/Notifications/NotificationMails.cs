using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Mail;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;
using Portfolio.Web.Hosting;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Notifications;

/// <summary>
/// Every minute: each notification not yet handled is mailed to its person when they receive that kind by mail
/// (<see cref="NotificationPreference"/>), through the outbox that sends the invitations. The notifications are locked
/// (FOR UPDATE SKIP LOCKED), marked handled and their messages queued in one transaction: a second run, or a second
/// worker at the same time, finds nothing left to send. The message's key ("notification:{id}") is unique as well.
/// </summary>
public sealed class NotificationMails(PortfolioDb db, PublicUrls urls, IStringLocalizer<SharedResource> l, IBackgroundJobClient hangfire,
    TimeProvider clock, ILogger<NotificationMails> logger)
{
    public const string RecurringJobId = "notification-mails";
    public const string Schedule = "* * * * *";
    public const int BatchSize = 200;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await SendBatchAsync(cancellationToken) == BatchSize)
        {
        }
    }

    /// <returns>the number of notifications handled (mailed or not, as each person chose)</returns>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var mails = new List<OutgoingMail>();
        int handled;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var pending = await db.Notifications
                .FromSql($"""SELECT * FROM "Notifications" WHERE "MailHandledAt" IS NULL ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(cancellationToken);
            handled = pending.Count;
            if (handled == 0)
            {
                return 0;
            }
            var ids = pending.Select(n => n.UserId).Concat(pending.Select(n => n.ActorId).OfType<string>()).Distinct().ToList();
            var people = await db.Users.Where(u => ids.Contains(u.Id))
                .Select(u => new Person(u.Id, u.Email, u.FirstName, (u.FirstName + " " + u.LastName).Trim(), u.PreferredLanguage, u.DeactivatedAt == null))
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            var choices = (await db.NotificationPreferences.Where(p => ids.Contains(p.UserId)).ToListAsync(cancellationToken)).ToLookup(p => p.UserId);
            foreach (var notification in pending)
            {
                notification.MailHandled(now);
                if (people.GetValueOrDefault(notification.UserId) is not { Active: true, Email: { Length: > 0 } } person
                    || !NotificationPreference.ByMailFor(notification.Kind, choices[notification.UserId]))
                {
                    continue;
                }
                var actor = notification.ActorId is { } actorId ? people.GetValueOrDefault(actorId)?.Name : null;
                mails.Add(Write(notification, person, actor, now));
            }
            db.OutgoingMails.AddRange(mails);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        // Queued after the commit, so that the sending job never looks for a message not saved yet.
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
        logger.LogInformation("Notifications handled: {Handled}; mailed: {Mailed}", handled, mails.Count);
        return handled;
    }

    private OutgoingMail Write(Notification notification, Person person, string? actor, DateTimeOffset now)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = PortfolioHosting.CultureFor(person.Language);
        try
        {
            var sentence = NotificationText.Sentence(l, notification.Kind, notification.Subject, actor);
            // A subject is one line, whatever the question typed in a text area held.
            var subject = StorableText.Shorten(string.Join(' ', sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 300);
            var link = urls.To($"/Notifications/Open?id={notification.Id}");
            var preferences = urls.To("/Notifications/Preferences");
            var greeting = l["Bonjour {0},", person.FirstName].Value;
            var open = l["Ouvrir dans Portfolio"].Value;
            var why = l["Vous recevez ce message parce que vous avez choisi de recevoir ce type de notification par e-mail. Pour changer ce choix :"].Value;
            var signature = l["L'équipe Portfolio"].Value;

            var plain = $"{greeting}\n\n{sentence}\n\n{open} :\n{link}\n\n{why}\n{preferences}\n\n{signature}\n";
            var html = HtmlEncoder.Default;
            var body = new StringBuilder($"<!DOCTYPE html><html lang=\"{html.Encode(person.Language)}\"><head><meta charset=\"utf-8\"><title>{html.Encode(subject)}</title></head><body>")
                .Append("<p>").Append(html.Encode(greeting)).Append("</p>")
                .Append("<p>").Append(html.Encode(sentence)).Append("</p>")
                .Append($"<p><a href=\"{html.Encode(link)}\">{html.Encode(open)}</a></p>")
                .Append($"<p><small>{html.Encode(why)} <a href=\"{html.Encode(preferences)}\">{html.Encode(preferences)}</a></small></p>")
                .Append("<p>").Append(html.Encode(signature)).Append("</p></body></html>");
            return new OutgoingMail($"notification:{notification.Id}", person.Email!, person.Name, subject, plain, body.ToString(), now);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed record Person(string Id, string? Email, string FirstName, string Name, string Language, bool Active);
}
