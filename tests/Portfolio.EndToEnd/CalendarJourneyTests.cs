using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class CalendarJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string ParticipantEmail = "martin@exemple.be";
    private const string CohortName = "Promotion 2026-2027";

    [Fact]
    public async Task Coordinator_plans_a_module_and_a_participant_writes_what_they_take_away_from_it()
    {
        await ArrangeAsync();
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

        // The coordinator adds module 3 to the cohort's calendar.
        await SignInAsync(CoordinatorEmail);
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Calendrier de la promotion", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Calendrier de la promotion");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une séance" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Ajouter une séance");
        await page.GetByLabel("Type de séance").SelectOptionAsync(new SelectOptionValue { Label = "Module" });
        await page.GetByLabel("Titre").FillAsync("Module 3 : piloter le changement");
        await page.GetByLabel("Date de début").FillAsync("2026-11-12");
        await page.GetByLabel("Lieu").FillAsync("Namur, salle Pedro Arrupe");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La séance « Module 3 : piloter le changement » est ajoutée au calendrier.");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "Module 3" })).ToContainTextAsync("Namur, salle Pedro Arrupe");
        await CheckAccessibilityAsync();
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        // Anne finds it in her agenda and writes what she takes away from it.
        await SignInAsync(ParticipantEmail);
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Mon agenda", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mon agenda");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Module 3 : piloter le changement" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Module 3 : piloter le changement");
        await Expect(page.Locator("#no-reflections")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Écrire ce que je retiens" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Journal/Edit"));
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Ce que je retiens du module 3");
        await page.GetByLabel("Réflexion", new() { Exact = true }).FillAsync("Le changement se prépare avec les équipes.");
        await Expect(page.GetByLabel("Séance du calendrier")).ToHaveValueAsync(new Regex(@"^\d+$"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Réflexion enregistrée.");

        await page.GotoAsync("/Calendar");
        await page.GetByRole(AriaRole.Link, new() { Name = "Module 3 : piloter le changement" }).ClickAsync();
        await Expect(page.Locator("#reflections")).ToContainTextAsync("Ce que je retiens du module 3");
        await CheckAccessibilityAsync();
    }

    /// <summary>A coordinator and a cohort with one participant.</summary>
    private async Task ArrangeAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var coordinator = AppUser.Create(CoordinatorEmail, "Claire", "Dubois", "Portfolio");
        Check(await users.CreateAsync(coordinator, Password));
        Check(await users.AddToRoleAsync(coordinator, Roles.Coordinator));
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var framework = await db.Frameworks.Where(f => f.Code == "cium-management-public").OrderByDescending(f => f.Version).FirstAsync();
        var programme = new Programme("cium", "Certificat inter-universités en management public");
        programme.Assign(coordinator.Id);
        var cohort = new Cohort(programme, CohortName, framework, new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30));
        db.Programmes.Add(programme);
        db.Cohorts.Add(cohort);
        var person = AppUser.Create(ParticipantEmail, "Anne", "Martin", "Service public de Wallonie");
        Check(await users.CreateAsync(person, Password));
        Check(await users.AddToRoleAsync(person, Roles.Participant));
        cohort.Enrol(person.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
