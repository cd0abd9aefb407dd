using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class CodevJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Facilitator = "fanny.leroy@exemple.be";
    private const string CaseOwner = "ana.martin@exemple.be";
    private const string Member = "ben.dubois@exemple.be";

    [Fact]
    public async Task Facilitator_runs_a_session_with_timers_and_a_member_keeps_their_take_away()
    {
        await ArrangeGroupAsync();
        var page = Page;

        // The facilitator plans a session for her group; Ana brings the case.
        await SignInAsync(Facilitator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Codéveloppement", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Codéveloppement");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une séance (Groupe Namur)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Planifier une séance");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Date et heure").FillAsync("2026-12-18T14:00");
        await page.GetByLabel("Lieu").FillAsync("Salle du conseil, Namur");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ben Dubois" }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Ana Martin" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Séance planifiée ; les membres du groupe sont prévenus.");
        await Expect(page.Locator("#planned-duration")).ToHaveTextAsync("90 minutes");
        await Expect(page.Locator("#case-owners")).ToHaveTextAsync("Ana Martin");
        await CheckAccessibilityAsync();

        // Step 1 starts: its timer shows the planned ten minutes and runs, announced politely.
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la séance" }).ClickAsync();
        var timer = page.Locator("#step-1").GetByRole(AriaRole.Timer);
        await Expect(timer).ToHaveTextAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Démarrer le minuteur" }).ClickAsync();
        await Expect(page.Locator("#step-1 [aria-live=polite]")).ToHaveTextAsync("Minuteur démarré : 10 minutes.");
        await Expect(timer).ToHaveTextAsync(new Regex("^9:5\\d$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mettre en pause" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Noter l'étape 1" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Step/\\d+/1"));
        await CheckAccessibilityAsync();
        await page.GetByLabel("Notes de l'étape").FillAsync("Ana présente la fusion de deux services et les résistances de son équipe.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.Locator("#step-1 .step-text")).ToContainTextAsync("fusion de deux services");

        // Clarification, contract, then the consultation, where the facilitator records Ben's hypothesis.
        foreach (var (next, step) in new[] { ("Étape suivante : Clarification", 2), ("Étape suivante : Contrat", 3), ("Étape suivante : Consultation", 4) })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
            await Expect(page.Locator($"#step-{step}").GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#step-4").GetByRole(AriaRole.Timer)).ToHaveTextAsync("30:00");
        await page.GetByRole(AriaRole.Link, new() { Name = "Noter une contribution" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Contribute/\\d+"));
        await CheckAccessibilityAsync();
        await page.GetByLabel("Membre").SelectOptionAsync(new SelectOptionValue { Label = "Ben Dubois" });
        await page.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Hypothèse" });
        await page.GetByLabel("Contribution", new() { Exact = true }).FillAsync("Et si la résistance venait du calendrier imposé ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.Locator("#step-4 .contributions")).ToContainTextAsync("Ben Dubois (Hypothèse) : Et si la résistance venait du calendrier imposé ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Étape suivante : Synthèse et plan d'action" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Étape suivante : Ce que chacun retient" }).ClickAsync();
        await Expect(page.Locator("#session-state")).ToHaveTextAsync("Étape 6 sur 6 : Ce que chacun retient");
        await Expect(page.Locator("#step-6").GetByRole(AriaRole.Timer)).ToHaveTextAsync("10:00");
        await CheckAccessibilityAsync();
        await SignOutAsync();

        // Ben writes what he takes away and keeps it in his portfolio.
        await SignInAsync(Member);
        await page.GetByRole(AriaRole.Link, new() { Name = "Codéveloppement", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.Locator("#planned-sessions").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clore la séance" })).ToHaveCountAsync(0);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Écrire ce que je retiens" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Takeaway/\\d+"));
        await CheckAccessibilityAsync();
        await page.GetByLabel("Ce que je retiens pour ma pratique").FillAsync("Annoncer le calendrier avant de demander l'adhésion.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.Locator("#step-6 .takeaway")).ToContainTextAsync("Annoncer le calendrier avant de demander l'adhésion.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Verser ce que je retiens dans mon portfolio" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/ToEvidence/takeaway/\\d+"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "P1.1 Affirmer les finalités du service public et ses enjeux éthiques" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la preuve" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Codéveloppement du 18 décembre 2026 : ce que je retiens");
        await CheckAccessibilityAsync();

        await using var db = Fixture.NewDb();
        var evidence = await db.Evidence.SingleAsync();
        Assert.Equal(EvidenceOriginKind.CodevTakeaway, evidence.OriginKind);
        Assert.Equal("Annoncer le calendrier avant de demander l'adhésion.", evidence.Description);
        Assert.Equal(Visibility.Private, evidence.Visibility);
        Assert.Equal(6, (await db.CodevSessions.SingleAsync()).CurrentStep);
    }

    private async Task ArrangeGroupAsync()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<string> PersonAsync(string email, string first, string last, string role)
        {
            var user = AppUser.Create(email, first, last, "Service public de Wallonie");
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            if (role == Roles.Participant)
            {
                await Fixture.EnrolAsync(cohortId, user.Id);
            }
            return user.Id;
        }
        var fanny = await PersonAsync(Facilitator, "Fanny", "Leroy", Roles.Facilitator);
        var ana = await PersonAsync(CaseOwner, "Ana", "Martin", Roles.Participant);
        var ben = await PersonAsync(Member, "Ben", "Dubois", Roles.Participant);
        await using var db = Fixture.NewDb();
        var group = new IntervisionGroup(cohortId, "Groupe Namur", DateTimeOffset.UtcNow);
        group.AssignFacilitator(fanny);
        group.Add(ana, DateTimeOffset.UtcNow);
        group.Add(ben, DateTimeOffset.UtcNow);
        db.IntervisionGroups.Add(group);
        await db.SaveChangesAsync();
    }

    private async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Se connecter" })).ToBeVisibleAsync();
    }
}
