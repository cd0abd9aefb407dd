using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public class FrameworkJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string FrameworkTitle = "Certificat inter-universités en management public";

    private static readonly string[] Pillars =
    [
        "La gouvernance publique et le pilotage",
        "L'excellence au service des usagers",
        "Une organisation participative et agile",
        "Un management humain et innovant",
        "Une gestion efficiente des ressources",
        "L'anticipation, la co-construction et l'évaluation de l'action publique",
    ];

    private static readonly string[] Axes =
    [
        "Les enjeux de la transformation numérique et de l'e-gouvernance",
        "Les enjeux éthiques de la gouvernance publique",
        "Les enjeux liés au développement durable et à la transition écologique",
    ];

    private static readonly string[] Leadership =
    [
        "Susciter l'adhésion à la vision et à la stratégie",
        "Conduire le changement organisationnel et managérial",
        "Promouvoir l'anticipation et l'innovation",
    ];

    [Fact]
    public async Task Anonymous_visitor_browses_the_framework()
    {
        var page = Page;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Portfolio de compétences");
        await CheckAccessibilityAsync();

        // Home → list of frameworks, through the main navigation.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })
            .GetByRole(AriaRole.Link, new() { Name = "Référentiels", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Frameworks$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Référentiels de compétences");
        await CheckAccessibilityAsync();

        // List → the framework (the JSON link of the same row is named "JSON — …": Exact keeps them apart).
        await page.GetByRole(AriaRole.Link, new() { Name = FrameworkTitle, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Frameworks/cium-management-public"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FrameworkTitle);

        var matrix = page.GetByRole(AriaRole.Region, new() { Name = "Matrice des objectifs par pilier" });
        await Expect(matrix.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveCountAsync(Pillars.Length);
        for (var i = 0; i < Pillars.Length; i++)
        {
            await Expect(matrix.GetByRole(AriaRole.Heading, new() { Level = 3, Name = $"Pilier {i + 1} — {Pillars[i]}", Exact = true })).ToBeVisibleAsync();
        }
        await CheckAccessibilityAsync();

        // An objective's learning outcomes are folded until its summary is clicked.
        var objective = matrix.Locator("details", new() { Has = page.Locator("summary", new() { HasText = "Affirmer les finalités du service public et ses enjeux éthiques" }) });
        var outcome = objective.GetByText("Donner sens aux finalités de la gouvernance publique et assurer leur appropriation.");
        await Expect(objective).ToHaveCountAsync(1);
        await Expect(outcome).ToBeHiddenAsync();
        await objective.Locator("summary").ClickAsync();
        await Expect(outcome).ToBeVisibleAsync();
        await Expect(objective).ToHaveAttributeAsync("open", "");

        var axes = page.GetByRole(AriaRole.Region, new() { Name = "Axes horizontaux" }).GetByRole(AriaRole.Listitem);
        await Expect(axes).ToHaveCountAsync(Axes.Length);
        await Expect(axes).ToContainTextAsync(Axes);

        var leadership = page.GetByRole(AriaRole.Complementary, new() { Name = "Compétence de leadership" });
        await Expect(leadership).ToHaveCountAsync(Leadership.Length);
        await Expect(leadership).ToContainTextAsync(Leadership);
        // Again with the outcomes open, so that their text is checked too.
        await CheckAccessibilityAsync();

        // The JSON export is a real download.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger en JSON" }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.Equal("cium-management-public-v1.json", download.SuggestedFilename);
        var json = await File.ReadAllTextAsync(await download.PathAsync());
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("cium-management-public", root.GetProperty("code").GetString());
        Assert.Equal(FrameworkTitle, root.GetProperty("title").GetString());
        var pillars = root.GetProperty("pillars").EnumerateArray().ToList();
        Assert.Equal(Pillars, pillars.Select(p => p.GetProperty("title").GetString()));
        Assert.Equal(22, pillars.Sum(p => p.GetProperty("objectives").GetArrayLength()));
    }

    [Fact]
    public async Task Coordinator_imports_a_draft_previews_it_and_publishes_it()
    {
        // The longest title the import accepts, in one unbreakable word: the pages must wrap it, not widen.
        var longTitle = string.Concat(Enumerable.Repeat("Cycle-de-direction-générale-", 11))[..300];
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var coordinator = AppUser.Create("coordination@portfolio.test", "Claire", "Dubois", "Portfolio");
            Assert.True((await users.CreateAsync(coordinator, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(coordinator, Roles.Coordinator)).Succeeded);
        }
        var page = Page;
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync("coordination@portfolio.test");
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();

        // Coordination → the framework versions → import.
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Référentiels", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Versions des référentiels");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer un référentiel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importer un référentiel");
        await CheckAccessibilityAsync();

        // A file with a version written as text and a missing title: both problems are listed, nothing is imported.
        var document = new JsonObject
        {
            ["code"] = "cycle-direction",
            ["version"] = "1",
            ["language"] = "fr",
            ["pillarLabel"] = "Module",
            ["pillars"] = new JsonArray(new JsonObject
            {
                ["code"] = "M1",
                ["title"] = "Piloter la transformation",
                ["objectives"] = new JsonArray(new JsonObject { ["code"] = "M1.1", ["title"] = "Conduire un projet de transformation" }),
            }),
        };
        await UploadAsync(document);
        var problems = page.Locator("#import-problems li");
        await Expect(problems).ToHaveCountAsync(2);
        await Expect(problems.Filter(new() { HasText = "$.version" })).ToContainTextAsync("sans guillemets");
        await Expect(problems.Filter(new() { HasText = "$.title" })).ToContainTextAsync("obligatoire");
        await CheckAccessibilityAsync();

        // Corrected: the import makes a draft and shows its preview.
        document["version"] = 1;
        document["title"] = longTitle;
        await UploadAsync(document);
        await page.WaitForURLAsync(new Regex("/Coordinator/Frameworks/Preview/cycle-direction/1$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(longTitle);
        await Expect(page.GetByText("Brouillon", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 3, Name = "Module 1 — Piloter la transformation" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync();
        await CheckAccessibilityAsync();

        // Until it is published, the public URL does not exist.
        Assert.Equal(404, (await page.GotoAsync("/Frameworks/cycle-direction"))!.Status);
        await page.GoBackAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Publier…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Publier la version 1");
        await AssertNoHorizontalScrollAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();

        // Published: the public page shows what the preview showed, and the lists name it.
        await page.WaitForURLAsync(new Regex("/Frameworks/cycle-direction"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("est publiée");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(longTitle);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 3, Name = "Module 1 — Piloter la transformation" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync();
        await CheckAccessibilityAsync();
        foreach (var url in new[] { "/", "/Frameworks", "/Coordinator/Frameworks" })
        {
            await page.GotoAsync(url);
            await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = longTitle, Exact = true })).ToBeVisibleAsync();
            await AssertNoHorizontalScrollAsync();
        }
        await CheckAccessibilityAsync();
    }

    private async Task UploadAsync(JsonObject document)
    {
        await Page.GetByLabel("Fichier JSON").SetInputFilesAsync(new FilePayload
        {
            Name = "cycle-direction.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes(document.ToJsonString()),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
    }

    /// <summary>Long words wrap: the page is never wider than the window.</summary>
    private async Task AssertNoHorizontalScrollAsync()
    {
        var (scrollWidth, innerWidth) = (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await Page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{Page.Url} is {scrollWidth} px wide in a {innerWidth} px window");
    }
}
