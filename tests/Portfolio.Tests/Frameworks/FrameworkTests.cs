using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Frameworks;

public class FrameworkTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string Code = "cium-management-public";
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "templates", "frameworks", Code + ".json");
    private static readonly string[] ShippedFiles = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "templates", "frameworks"), "*.json");

    private static async Task<JsonObject> ExportAsync(HttpClient client, string code = Code, int? version = null)
    {
        var response = await client.GetAsync($"/Frameworks/{code}/Export" + (version is null ? "" : $"?version={version}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpClient coordinator, string json) =>
        await PostFormAsync(coordinator, "/Coordinator/Frameworks/Import", [], file: ("Document", "framework.json", Encoding.UTF8.GetBytes(json)));

    private async Task PublishAsync(HttpClient coordinator, string code, int version)
    {
        var published = await PostFormAsync(coordinator, $"/Coordinator/Frameworks/Publish/{code}/{version}", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
    }

    /// <summary>A small valid framework of another programme, titled as asked.</summary>
    private static string OtherFramework(string title = "Cycle d’essai", int version = 1) => new JsonObject
    {
        ["code"] = "cycle-direction",
        ["version"] = version,
        ["title"] = title,
        ["language"] = "fr",
        ["pillarLabel"] = "Module",
        ["pillars"] = new JsonArray(new JsonObject
        {
            ["code"] = "M1",
            ["title"] = "Piloter la transformation",
            ["objectives"] = new JsonArray(new JsonObject { ["code"] = "M1.1", ["title"] = "Conduire un projet de transformation" }),
        }),
    }.ToJsonString();

    private static async Task<List<string>> PublicTitlesAsync(HttpClient client)
    {
        var list = await GetPageAsync(client, "/Frameworks");
        var home = await GetPageAsync(client, "/");
        return [.. list.QuerySelectorAll("main tbody th a").Select(a => a.TextContent.Trim()), .. home.QuerySelectorAll("main li a").Select(a => a.TextContent.Trim())];
    }

    private static async Task<List<string>> CohortChoicesAsync(HttpClient coordinator) =>
        (await GetPageAsync(coordinator, "/Coordinator/Cohorts/Create")).QuerySelectorAll("select[name='Input.FrameworkId'] option").Select(o => o.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_framework_draft_is_not_public_until_published()
    {
        await using (var db = Factory.NewDb())
        {
            db.Programmes.Add(new Programme("cycle", "Cycle d’essai"));
            await db.SaveChangesAsync();
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var anonymous = NewClient();

        var imported = await ImportAsync(coordinator, OtherFramework());
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal("/Coordinator/Frameworks/Preview/cycle-direction/1", imported.Headers.Location!.OriginalString);

        // Nobody but coordination sees the draft: not listed, its public URLs answer 404, cohorts cannot choose it.
        Assert.DoesNotContain("Cycle d’essai", await PublicTitlesAsync(anonymous));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Frameworks/cycle-direction")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Frameworks/cycle-direction?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Frameworks/cycle-direction/Export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Frameworks/cycle-direction")).StatusCode);
        Assert.DoesNotContain(await CohortChoicesAsync(coordinator), o => o.StartsWith("Cycle d’essai"));

        // The preview shows the page as the public will see it, under a banner that says it is a draft.
        var preview = await GetPageAsync(coordinator, "/Coordinator/Frameworks/Preview/cycle-direction/1");
        Assert.Equal("Cycle d’essai", preview.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Brouillon", preview.QuerySelector("main")!.TextContent);
        Assert.Single(preview.QuerySelectorAll("article.framework-pillar"));
        var versions = await GetPageAsync(coordinator, "/Coordinator/Frameworks");
        Assert.Contains(versions.QuerySelectorAll("main tbody tr"), row => row.TextContent.Contains("Cycle d’essai") && row.TextContent.Contains("Brouillon"));

        await PublishAsync(coordinator, "cycle-direction", 1);

        Assert.Contains("Cycle d’essai", await PublicTitlesAsync(anonymous));
        var matrix = await GetPageAsync(anonymous, "/Frameworks/cycle-direction");
        Assert.Equal("Cycle d’essai", matrix.QuerySelector("h1")!.TextContent.Trim());
        // The public page and the preview render the same body.
        Assert.Equal(preview.QuerySelector("article.framework-pillar")!.OuterHtml, matrix.QuerySelector("article.framework-pillar")!.OuterHtml);
        Assert.Contains(await CohortChoicesAsync(coordinator), o => o.StartsWith("Cycle d’essai"));
    }

    [Fact]
    public async Task The_shipped_framework_is_exported_with_the_programme_structure()
    {
        var framework = await ExportAsync(NewClient());

        Assert.Equal("Certificat inter-universités en management public", (string?)framework["title"]);
        Assert.Equal("Pilier", (string?)framework["pillarLabel"]);
        var pillars = framework["pillars"]!.AsArray();
        Assert.Equal(
            ["La gouvernance publique et le pilotage", "L'excellence au service des usagers", "Une organisation participative et agile",
             "Un management humain et innovant", "Une gestion efficiente des ressources", "L'anticipation, la co-construction et l'évaluation de l'action publique"],
            pillars.Select(p => (string)p!["title"]!));
        Assert.Equal([4, 3, 2, 6, 4, 3], pillars.Select(p => p!["objectives"]!.AsArray().Count));
        var objectives = pillars.SelectMany(p => p!["objectives"]!.AsArray()).ToList();
        Assert.Equal(22, objectives.Count);
        Assert.Equal(90, objectives.Sum(o => o!["outcomes"]!.AsArray().Count));
        Assert.Equal("Planifier la stratégie et piloter la performance", (string?)objectives[2]!["title"]);
        Assert.Equal("Instaurer un dialogue social responsable et de qualité", (string?)objectives[14]!["title"]);
        Assert.Equal(
            ["Les enjeux de la transformation numérique et de l'e-gouvernance", "Les enjeux éthiques de la gouvernance publique",
             "Les enjeux liés au développement durable et à la transition écologique"],
            framework["axes"]!.AsArray().Select(a => (string)a!["title"]!));
        var leadership = framework["leadershipCompetencies"]!.AsArray();
        Assert.Equal(["P1", "P4", "P6"], leadership.Select(c => (string)c!["afterPillar"]!));
        Assert.Equal("Susciter l'adhésion à la vision et à la stratégie", (string?)leadership[0]!["title"]);
        Assert.Equal(2, framework["caseStudy"]!["outcomes"]!.AsArray().Count);
        Assert.Equal(4, framework["scale"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_export_is_the_shipped_file_itself()
    {
        var response = await NewClient().GetStringAsync($"/Frameworks/{Code}/Export");
        Assert.Equal(await File.ReadAllTextAsync(ShippedFile), response);
    }

    [Fact]
    public async Task Export_then_import_then_export_gives_the_same_document()
    {
        var anonymous = NewClient();
        var first = await anonymous.GetStringAsync($"/Frameworks/{Code}/Export");
        await using (var db = Factory.NewDb())
        {
            await db.Frameworks.ExecuteDeleteAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Frameworks/{Code}/Export")).StatusCode);

        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var imported = await ImportAsync(coordinator, first);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        await PublishAsync(coordinator, Code, 1);

        Assert.Equal(first, await anonymous.GetStringAsync($"/Frameworks/{Code}/Export"));
    }

    [Fact]
    public async Task A_bad_framework_file_imports_nothing_and_lists_every_problem_with_its_path()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var bad = """
            {
              "code": "autre-programme",
              "version": 1,
              "language": "fr",
              "pillarLabel": "Module",
              "pillars": [
                { "code": "M1", "title": "Module un", "objectives": [ { "code": "M1.1", "title": "Objectif", "outcomes": [ { "code": "M1.1.1", "text": "Acquis" } ] } ] },
                { "code": "M1", "title": "Module deux", "objectives": [ { "code": "M2.1", "title": "  " } ] }
              ],
              "leadershipCompetencies": [ { "code": "L1", "title": "Leadership", "afterPillar": "M9" } ]
            }
            """;
        var response = await ImportAsync(coordinator, bad);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        var problems = page.QuerySelectorAll("#import-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.StartsWith("$.title") && p.Contains("obligatoire"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[1].code") && p.Contains("« M1 »") && p.Contains("$.pillars[0].code"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[1].objectives[0].title"));
        Assert.Contains(problems, p => p.StartsWith("$.leadershipCompetencies[0].afterPillar") && p.Contains("« M9 »"));
        Assert.Equal(4, problems.Count);
        await using var db = Factory.NewDb();
        Assert.False(await db.Frameworks.AnyAsync(f => f.Code == "autre-programme"));
    }

    [Theory]
    [InlineData("{ \"code\": \"x\", ", "Le fichier n'est pas un JSON valide")]
    [InlineData("[1, 2]", "n'est pas un référentiel")]
    [InlineData("{ \"code\": \"abc\", \"version\": \"un\" }", "$.version")]
    public async Task A_malformed_file_is_refused_with_a_message(string json, string expected)
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var page = await ParseAsync(await ImportAsync(coordinator, json));
        Assert.Contains(expected, page.QuerySelector("#import-problems")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(ShippedFiles.Length, await db.Frameworks.CountAsync());
    }

    [Fact]
    public async Task A_version_used_by_a_cohort_never_changes_and_a_change_is_a_new_version()
    {
        await using (var db = Factory.NewDb())
        {
            var framework = await db.Frameworks.SingleAsync(f => f.Code == Code);
            db.Cohorts.Add(new Cohort(new Programme("cium", "CIUM"), "Promotion 2025-2026", framework, new(2025, 9, 1), new(2026, 6, 30)));
            await db.SaveChangesAsync();
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var document = await ExportAsync(coordinator);
        document["title"] = "Titre modifié";

        var refused = await ParseAsync(await ImportAsync(coordinator, document.ToJsonString()));
        Assert.Contains("déjà publiée et ne change plus", refused.QuerySelector("#import-problems")!.TextContent);

        document["version"] = 2;
        var accepted = await ImportAsync(coordinator, document.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        await PublishAsync(coordinator, Code, 2);

        Assert.Equal("Certificat inter-universités en management public", (string?)(await ExportAsync(coordinator, version: 1))["title"]);
        Assert.Equal("Titre modifié", (string?)(await ExportAsync(coordinator))["title"]);
    }

    [Fact]
    public async Task Anyone_can_browse_the_matrix_without_signing_in()
    {
        var client = NewClient();
        var list = await GetPageAsync(client, "/Frameworks");
        Assert.Contains("Certificat inter-universités en management public", list.QuerySelector("main")!.TextContent);

        var matrix = await GetPageAsync(client, $"/Frameworks/{Code}");
        Assert.Equal("Certificat inter-universités en management public", matrix.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(6, matrix.QuerySelectorAll("article.framework-pillar").Length);
        Assert.Equal(22, matrix.QuerySelectorAll("article.framework-pillar details").Length);
        Assert.Equal(90, matrix.QuerySelectorAll("article.framework-pillar details li").Length);
        Assert.Equal(3, matrix.QuerySelectorAll("aside.leadership").Length);
        Assert.Contains("Les enjeux éthiques de la gouvernance publique", matrix.QuerySelector("#axes-title")!.ParentElement!.TextContent);
        // The seminar on change leadership stands right after pillar 4.
        var afterPillar4 = matrix.QuerySelector("#pillar-P4")!.ParentElement!.NextElementSibling!;
        Assert.Contains("Conduire le changement organisationnel et managérial", afterPillar4.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Frameworks/inconnu")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawn_version_disappears()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var anonymous = NewClient();
        await ImportAsync(coordinator, OtherFramework());
        await PublishAsync(coordinator, "cycle-direction", 1);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Frameworks/cycle-direction")).StatusCode);

        var withdrawn = await PostFormAsync(coordinator, "/Coordinator/Frameworks/Withdraw/cycle-direction/1", []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.DoesNotContain("Cycle d’essai", await PublicTitlesAsync(anonymous));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Frameworks/cycle-direction")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Frameworks/cycle-direction/Export")).StatusCode);
        Assert.DoesNotContain(await CohortChoicesAsync(coordinator), o => o.StartsWith("Cycle d’essai"));
        var preview = await GetPageAsync(coordinator, "/Coordinator/Frameworks/Preview/cycle-direction/1");
        Assert.Contains("Retiré", preview.QuerySelector("main")!.TextContent);
        // Withdrawn is not erased: a published version never changes, even when imported again.
        var reimported = await ParseAsync(await ImportAsync(coordinator, OtherFramework("Autre titre")));
        Assert.Contains("déjà publiée et ne change plus", reimported.QuerySelector("#import-problems")!.TextContent);
    }

    [Fact]
    public async Task A_version_followed_by_a_cohort_cannot_be_withdrawn()
    {
        await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var preview = await GetPageAsync(coordinator, $"/Coordinator/Frameworks/Preview/{Code}/1");
        Assert.Empty(preview.QuerySelectorAll("a[href*='/Withdraw/']"));
        Assert.Contains("ne peut pas être retirée", preview.QuerySelector("main")!.TextContent);
        var refused = await GetPageAsync(coordinator, $"/Coordinator/Frameworks/Withdraw/{Code}/1");
        Assert.Contains("ne peut pas être retirée", refused.QuerySelector("#withdraw-refused")!.TextContent);
        Assert.Empty(refused.QuerySelectorAll("main form"));

        Assert.Equal(HttpStatusCode.OK, (await NewClient().GetAsync($"/Frameworks/{Code}")).StatusCode);
        await using var db = Factory.NewDb();
        var framework = await db.Frameworks.SingleAsync(f => f.Code == Code);
        Assert.Throws<InvalidOperationException>(() => framework.Withdraw(followedByACohort: true));
    }

    [Fact]
    public async Task A_cohort_cannot_follow_a_draft()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        await ImportAsync(coordinator, OtherFramework());
        int draftId, programmeId;
        await using (var db = Factory.NewDb())
        {
            var draft = await db.Frameworks.SingleAsync(f => f.Code == "cycle-direction");
            var programme = new Programme("cycle", "Cycle d’essai");
            Assert.Throws<InvalidOperationException>(() => new Cohort(programme, "Promotion 2026", draft, new(2026, 9, 1), new(2027, 6, 30)));
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
            (draftId, programmeId) = (draft.Id, programme.Id);
        }

        // Posting the draft's id anyway (an old form, a crafted request) is refused with a message, not an error.
        var response = await PostFormAsync(coordinator, "/Coordinator/Cohorts/Create", new()
        {
            ["Input.ProgrammeId"] = programmeId.ToString(),
            ["Input.Name"] = "Promotion 2026",
            ["Input.FrameworkId"] = draftId.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choisissez un référentiel publié.", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
        await using var check = Factory.NewDb();
        Assert.False(await check.Cohorts.AnyAsync());
    }

    [Fact]
    public async Task A_draft_is_replaced_by_a_new_import_or_deleted()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        await ImportAsync(coordinator, OtherFramework());
        var replaced = await ImportAsync(coordinator, OtherFramework("Cycle d’essai, deuxième rédaction"));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);

        var preview = await GetPageAsync(coordinator, "/Coordinator/Frameworks/Preview/cycle-direction/1");
        Assert.Equal("Cycle d’essai, deuxième rédaction", preview.QuerySelector("h1")!.TextContent.Trim());

        var deleted = await PostFormAsync(coordinator, "/Coordinator/Frameworks/Delete/cycle-direction/1", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Frameworks/Preview/cycle-direction/1")).StatusCode);
        await using var db = Factory.NewDb();
        Assert.False(await db.Frameworks.AnyAsync(f => f.Code == "cycle-direction"));
    }

    [Fact]
    public async Task An_import_with_several_problems_including_a_wrong_type_lists_all_of_them()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var longTitle = new string('A', 100_010);
        var bad = $$"""
            {
              "code": "cycle-direction",
              "version": "2025",
              "title": "Cycle d’essai",
              "pillarLabel": 12,
              "pillars": [
                { "code": "M1", "title": "{{longTitle}}", "objectives": [ { "code": "M1.1", "title": "Objectif", "outcomes": [ { "code": "M1", "text": ["liste"] } ] } ] },
                { "code": "M2", "title": "Module deux", "objectives": "aucun" }
              ],
              "leadershipCompetencies": [ { "code": "L1", "title": "Leadership", "afterPillar": "M9" } ]
            }
            """;
        var response = await ImportAsync(coordinator, bad);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        var problems = page.QuerySelectorAll("#import-problems li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(problems, p => p.StartsWith("$.version") && p.Contains("« 2025 »") && p.Contains("sans guillemets"));
        Assert.Contains(problems, p => p.StartsWith("$.language") && p.Contains("obligatoire"));
        Assert.Contains(problems, p => p.StartsWith("$.pillarLabel") && p.Contains("texte") && p.Contains("12"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[0].title") && p.Contains("100010") && p.Contains("300"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[0].objectives[0].outcomes[0].code") && p.Contains("« M1 »") && p.Contains("$.pillars[0].code"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[0].objectives[0].outcomes[0].text") && p.Contains("texte"));
        Assert.Contains(problems, p => p.StartsWith("$.pillars[1].objectives") && p.Contains("liste"));
        Assert.Contains(problems, p => p.StartsWith("$.leadershipCompetencies[0].afterPillar") && p.Contains("« M9 »"));
        Assert.Equal(8, problems.Count);
        // The page quotes what it found, never the whole 100,010 characters.
        Assert.DoesNotContain(longTitle, page.QuerySelector("main")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.False(await db.Frameworks.AnyAsync(f => f.Code == "cycle-direction"));
    }

    [Fact]
    public async Task The_format_help_page_gives_the_limits_and_the_shipped_framework_as_an_example()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var import = await GetPageAsync(coordinator, "/Coordinator/Frameworks/Import");
        var link = import.QuerySelector("main a[href='/Coordinator/Frameworks/Format']");
        Assert.NotNull(link);

        var help = await GetPageAsync(coordinator, link.GetAttribute("href")!);
        Assert.Contains("au plus 300 caractères", help.QuerySelector("main")!.TextContent);
        var example = help.QuerySelector("a[download]")!.GetAttribute("href")!;
        var file = await coordinator.GetAsync(example);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(ShippedFile), await file.Content.ReadAsStringAsync());
    }
}
