using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.JuryPacks;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// A coordinator prepares the pack of a jury: she reads the report template and the cohort heat-map, starts the pack,
/// watches it being built (the page follows the Hangfire job), and downloads the ZIP, which holds the workbook, one HTML
/// and one PDF report per candidate who submitted, and the index. People, the cohort, the jury and the submissions are
/// arranged in the database; everything else happens in the browser, with axe on every page state.
/// </summary>
public sealed class JuryPackJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string CohortName = "Promotion 2026-2027";
    private const string JuryName = "Jury A";

    private static readonly (string First, string Last)[] Candidates = [("Anne", "Martin"), ("Bruno", "Peeters"), ("Chloé", "Renard")];

    [Fact]
    public async Task Coordinator_builds_and_downloads_jury_pack()
    {
        var clock = Stopwatch.StartNew();
        await ArrangeAsync();
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(CoordinatorEmail);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Coordination des programmes");
        await CheckAccessibilityAsync();

        // The report template the pack will use: the shipped one, with the fields it can use.
        await page.GetByRole(AriaRole.Link, new() { Name = "Modèle du rapport des candidats" }).ClickAsync();
        await Expect(h1).ToContainTextAsync("Modèle du rapport des candidats");
        await Expect(page.Locator("#template-state")).ToContainTextAsync("Ce programme utilise le modèle livré avec l'application.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" }).GetByRole(AriaRole.Link, new() { Name = "Coordination" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(CohortName);

        // The cohort heat-map, then the packs.
        await page.GetByRole(AriaRole.Link, new() { Name = "Synthèse de la promotion", Exact = true }).ClickAsync();
        await Expect(h1).ToContainTextAsync(CohortName);
        await Expect(page.Locator("#synthesis tbody tr")).ToHaveCountAsync(Candidates.Length);
        await Expect(page.Locator("#synthesis tbody tr").Filter(new() { HasText = "Anne Martin" }).Locator(".submission-status")).ToContainTextAsync("déposé le");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Préparer les dossiers du jury" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Dossiers du jury — {CohortName}");
        var row = page.Locator("#packs tbody tr").Filter(new() { HasText = $"Jury « {JuryName} »" });
        await Expect(row).ToContainTextAsync("Pas encore préparé");
        await CheckAccessibilityAsync();

        // Start the build and watch it: the page follows the job without a reload and announces the end.
        await row.GetByRole(AriaRole.Button, new() { Name = "Préparer le dossier" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("La préparation du dossier a commencé.");
        var progress = row.GetByRole(AriaRole.Progressbar);
        await Expect(progress).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        var seen = new SortedSet<int>();
        var download = row.GetByRole(AriaRole.Link, new() { NameRegex = new("^Télécharger dossier-jury-jury-a-") });
        var watch = Stopwatch.StartNew();
        while (!await download.IsVisibleAsync() && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            seen.Add(int.Parse(await progress.GetAttributeAsync("aria-valuenow") ?? "0"));
            await Task.Delay(250);
        }
        Output.WriteLine($"progress seen: {string.Join(", ", seen)} % ({watch.Elapsed.TotalSeconds:0.0} s)");
        await Expect(download).ToBeVisibleAsync();
        await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(page.Locator("#job-live")).ToHaveTextAsync("Le dossier est prêt : le lien de téléchargement est disponible.");
        await CheckAccessibilityAsync();

        // After a reload the page shows the pack and what it was built from.
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Terminée");
        await Expect(page.Locator("#packs tbody tr").Filter(new() { HasText = "Préparé le" }).First)
            .ToContainTextAsync("le modèle fourni avec l'application ; 3 candidats, 2 rapports");
        await CheckAccessibilityAsync();

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.StartsWith("dossier-jury-jury-a-", file.SuggestedFilename);
        using var zip = new ZipArchive(File.OpenRead(await file.PathAsync()), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Output.WriteLine(string.Join("\n", names));
        Assert.Equal(["01-martin-anne/rapport.html", "01-martin-anne/rapport.pdf", "02-peeters-bruno/rapport.html", "02-peeters-bruno/rapport.pdf", "index.html", "synthese.xlsx"], names);
        using (var workbook = SynthesisBuilder.OpenScanned(Read(zip, "synthese.xlsx")))
        {
            Assert.Equal(Candidates.Length + 1, workbook.Worksheet("Synthèse").RowsUsed().Count());
        }
        var index = Encoding.UTF8.GetString(Read(zip, "index.html"));
        Assert.Contains("Chloé Renard", index);
        Assert.Contains("aucun dépôt", index);
        Assert.Contains("Anne Martin", Encoding.UTF8.GetString(Read(zip, "01-martin-anne/rapport.html")));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(Read(zip, "02-peeters-bruno/rapport.pdf"), 0, 5));
        Output.WriteLine($"journey: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var content = new MemoryStream();
        using (var entry = zip.GetEntry(name)!.Open())
        {
            entry.CopyTo(content);
        }
        return content.ToArray();
    }

    /// <summary>A coordinator of the CIUM programme, a cohort of three, two of whom submitted, all three candidates of "Jury A".</summary>
    private async Task ArrangeAsync()
    {
        int cohortId;
        string jurorId;
        var people = new List<string>();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var coordinator = await CreateUserAsync(users, CoordinatorEmail, "Claire", "Dubois", Roles.Coordinator);
            var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
            var framework = await db.Frameworks.Where(f => f.Code == "cium-management-public").OrderByDescending(f => f.Version).FirstAsync();
            var programme = new Programme("cium", "Certificat inter-universités en management public");
            programme.Assign(coordinator.Id);
            var cohort = new Cohort(programme, CohortName, framework, new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30));
            db.Programmes.Add(programme);
            db.Cohorts.Add(cohort);
            foreach (var (first, last) in Candidates)
            {
                var id = (await CreateUserAsync(users, $"{last.ToLowerInvariant()}@exemple.be", first, last, Roles.Participant)).Id;
                cohort.Enrol(id, DateTimeOffset.UtcNow);
                people.Add(id);
            }
            await db.SaveChangesAsync();
            cohortId = cohort.Id;
            jurorId = (await CreateUserAsync(users, "lambert@jury.test", "Jules", "Lambert", Roles.JuryMember)).Id;
        }
        var objectives = await Fixture.ObjectivesAsync(cohortId);
        await Fixture.AddEvidenceAsync(people[0], cohortId, "Plan de transformation numérique du service", [objectives[0].Id]);
        await Fixture.SubmitAsync(cohortId, people[0], "Anne Martin");
        await Fixture.SubmitAsync(cohortId, people[1], "Bruno Peeters");
        await Fixture.CreateJuryAsync(cohortId, JuryName, [jurorId], [.. people]);
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string email, string first, string last, string role)
    {
        var user = AppUser.Create(email, first, last, "Service public de Wallonie");
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }
}
