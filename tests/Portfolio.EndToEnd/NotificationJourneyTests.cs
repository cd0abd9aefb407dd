using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Notifications;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Notifications;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class NotificationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Email = "amelie.dupont@exemple.be";

    [Fact]
    public async Task Participant_sees_the_unread_count_opens_the_centre_follows_a_notification_and_chooses_what_comes_by_mail()
    {
        var (amelie, ben) = await ArrangeAsync();
        await Fixture.NotifyAsync(amelie, NotificationKind.FeedbackRequested, "Votre avis sur mon plan de transformation", "/Participant", ben, DateTimeOffset.UtcNow.AddHours(-2));
        await Fixture.NotifyAsync(amelie, NotificationKind.ItemShared, "Réunion budgétaire", "/Peer", ben, DateTimeOffset.UtcNow.AddHours(-1));
        var page = Page;
        var header = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

        await SignInAsync();
        await page.GotoAsync("/Participant");
        var count = header.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications") });
        await Expect(count).ToHaveAccessibleNameAsync("Notifications, 2 non lues");
        await CheckAccessibilityAsync();

        // The centre: newest first, unread said in words.
        await count.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Notifications$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Notifications");
        var items = page.Locator("#notifications li");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToContainTextAsync("Non lue");
        await Expect(items.Nth(0)).ToContainTextAsync("Ben Martin a partagé « Réunion budgétaire » avec vous");
        await Expect(items.Nth(1)).ToContainTextAsync("Ben Martin vous demande un retour : « Votre avis sur mon plan de transformation »");
        await CheckAccessibilityAsync();

        // Following one marks it read and leads to its page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ben Martin a partagé « Réunion budgétaire » avec vous" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Peer$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Partagé avec moi");
        await Expect(count).ToHaveAccessibleNameAsync("Notifications, 1 non lue");
        await CheckAccessibilityAsync();

        // E-mail choices: requests come by mail by default; Amélie keeps them in the centre only.
        await count.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choisir ce que je reçois par e-mail" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Notifications/Preferences$"));
        var requests = page.GetByRole(AriaRole.Checkbox, new() { Name = "Un pair me demande un retour" });
        await Expect(requests).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Un pair partage une preuve ou une réflexion avec moi" })).Not.ToBeCheckedAsync();
        await CheckAccessibilityAsync();
        await requests.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes préférences" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vos préférences de notification sont enregistrées.");
        await Expect(requests).Not.ToBeCheckedAsync();
        await CheckAccessibilityAsync();

        // Then everything read at once.
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux notifications" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tout marquer comme lu" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Toutes vos notifications sont marquées comme lues.");
        await Expect(count).ToHaveAccessibleNameAsync("Notifications");
        await Expect(page.Locator("#notifications")).Not.ToContainTextAsync("Non lue");
        await CheckAccessibilityAsync();

        await using var db = Fixture.NewDb();
        var choice = await db.NotificationPreferences.SingleAsync(p => p.UserId == amelie && p.Kind == NotificationKind.FeedbackRequested);
        Assert.False(choice.ByMail);
    }

    private async Task<(string Amelie, string Ben)> ArrangeAsync()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var ids = new List<string>();
        foreach (var (email, first, last) in new[] { (Email, "Amélie", "Dupont"), ("ben.martin@exemple.be", "Ben", "Martin") })
        {
            var person = AppUser.Create(email, first, last, "Service public de Wallonie");
            Assert.True((await users.CreateAsync(person, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(person, Roles.Participant)).Succeeded);
            await Fixture.EnrolAsync(cohortId, person.Id);
            ids.Add(person.Id);
        }
        return (ids[0], ids[1]);
    }

    private async Task SignInAsync()
    {
        var page = Page;
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }
}
