using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Frameworks;

/// <summary>
/// The frameworks shipped in templates/frameworks: the primary programme's and its four sister programmes', each drawn
/// from its seed. They travel through the real import and export, and a framework without self-assessment breaks no page.
/// </summary>
public class ShippedFrameworkTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "templates", "frameworks");

    private async Task<HttpResponseMessage> ImportAsync(HttpClient coordinator, string json) =>
        await PostFormAsync(coordinator, "/Coordinator/Frameworks/Import", [], file: ("Document", "framework.json", Encoding.UTF8.GetBytes(json)));

    /// <summary>Imports a document through the coordinators' page, publishes it, and downloads it from the public export.</summary>
    private async Task<string> ImportPublishAndExportAsync(HttpClient coordinator, string json, string code)
    {
        await using (var db = Factory.NewDb())
        {
            await db.Frameworks.ExecuteDeleteAsync();
        }
        var imported = await ImportAsync(coordinator, json);
        Assert.True(imported.StatusCode == HttpStatusCode.Redirect,
            "import refused: " + (await ParseAsync(imported)).QuerySelector("#import-problems")?.TextContent);
        var published = await PostFormAsync(coordinator, $"/Coordinator/Frameworks/Publish/{code}/1", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return await NewClient().GetStringAsync($"/Frameworks/{code}/Export");
    }

    [Fact]
    public async Task Each_shipped_framework_exports_to_the_same_document()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var files = Directory.GetFiles(Folder, "*.json").Order().ToList();
        Assert.Equal(5, files.Count);
        foreach (var file in files)
        {
            var shipped = await File.ReadAllTextAsync(file);
            var code = (string)JsonNode.Parse(shipped)!["code"]!;

            var exported = await ImportPublishAndExportAsync(coordinator, shipped, code);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(shipped), JsonNode.Parse(exported)), $"{Path.GetFileName(file)}: the export differs from the file");

            // The export is itself a document the import takes back unchanged.
            var again = await ImportPublishAndExportAsync(coordinator, exported, code);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(exported), JsonNode.Parse(again)), $"{Path.GetFileName(file)}: the export does not import back to itself");
        }
    }

    [Fact]
    public async Task The_sister_programmes_ship_with_the_structure_of_their_seeds()
    {
        await using var db = Factory.NewDb();
        var frameworks = await db.Frameworks.AsNoTracking().WithWholeTree().ToDictionaryAsync(f => f.Code);
        Assert.All(frameworks.Values, f => Assert.Equal(FrameworkState.Published, f.State));

        var inet = FrameworkModel.From(frameworks["inet-direction-generale"]);
        Assert.Equal("Module", inet.PillarLabel);
        Assert.Equal(6, inet.Pillars.Count);
        Assert.All(inet.Pillars, p => Assert.Equal(3, p.Objectives.Count));
        Assert.Equal("La posture et les responsabilités managériales du DG", inet.Pillars[5].Title);
        Assert.Equal("Garantir la qualité du dialogue social", inet.Pillars[5].Objectives[1].Title);
        Assert.StartsWith("Contenu :\n- Dynamiques environnementales", inet.Pillars[0].Description);
        Assert.Contains("Voyage d'étude (entre le module 4 et le module 5)", inet.Description);
        Assert.True(inet.HasSelfAssessment);
        Assert.Equal(4, inet.Scale.Count);

        var ena = FrameworkModel.From(frameworks["ena-transformation-publique"]);
        Assert.Equal(
            ["Instaurer une gouvernance managériale innovante à l'ère digitale", "Développer son leadership en situation complexe",
             "S'inspirer de tiers-lieux à impacts, comme écosystèmes créatifs pour inspirer autrement", "Développer des compétences managériales transversales et innovantes",
             "Évaluer l'action publique afin d'éclairer sa décision", "Valoriser son projet de transformation autour d'une vision stratégique porteuse de sens"],
            ena.Pillars.Select(p => p.Title));
        Assert.Empty(ena.Objectives);
        Assert.Equal(4, ena.CycleObjectives.Count);
        Assert.False(ena.HasSelfAssessment);
        Assert.Empty(ena.Scale);

        var chesp = FrameworkModel.From(frameworks["chesp"]);
        Assert.Equal("Dimension", chesp.PillarLabel);
        Assert.Equal(["Connaître", "S'ouvrir", "Se développer"], chesp.Pillars.Select(p => p.Title));
        Assert.Contains("« hackathon »", chesp.Pillars[0].Description);
        Assert.Contains("binôme « vis ma vie »", chesp.Pillars[1].Description);
        Assert.Contains("Challenge de la transformation", chesp.Pillars[2].Description);
        Assert.Equal(5, chesp.CycleObjectives.Count);
        Assert.Contains("mise en page", chesp.Description);
        Assert.False(chesp.HasSelfAssessment);

        var community = FrameworkModel.From(frameworks["communaute-cadres-dirigeants"]);
        Assert.Equal("Chantier", community.PillarLabel);
        Assert.Equal(9, community.Pillars.Count);
        Assert.Equal("Repenser les espaces de travail", community.Pillars[8].Title);
        Assert.Empty(community.Objectives);
        Assert.Empty(community.CycleObjectives);
        Assert.Contains("(8 à 10 participants)", community.Description);
        Assert.False(community.HasSelfAssessment);
        Assert.Empty(community.Scale);
    }

    [Fact]
    public async Task The_public_page_shows_the_descriptions_and_says_when_there_is_no_self_assessment()
    {
        var anonymous = NewClient();
        var inet = await GetPageAsync(anonymous, "/Frameworks/inet-direction-generale");
        Assert.Equal(6, inet.QuerySelectorAll("article.framework-pillar").Length);
        Assert.Equal(18, inet.QuerySelectorAll("article.framework-pillar details").Length);
        Assert.Contains("Voyage d'étude", inet.QuerySelector("main .framework-description")!.TextContent);
        Assert.Contains("Dialogue social de qualité", inet.QuerySelector("#pillar-M6")!.ParentElement!.TextContent);

        var ena = await GetPageAsync(anonymous, "/Frameworks/ena-transformation-publique");
        Assert.Equal(4, ena.QuerySelectorAll("#cycle-objectives-title + ol li").Length);
        Assert.Empty(ena.QuerySelectorAll("article.framework-pillar table"));
        Assert.Contains("ne prévoit pas d'auto-évaluation", ena.QuerySelector("#scale-title")!.ParentElement!.TextContent);

        var english = await GetPageAsync(anonymous, "/Frameworks/communaute-cadres-dirigeants?culture=en");
        Assert.Contains("9 workstreams", english.QuerySelector("main")!.TextContent);
        Assert.Contains("This programme has no self-assessment", english.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Descriptions_are_shown_as_text_never_as_markup()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "communaute-cadres-dirigeants.json")))!;
        document["code"] = "essai-balises";
        document["description"] = "<script>alert(1)</script>";
        document["pillars"]![0]!["description"] = "<img src=x onerror=alert(2)>";
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(coordinator, document.ToJsonString())).StatusCode);

        var preview = await GetPageAsync(coordinator, "/Coordinator/Frameworks/Preview/essai-balises/1");
        Assert.Empty(preview.QuerySelectorAll("main script, main img"));
        Assert.Contains("<script>alert(1)</script>", preview.QuerySelector("main")!.TextContent);
        Assert.Contains("<img src=x onerror=alert(2)>", preview.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public void The_new_format_members_are_read_and_written()
    {
        var json = """
            {
              "code": "essai", "version": 1, "title": "Essai", "language": "fr", "pillarLabel": "Module",
              "description": "Ce que le programme est.\nEt d'où vient le texte.",
              "selfAssessment": false,
              "pillars": [ { "code": "M1", "title": "Module un", "description": "Contenu :\n- un", "objectives": [] } ],
              "cycleObjectives": [ { "code": "O1", "title": "Un objectif du cycle" } ]
            }
            """;
        var (document, problems) = FrameworkDocument.Read(json);
        Assert.Empty(problems);
        Assert.Equal("Ce que le programme est.\nEt d'où vient le texte.", document!.Description);
        Assert.False(document.SelfAssessment);
        Assert.Null(document.Scale);
        Assert.Equal("Contenu :\n- un", document.Pillars![0].Description);
        Assert.Equal("Un objectif du cycle", document.CycleObjectives![0].Title);

        var framework = Framework.FromDocument(document, DateTimeOffset.UtcNow);
        Assert.False(framework.HasSelfAssessment);
        Assert.Empty(framework.Scale);
        var written = JsonNode.Parse(framework.ToDocument().ToJson())!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), written), written.ToJsonString());

        // Without "selfAssessment" and without a scale, a framework keeps the default scale, as before the member existed.
        var classic = Framework.FromDocument(FrameworkDocument.Read(json.Replace("\"selfAssessment\": false,", "")
            .Replace("\"objectives\": []", "\"objectives\": [ { \"code\": \"M1.1\", \"title\": \"Objectif\" } ]")).Document!, DateTimeOffset.UtcNow);
        Assert.True(classic.HasSelfAssessment);
        Assert.Equal(FrameworkDocument.DefaultScale.Select(l => l.Label), classic.Scale.Select(l => l.Label));
        Assert.Null(JsonNode.Parse(classic.ToDocument().ToJson())!["selfAssessment"]);
    }

    [Fact]
    public void Every_problem_of_the_new_members_is_listed_with_its_path()
    {
        var json = $$"""
            {
              "code": "essai", "version": 1, "title": "Essai", "language": "fr", "pillarLabel": "Module",
              "description": 12,
              "selfAssessment": "non",
              "pillars": [
                { "code": "M1", "title": "Module un", "description": "{{new string('a', FrameworkLimits.Description + 1)}}", "objectives": [] }
              ],
              "cycleObjectives": [ { "code": "O1" }, { "code": "M1", "title": "Doublon" }, "texte" ]
            }
            """;
        var (document, problems) = FrameworkDocument.Read(json);
        Assert.Null(document);
        var listed = problems.Select(p => p.ToString()).ToList();
        Assert.Contains(listed, p => p.StartsWith("$.description:") && p.Contains("texte"));
        Assert.Contains(listed, p => p.StartsWith("$.selfAssessment:") && p.Contains("\"non\""));
        Assert.Contains(listed, p => p.StartsWith("$.pillars[0].description:") && p.Contains("4001"));
        // "selfAssessment" was not read as false, so the pillar must have objectives.
        Assert.Contains(listed, p => p.StartsWith("$.pillars[0].objectives:"));
        Assert.Contains(listed, p => p.StartsWith("$.cycleObjectives[0].title:"));
        Assert.Contains(listed, p => p.StartsWith("$.cycleObjectives[1].code:") && p.Contains("$.pillars[0].code"));
        Assert.Contains(listed, p => p.StartsWith("$.cycleObjectives[2]:"));
        Assert.Equal(7, listed.Count);

        var contradictory = FrameworkDocument.Read("""
            { "code": "essai", "version": 1, "title": "Essai", "language": "fr", "pillarLabel": "Module", "selfAssessment": false,
              "scale": [ { "value": 1, "label": "Un" }, { "value": 2, "label": "Deux" } ],
              "pillars": [ { "code": "M1", "title": "Module un", "objectives": [] } ] }
            """);
        Assert.Equal(["$.scale"], contradictory.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("ena-transformation-publique")]
    [InlineData("communaute-cadres-dirigeants")]
    public async Task A_cohort_on_a_framework_without_self_assessment_shows_messages_not_errors(string code)
    {
        var programmeId = await Factory.CreateProgrammeAsync(CohortBuilder.ProgrammeCode);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        int frameworkId;
        await using (var db = Factory.NewDb())
        {
            frameworkId = await db.Frameworks.Where(f => f.Code == code).Select(f => f.Id).SingleAsync();
        }

        var created = await PostFormAsync(coordinator, "/Coordinator/Cohorts/Create", new()
        {
            ["Input.ProgrammeId"] = programmeId.ToString(),
            ["Input.Name"] = "Promotion soeur",
            ["Input.FrameworkId"] = frameworkId.ToString(),
            ["Input.StartsOn"] = "2026-09-01",
            ["Input.EndsOn"] = "2027-06-30",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        int cohortId;
        await using (var db = Factory.NewDb())
        {
            cohortId = await db.Cohorts.Where(c => c.FrameworkId == frameworkId).Select(c => c.Id).SingleAsync();
        }
        var client = await SignedInClientAsync("amelie@example.be", Roles.Participant);
        await using (var db = Factory.NewDb())
        {
            await Factory.EnrolAsync(cohortId, await db.Users.Where(u => u.Email == "amelie@example.be").Select(u => u.Id).SingleAsync());
        }

        // Self-assessment campaigns make no sense here: the cohort refuses them, and the page says why.
        await using (var db = Factory.NewDb())
        {
            var cohort = await db.Cohorts.Include(c => c.Framework).SingleAsync(c => c.Id == cohortId);
            Assert.Throws<InvalidOperationException>(() => new Campaign(cohort, "Positionnement initial", 1, new(2026, 9, 1), new(2026, 9, 30)));
        }
        var campaigns = await GetPageAsync(coordinator, $"/Coordinator/Campaigns/{cohortId}");
        Assert.Contains("ne prévoit pas d'auto-évaluation", campaigns.QuerySelector("main")!.TextContent);
        Assert.Empty(campaigns.QuerySelectorAll("main form[action*='handler=Defaults'], main form[action*='handler=Add']"));
        // A crafted post (an old form, a script) changes nothing and breaks nothing.
        var token = (await GetPageAsync(coordinator, "/Coordinator/Cohorts/Create")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        foreach (var handler in new[] { "Defaults", "Add" })
        {
            var posted = await coordinator.PostAsync($"/Coordinator/Campaigns/{cohortId}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["NewCampaign.Name"] = "Positionnement initial",
                ["NewCampaign.OpensOn"] = "2026-09-01",
                ["NewCampaign.ClosesOn"] = "2026-09-30",
            }));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        await using (var db = Factory.NewDb())
        {
            Assert.False(await db.Campaigns.AnyAsync(c => c.CohortId == cohortId));
        }

        string[] participantPages =
        [
            "/Participant", "/Participant/Matrix", "/Participant/Progression", "/Participant/Assessments",
            "/Participant/Assessments/Edit?campaignId=1&objectiveId=1", "/Participant/Evidence", "/Participant/Evidence/Edit",
            "/Participant/Journal", "/Participant/Journal/Edit", "/Participant/Feedback", "/Participant/Feedback/Ask", "/Participant/Cohort",
            "/Participant/Export", "/Participant/Report", "/Participant/Submission", "/Participant/Results",
        ];
        string[] coordinatorPages =
        [
            $"/Coordinator/Cohorts/Details/{cohortId}", $"/Coordinator/Campaigns/{cohortId}", $"/Coordinator/Synthesis/{cohortId}",
            $"/Coordinator/Synthesis/Export/{cohortId}", $"/Coordinator/Packs/{cohortId}", $"/Coordinator/Submissions/{cohortId}",
            $"/Coordinator/Groups/{cohortId}", $"/Coordinator/Results/{cohortId}",
        ];
        var errors = new List<string>();
        foreach (var (who, url) in participantPages.Select(u => (client, u)).Concat(coordinatorPages.Select(u => (coordinator, u))))
        {
            var response = await who.GetAsync(url);
            if ((int)response.StatusCode >= 500)
            {
                errors.Add($"{url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var assessments = await GetPageAsync(client, "/Participant/Assessments");
        Assert.Contains("ne prévoit pas d'auto-évaluation", assessments.QuerySelector("main")!.TextContent);
    }
}
