using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class GroupJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string CohortName = "Promotion 2026-2027";

    private static readonly (string First, string Last)[] People =
        [("Anne", "Martin"), ("Bruno", "Peeters"), ("Chloé", "Dumont"), ("David", "Simon"), ("Élise", "Laurent")];

    [Fact]
    public async Task Coordinator_forms_two_groups_and_moves_someone()
    {
        var cohortId = await ArrangeAsync();
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await SignInAsync(CoordinatorEmail);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(CohortName);

        // The cohort's groups: none yet, everyone without a group.
        await page.GetByRole(AriaRole.Link, new() { Name = "Groupes d'intervision", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Coordinator/Groups/{cohortId}$"));
        await Expect(h1).ToHaveTextAsync("Groupes d'intervision");
        await Expect(page.GetByText("Aucun groupe n'est encore formé dans cette promotion.")).ToBeVisibleAsync();
        await Expect(page.GetByText("5 participant·es sans groupe.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        // Two groups: Anne and Bruno; Chloé, David and Élise.
        await FormAsync("Groupe Meuse", ["Anne Martin", "Bruno Peeters"]);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le groupe « Groupe Meuse » est formé.");
        await CheckAccessibilityAsync();
        await FormAsync("Groupe Sambre", ["Chloé Dumont", "David Simon", "Élise Laurent"]);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le groupe « Groupe Sambre » est formé.");
        await Expect(page.GetByText("Chaque participant·e a un groupe.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        // Élise moves to Groupe Meuse.
        var sambre = page.GetByRole(AriaRole.Region, new() { Name = "Groupe Sambre" });
        await sambre.GetByRole(AriaRole.Link, new() { Name = "Déplacer Élise Laurent" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Déplacer Élise Laurent");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Nouveau groupe").SelectOptionAsync(new SelectOptionValue { Label = "Groupe Meuse — 2 membres" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déplacer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Élise Laurent est passé·e du groupe « Groupe Sambre » au groupe « Groupe Meuse ».");
        var who = page.GetByRole(AriaRole.Table, new() { Name = "Participants et leur groupe" });
        await Expect(who.GetByRole(AriaRole.Row).Filter(new() { HasText = "Élise Laurent" })).ToContainTextAsync("Groupe Meuse");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Groupe Meuse" })).ToContainTextAsync("3 membres");
        await Expect(sambre).ToContainTextAsync("2 membres");
        await CheckAccessibilityAsync();

        // The activity view, counts only.
        await page.GetByRole(AriaRole.Link, new() { Name = "Activité des groupes" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Activité des groupes");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groupe Meuse" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        await using var db = Fixture.NewDb();
        var groups = await db.IntervisionGroups.Where(g => g.CohortId == cohortId)
            .Select(g => new { g.Name, Members = g.Members.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.FirstName).OrderBy(n => n).ToList() })
            .ToDictionaryAsync(g => g.Name, g => g.Members);
        Assert.Equal(["Anne", "Bruno", "Élise"], groups["Groupe Meuse"]);
        Assert.Equal(["Chloé", "David"], groups["Groupe Sambre"]);
    }

    [Fact]
    public async Task Facilitator_and_participant_see_their_group()
    {
        var cohortId = await ArrangeAsync();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var sophie = AppUser.Create("facilitation@portfolio.test", "Sophie", "Wauters", "Portfolio");
            Check(await users.CreateAsync(sophie, Password));
            Check(await users.AddToRoleAsync(sophie, Roles.Facilitator));
            var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
            var ids = await db.Users.Where(u => u.Email == "martin@exemple.be" || u.Email == "peeters@exemple.be").Select(u => u.Id).ToListAsync();
            db.IntervisionGroups.Add(IntervisionGroup.Form(cohortId, "Groupe Meuse", ids, sophie.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

        await SignInAsync("facilitation@portfolio.test");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Mes groupes", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes groupes");
        var meuse = page.GetByRole(AriaRole.Region, new() { Name = "Groupe Meuse" });
        await Expect(meuse).ToContainTextAsync("Anne Martin");
        await Expect(meuse).ToContainTextAsync(CohortName);
        await CheckAccessibilityAsync();
        await meuse.GetByRole(AriaRole.Link, new() { Name = "Activité du groupe Groupe Meuse" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Activité du groupe Groupe Meuse");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Activité du groupe Groupe Meuse, par personne" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        await SignInAsync("martin@exemple.be");
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Mon groupe", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mon groupe d'intervision");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Groupe Meuse" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Membres du groupe" }).Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByText("Facilitateur·rice : Sophie Wauters")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    private async Task FormAsync(string name, string[] members)
    {
        var page = Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Former un groupe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Former un groupe");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Nom du groupe").FillAsync(name);
        foreach (var member in members)
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = member }).CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Former le groupe" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Coordinator/Groups/\\d+$"));
    }

    /// <summary>A coordinator, a cohort on the shipped framework and five enrolled participants.</summary>
    private async Task<int> ArrangeAsync()
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
        foreach (var (first, last) in People)
        {
            var person = AppUser.Create($"{last.ToLowerInvariant()}@exemple.be", first, last, "Service public de Wallonie");
            Check(await users.CreateAsync(person, Password));
            Check(await users.AddToRoleAsync(person, Roles.Participant));
            cohort.Enrol(person.Id, DateTimeOffset.UtcNow);
        }
        await db.SaveChangesAsync();
        return cohort.Id;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
