using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Notifications;
using Portfolio.Tests.Infrastructure;
using Portfolio.Web.Notifications;

namespace Portfolio.Tests.Notifications;

/// <summary>E-mail preferences and the job that mails notifications through the outbox into the pickup folder.</summary>
public class NotificationMailTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task RunMailJobAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationMails>().RunAsync(CancellationToken.None);
    }

    private async Task<int> NotificationMailsQueuedAsync()
    {
        await using var db = Factory.NewDb();
        return await db.OutgoingMails.CountAsync(m => m.Key.StartsWith("notification:"));
    }

    [Fact]
    public async Task The_mail_job_sends_a_wanted_kind_once_with_its_text_escaped_and_an_absolute_link()
    {
        await CreateUserAsync("ana@example.be", Roles.Participant);
        await CreateUserAsync("ben@example.be", Roles.Participant);
        var anaId = await Factory.UserIdAsync("ana@example.be");
        var benId = await Factory.UserIdAsync("ben@example.be");
        // Asked for feedback: by mail unless Ana says otherwise. Shared an item: in the centre only, by default.
        var asked = await Factory.NotifyAsync(anaId, NotificationKind.FeedbackRequested, "Mon plan <script>alert(1)</script>", "/Participant", benId);
        await Factory.NotifyAsync(anaId, NotificationKind.ItemShared, "Réunion budgétaire", "/Peer", benId);

        await RunMailJobAsync();
        await RunMailJobAsync();

        var mails = await Factory.MailsAsync(1);
        var mail = Assert.Single(mails);
        Assert.Equal("ana@example.be", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Prénom ben vous demande un retour : « Mon plan <script>alert(1)</script> »", mail.Subject);
        Assert.Contains($"/Notifications/Open?id={asked}", mail.TextBody);
        Assert.Matches($@"href=""https?://[^""]+/Notifications/Open\?id={asked}""", mail.HtmlBody);
        Assert.Contains("Mon plan &lt;script&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("/Notifications/Preferences", mail.TextBody);
        Assert.Equal(1, await NotificationMailsQueuedAsync());
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.MailHandledAt == null));
    }

    [Fact]
    public async Task The_mail_job_honours_the_kinds_each_person_chose_on_the_preferences_page()
    {
        var ana = await SignedInClientAsync("ana@example.be", Roles.Participant);
        await CreateUserAsync("ben@example.be", Roles.Participant);
        var anaId = await Factory.UserIdAsync("ana@example.be");
        var benId = await Factory.UserIdAsync("ben@example.be");

        // Ana switches feedback requests off and shared items on.
        var form = await GetPageAsync(ana, "/Notifications/Preferences");
        Assert.NotNull(form.QuerySelector("input[name=ByMail][value=FeedbackRequested][checked]"));
        Assert.Null(form.QuerySelector("input[name=ByMail][value=ItemShared][checked]"));
        var ticked = form.QuerySelectorAll("input[name=ByMail][checked]").Select(i => i.GetAttribute("value")!).Where(v => v != "FeedbackRequested").Append("ItemShared");
        var content = new FormUrlEncodedContent(ticked.Select(v => new KeyValuePair<string, string>("ByMail", v))
            .Append(new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)));
        var saved = await ana.PostAsync("/Notifications/Preferences", content);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var again = await GetPageAsync(ana, "/Notifications/Preferences");
        Assert.Null(again.QuerySelector("input[name=ByMail][value=FeedbackRequested][checked]"));
        Assert.NotNull(again.QuerySelector("input[name=ByMail][value=ItemShared][checked]"));

        await Factory.NotifyAsync(anaId, NotificationKind.FeedbackRequested, "Mon plan", "/Participant", benId);
        await Factory.NotifyAsync(anaId, NotificationKind.ItemShared, "Réunion budgétaire", "/Peer", benId);
        // Ben chose nothing: his defaults hold.
        await Factory.NotifyAsync(benId, NotificationKind.FeedbackRequested, "Son plan", "/Participant", anaId);
        await RunMailJobAsync();

        var mails = await Factory.MailsAsync(2);
        Assert.Equal(
            ["ana@example.be: Prénom ben a partagé « Réunion budgétaire » avec vous", "ben@example.be: Prénom ana vous demande un retour : « Son plan »"],
            mails.Select(m => $"{m.To.Mailboxes.Single().Address}: {m.Subject}").Order().ToList());
        Assert.Equal(2, await NotificationMailsQueuedAsync());
    }

    [Fact]
    public async Task A_person_reading_in_english_gets_the_mail_in_english()
    {
        await CreateUserAsync("ana@example.be", Roles.Participant);
        var anaId = await Factory.UserIdAsync("ana@example.be");
        await using (var db = Factory.NewDb())
        {
            (await db.Users.SingleAsync(u => u.Id == anaId)).PreferLanguage("en");
            await db.SaveChangesAsync();
        }
        await Factory.NotifyAsync(anaId, NotificationKind.CampaignClosing, "Mi-parcours", "/Participant/Assessments?campaignId=1");

        await RunMailJobAsync();

        var mail = Assert.Single(await Factory.MailsAsync(1));
        Assert.Equal("The self-assessment campaign “Mi-parcours” closes in less than a week", mail.Subject);
        Assert.Contains("Open in Portfolio", mail.TextBody);
    }

    [Fact]
    public async Task Preferences_refuse_an_unknown_kind_with_a_message_and_keep_what_was_ticked()
    {
        var ana = await SignedInClientAsync("ana@example.be", Roles.Participant);
        var form = await GetPageAsync(ana, "/Notifications/Preferences");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await ana.PostAsync("/Notifications/Preferences", new FormUrlEncodedContent(
        [
            new("ByMail", "ItemShared"), new("ByMail", "PasUnType"), new("ByMail", "99"), new("ByMail", new string('x', 5000)), new("__RequestVerificationToken", token),
        ]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Ce type de notification n'existe pas.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=ByMail][value=ItemShared][checked]"));
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.NotificationPreferences.CountAsync());
    }

    [Fact]
    public async Task Both_jobs_are_scheduled_the_reminders_daily_at_7_in_brussels()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        var reminders = jobs.Single(j => j.Id == ReminderJob.RecurringJobId);
        Assert.Equal("0 7 * * *", reminders.Cron);
        Assert.Equal("Europe/Brussels", reminders.TimeZoneId);
        Assert.Equal("* * * * *", jobs.Single(j => j.Id == NotificationMails.RecurringJobId).Cron);
    }
}
