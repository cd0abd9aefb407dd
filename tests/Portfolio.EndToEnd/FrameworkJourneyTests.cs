using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
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
}
