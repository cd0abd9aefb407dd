using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Frameworks;

public class FrameworkTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string Code = "cium-management-public";
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "templates", "frameworks", Code + ".json");

    private static async Task<JsonObject> ExportAsync(HttpClient client, string code = Code, int? version = null)
    {
        var response = await client.GetAsync($"/Frameworks/{code}/Export" + (version is null ? "" : $"?version={version}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<HttpResponseMessage> ImportAsync(HttpClient coordinator, string json) =>
        await PostFormAsync(coordinator, "/Coordinator/Frameworks/Import", [], file: ("Document", "framework.json", Encoding.UTF8.GetBytes(json)));

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
    [InlineData("[1, 2]", "Le fichier n'est pas un JSON valide")]
    [InlineData("{ \"code\": \"abc\", \"version\": \"un\" }", "$.version")]
    public async Task A_malformed_file_is_refused_with_a_message(string json, string expected)
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var page = await ParseAsync(await ImportAsync(coordinator, json));
        Assert.Contains(expected, page.QuerySelector("#import-problems")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Frameworks.CountAsync());
    }

    [Fact]
    public async Task A_version_used_by_a_cohort_never_changes_and_a_change_is_a_new_version()
    {
        await using (var db = Factory.NewDb())
        {
            var framework = await db.Frameworks.SingleAsync();
            db.Cohorts.Add(new Cohort(new Programme("cium", "CIUM"), "Promotion 2025-2026", framework, new(2025, 9, 1), new(2026, 6, 30)));
            await db.SaveChangesAsync();
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var document = await ExportAsync(coordinator);
        document["title"] = "Titre modifié";

        var refused = await ParseAsync(await ImportAsync(coordinator, document.ToJsonString()));
        Assert.Contains("utilisée par une promotion", refused.QuerySelector("#import-problems")!.TextContent);

        document["version"] = 2;
        var accepted = await ImportAsync(coordinator, document.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

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
}
