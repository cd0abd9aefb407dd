using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Notifications;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Notifications;

/// <summary>The notification centre, the header's unread count and following a notification.</summary>
public class NotificationCentreTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<(HttpClient Ana, string AnaId, string BenId)> AnaAndBenAsync()
    {
        var ana = await SignedInClientAsync("ana@example.be", Roles.Participant);
        await CreateUserAsync("ben@example.be", Roles.Participant);
        return (ana, await Factory.UserIdAsync("ana@example.be"), await Factory.UserIdAsync("ben@example.be"));
    }

    [Fact]
    public async Task The_centre_lists_notifications_newest_first_worded_from_their_facts_with_the_unread_ones_said_in_text()
    {
        var (ana, anaId, benId) = await AnaAndBenAsync();
        var old = DateTimeOffset.UtcNow.AddHours(-3);
        var readId = await Factory.NotifyAsync(anaId, NotificationKind.ItemShared, "Réunion budgétaire", "/Peer", benId, old);
        await Factory.NotifyAsync(anaId, NotificationKind.FeedbackRequested, "Que pensez-vous de mon <b>plan</b> ?", "/Participant", benId, old.AddHours(1));
        await Factory.NotifyAsync(anaId, NotificationKind.CampaignClosing, "Mi-parcours", "/Participant/Assessments", null, old.AddHours(2));
        await using (var db = Factory.NewDb())
        {
            (await db.Notifications.SingleAsync(n => n.Id == readId)).MarkRead(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var page = await GetPageAsync(ana, "/Notifications");

        var items = page.QuerySelectorAll("#notifications li").Select(li => li.QuerySelector("a")!.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "La campagne d'auto-évaluation « Mi-parcours » se clôture dans moins d'une semaine",
            "Prénom ben vous demande un retour : « Que pensez-vous de mon <b>plan</b> ? »",
            "Prénom ben a partagé « Réunion budgétaire » avec vous",
        ], items);
        var unread = page.QuerySelectorAll("#notifications li").Select(li => li.TextContent.Contains("Non lue", StringComparison.Ordinal)).ToList();
        Assert.Equal([true, true, false], unread);
        // The subject is text, never markup.
        Assert.Empty(page.QuerySelectorAll("#notifications b"));

        var english = await GetPageAsync(ana, "/Notifications?culture=en");
        var englishItems = english.QuerySelectorAll("#notifications li a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "The self-assessment campaign “Mi-parcours” closes in less than a week",
            "Prénom ben asks you for feedback: “Que pensez-vous de mon <b>plan</b> ?”",
            "Prénom ben shared “Réunion budgétaire” with you",
        ], englishItems);
        Assert.Contains("Unread", english.QuerySelector("#notifications li")!.TextContent);
    }

    [Fact]
    public async Task The_header_shows_the_unread_count_in_words_until_all_are_marked_read()
    {
        var (ana, anaId, benId) = await AnaAndBenAsync();
        Assert.Equal("Notifications", await HeaderAsync(ana));

        await Factory.NotifyAsync(anaId, NotificationKind.FeedbackRequested, "Mon plan", actorId: benId);
        Assert.Equal("Notifications, 1 non lue | Notifications 1 non lue", await HeaderAsync(ana));
        await Factory.NotifyAsync(anaId, NotificationKind.FeedbackAnswered, "Mon plan", actorId: benId);
        await Factory.NotifyAsync(anaId, NotificationKind.FeedbackOverdue, "Son plan");
        await Factory.NotifyAsync(benId, NotificationKind.FeedbackOverdue, "Pas pour Ana");
        Assert.Equal("Notifications, 3 non lues | Notifications 3 non lues", await HeaderAsync(ana));
        Assert.Equal("Notifications, 3 unread | Notifications 3 unread", await HeaderAsync(ana, "/Participant?culture=en"));

        var response = await PostFormAsync(ana, "/Notifications", new(), formSelector: "main form[action*='ReadAll']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await GetPageAsync(ana, "/Notifications");
        Assert.Null(after.QuerySelector("#notification-count")!.GetAttribute("aria-label"));
        Assert.Equal("Notifications", Normalise(after.QuerySelector("#notification-count")!.TextContent));
        Assert.Contains("Toutes vos notifications sont marquées comme lues.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.DoesNotContain("Non lue", after.QuerySelector("#notifications")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.ReadAt == null));
    }

    /// <summary>The header link's accessible name (when it has one of its own) and its visible text.</summary>
    private static async Task<string> HeaderAsync(HttpClient client, string url = "/Participant")
    {
        var link = (await GetPageAsync(client, url)).QuerySelector("#notification-count")!;
        var text = Normalise(link.TextContent);
        return link.GetAttribute("aria-label") is { } name ? $"{name} | {text}" : text;
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_page()
    {
        var (ana, anaId, benId) = await AnaAndBenAsync();
        var id = await Factory.NotifyAsync(anaId, NotificationKind.ItemShared, "Réunion budgétaire", "/Peer", benId);

        var response = await ana.GetAsync($"/Notifications/Open?id={id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Peer", response.Headers.Location!.OriginalString);
        await using var db = Factory.NewDb();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == id)).ReadAt);
    }

    [Fact]
    public async Task Opening_someone_elses_notification_answers_404_and_leaves_it_unread()
    {
        var (ana, _, benId) = await AnaAndBenAsync();
        var bens = await Factory.NotifyAsync(benId, NotificationKind.FeedbackOverdue, "Le plan d'Ana", "/Participant");

        foreach (var url in new[] { $"/Notifications/Open?id={bens}", "/Notifications/Open?id=999999", "/Notifications/Open?id=abc", "/Notifications/Open" })
        {
            var response = await ana.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        await using var db = Factory.NewDb();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == bens)).ReadAt);
    }

    [Fact]
    public async Task A_notification_pointing_outside_the_application_leads_back_to_the_centre()
    {
        var (ana, anaId, _) = await AnaAndBenAsync();
        long id;
        await using (var db = Factory.NewDb())
        {
            // Notify refuses such links; a row written around it must still not send the reader away.
            Assert.Throws<ArgumentException>(() => db.Notify(anaId, NotificationKind.ItemShared, "x", "https://evil.example/", null, DateTimeOffset.UtcNow));
            db.ChangeTracker.Clear();
            var forged = new Notification(anaId, NotificationKind.ItemShared, "Piège", "//evil.example/phish", null, DateTimeOffset.UtcNow);
            db.Notifications.Add(forged);
            await db.SaveChangesAsync();
            id = forged.Id;
        }

        var response = await ana.GetAsync($"/Notifications/Open?id={id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Notifications", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_centre_issues_as_many_commands_for_3_and_for_80_notifications()
    {
        var (ana, anaId, benId) = await AnaAndBenAsync();
        var cleo = await SignedInClientAsync("cleo@example.be", Roles.Participant);
        var cleoId = await Factory.UserIdAsync("cleo@example.be");
        for (var i = 0; i < 3; i++)
        {
            await Factory.NotifyAsync(anaId, NotificationKind.FeedbackRequested, $"Demande {i}", actorId: benId);
        }
        await using (var db = Factory.NewDb())
        {
            for (var i = 0; i < 80; i++)
            {
                db.Notify(cleoId, (NotificationKind)(i % 10), $"Sujet {i}", "/Notifications", i % 2 == 0 ? benId : anaId, DateTimeOffset.UtcNow.AddMinutes(-i));
            }
            await db.SaveChangesAsync();
        }

        var few = await CommandsForAsync(ana, "/Notifications");
        var many = await CommandsForAsync(cleo, "/Notifications");
        var secondPage = await CommandsForAsync(cleo, "/Notifications?pageNumber=2");

        Assert.Equal(few, many);
        Assert.Equal(few, secondPage);
        var first = await GetPageAsync(cleo, "/Notifications");
        Assert.Equal(25, first.QuerySelectorAll("#notifications li").Length);
        Assert.NotNull(first.QuerySelector("a[href*='pageNumber=2']"));
        Assert.Equal(5, (await GetPageAsync(cleo, "/Notifications?pageNumber=4")).QuerySelectorAll("#notifications li").Length);
        Assert.NotNull((await GetPageAsync(cleo, "/Notifications?pageNumber=2147483647")).QuerySelector("#no-notifications"));
        Assert.Equal(25, (await GetPageAsync(cleo, "/Notifications?pageNumber=abc")).QuerySelectorAll("#notifications li").Length);
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }
}
