using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>A person in two cohorts switches between their portfolios from the header, with the keyboard as well.</summary>
public sealed class CohortSwitcherJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Email = "benoit.leroy@exemple.be";

    [Fact]
    public async Task Participant_in_two_cohorts_switches_between_their_portfolios_from_the_header()
    {
        var first = await Fixture.CreateCohortWithCampaignsAsync("Promotion 2024-2025");
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var participant = AppUser.Create(Email, "Benoît", "Leroy", "Fédération Wallonie-Bruxelles");
            Assert.True((await users.CreateAsync(participant, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(participant, Roles.Participant)).Succeeded);
            await Fixture.EnrolAsync(first, participant.Id);
            var objective = (await Fixture.ObjectivesAsync(first))[0];
            await Fixture.AddEvidenceAsync(participant.Id, first, "Note au comité de la première année", [objective.Id]);
            var second = await Fixture.CreateCohortWithCampaignsAsync("Promotion 2025-2026");
            await Fixture.EnrolAsync(second, participant.Id);
        }
        var page = Page;
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // The latest cohort opens, empty; the header offers both.
        await page.GotoAsync("/Participant/Evidence");
        var chooser = page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Combobox, new() { Name = "Promotion" });
        await Expect(chooser).ToHaveValueAsync(new Regex("\\d+"));
        await Expect(chooser.Locator("option:checked")).ToHaveTextAsync("Promotion 2025-2026");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Note au comité de la première année");
        await CheckAccessibilityAsync();

        // Keyboard only: focus the chooser, pick the earlier cohort, tab to the button, press Enter.
        await chooser.FocusAsync();
        await chooser.SelectOptionAsync(new SelectOptionValue { Label = "Promotion 2024-2025" });
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Changer", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(new Regex("/Participant/Evidence$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous travaillez maintenant dans la promotion « Promotion 2024-2025 ».");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Note au comité de la première année");
        await Expect(chooser.Locator("option:checked")).ToHaveTextAsync("Promotion 2024-2025");
        await CheckAccessibilityAsync();

        // The choice is remembered: another page, then the chooser page itself.
        await page.GotoAsync("/Participant/Cohort");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Promotion 2024-2025 — Certificat inter-universités en management public" })).ToBeCheckedAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Promotion 2025-2026 — Certificat inter-universités en management public" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Travailler dans cette promotion" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous travaillez maintenant dans la promotion « Promotion 2025-2026 ».");
        await Expect(chooser.Locator("option:checked")).ToHaveTextAsync("Promotion 2025-2026");
    }
}
