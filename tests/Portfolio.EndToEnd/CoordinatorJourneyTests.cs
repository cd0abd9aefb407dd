using System.Text;
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

public sealed class CoordinatorJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IDisposable
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string CohortName = "Promotion 2026-2027";

    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-e2e-").FullName;

    private static readonly string[] Emails = ["anne.martin@exemple.be", "bruno.peeters@exemple.be", "chloe.dumont@exemple.be"];

    [Fact]
    public async Task Coordinator_uploads_a_participant_list_fixes_a_bad_row_and_sees_the_participants()
    {
        var cohortId = await ArrangeCohortAndCoordinatorAsync();
        var withBadRow = await WriteCsvAsync("participants.csv", """
            email;prénom;nom;organisation
            anne.martin@exemple.be;Anne;Martin;Service public de Wallonie
            bruno.peeters@exemple;Bruno;Peeters;Ville de Namur
            chloe.dumont@exemple.be;Chloé;Dumont;Fédération Wallonie-Bruxelles
            """);
        var corrected = await WriteCsvAsync("participants-corrige.csv", """
            email;prénom;nom;organisation
            anne.martin@exemple.be;Anne;Martin;Service public de Wallonie
            bruno.peeters@exemple.be;Bruno;Peeters;Ville de Namur
            chloe.dumont@exemple.be;Chloé;Dumont;Fédération Wallonie-Bruxelles
            """);
        var page = Page;
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

        // Sign in through the real form.
        await page.GotoAsync("/");
        await CheckAccessibilityAsync();
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/Login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connexion");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(CoordinatorEmail);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // Coordination → the cohort.
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Coordinator$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coordination des programmes");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Coordinator/Cohorts/Details/{cohortId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(CohortName);
        var nobody = page.GetByText("Personne n'est encore inscrit.");
        await Expect(nobody).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        // A list with one bad e-mail address: nothing is imported and the row is named.
        var list = page.GetByLabel("Liste des participants");
        var import = page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true });
        await list.SetInputFilesAsync(withBadRow);
        await import.ClickAsync();
        var problems = page.Locator("#import-problems");
        await Expect(problems).ToBeVisibleAsync();
        await Expect(problems.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(problems.GetByRole(AriaRole.Listitem)).ToContainTextAsync("Ligne 3");
        await Expect(problems).ToContainTextAsync("bruno.peeters@exemple");
        await Expect(nobody).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Participants (0)" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await using (var db = Fixture.NewDb())
        {
            Assert.Equal(0, await db.Enrolments.CountAsync(e => e.CohortId == cohortId));
            // All or nothing: the good rows did not create accounts either.
            Assert.Equal(0, await db.Users.CountAsync(u => Emails.Contains(u.Email!)));
        }

        // The corrected list: the three people are enrolled and listed.
        await list.SetInputFilesAsync(corrected);
        await import.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("3 participant·es inscrit·es.");
        await Expect(problems).ToHaveCountAsync(0);
        var participants = page.GetByRole(AriaRole.Table, new() { Name = "Participants inscrits" });
        var rows = participants.Locator("tbody").GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(3);
        // Sorted by last name: Dumont, Martin, Peeters.
        await Expect(rows).ToContainTextAsync(["Dumont", "Martin", "Peeters"]);
        await Expect(rows.Nth(0)).ToContainTextAsync("Chloé");
        await Expect(rows.Nth(0)).ToContainTextAsync("chloe.dumont@exemple.be");
        await Expect(rows.Nth(1)).ToContainTextAsync("Anne");
        await Expect(rows.Nth(2)).ToContainTextAsync("Bruno");
        await Expect(rows.Nth(2)).ToContainTextAsync("bruno.peeters@exemple.be");
        await Expect(nobody).ToHaveCountAsync(0);
        await CheckAccessibilityAsync();
        await using (var db = Fixture.NewDb())
        {
            Assert.Equal(3, await db.Enrolments.CountAsync(e => e.CohortId == cohortId));
            var enrolled = await db.Enrolments.Where(e => e.CohortId == cohortId)
                .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u.Email!)
                .OrderBy(e => e).ToListAsync();
            Assert.Equal(Emails.Order(), enrolled);
        }

        // The cohort's self-assessment campaigns: the three usual ones, and everyone's completion at 0.
        await page.GetByRole(AriaRole.Link, new() { Name = "Campagnes d'auto-évaluation" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Coordinator/Campaigns/{cohortId}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer les trois campagnes habituelles" }).ClickAsync();
        await Expect(page.GetByText("Positionnement initial").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Bilan final").First).ToBeVisibleAsync();
        await Expect(page.GetByText("0 / 22").First).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    /// <summary>A coordinator account, and a programme with one cohort on the shipped framework (as DemoData builds them).</summary>
    private async Task<int> ArrangeCohortAndCoordinatorAsync()
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
        await db.SaveChangesAsync();
        return cohort.Id;
    }

    private async Task<string> WriteCsvAsync(string name, string content)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, content.ReplaceLineEndings("\r\n") + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
