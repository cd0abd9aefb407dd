using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Exports;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Projects;

namespace Portfolio.Tests.Portfolios;

/// <summary>
/// Evidence in programmes whose framework has no development objectives (CHESP, ENA): an item is tied to the project, a
/// session, or stands alone; the certificate's items still need an objective.
/// </summary>
public class EvidenceWithoutObjectivesTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string NewItem = "/Participant/Evidence/Edit";

    // The parts the shipped CHESP and ENA programmes use (templates/programmes): no self-assessment, no objectives.
    private const ProgrammeComponents ProjectProgramme = ProgrammeComponents.TransformationProject | ProgrammeComponents.Journal | ProgrammeComponents.Evidence
        | ProgrammeComponents.Intervision | ProgrammeComponents.Jury | ProgrammeComponents.Sessions;

    private sealed record Person(HttpClient Client, string Id);

    /// <summary>A cohort of a programme on <paramref name="frameworkCode"/> using the project programmes' parts, with Ana and Ben in one group.</summary>
    private async Task<(int CohortId, Person Ana, Person Ben)> ArrangeAsync(string programmeCode, string frameworkCode)
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion 2026", programmeCode, frameworkCode);
        await Factory.UseComponentsAsync(programmeCode, ProjectProgramme);
        var people = new List<Person>();
        foreach (var email in new[] { "ana@example.be", "ben@example.be" })
        {
            var client = await SignedInClientAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            people.Add(new Person(client, id));
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [people[0].Id, people[1].Id]);
        return (cohortId, people[0], people[1]);
    }

    [Fact]
    public async Task A_chesp_participant_saves_evidence_tied_to_her_project_and_it_appears_on_the_project_page()
    {
        var (cohortId, ana, _) = await ArrangeAsync("chesp", "chesp");
        await Factory.AddProjectAsync(ana.Id, cohortId, "Réforme des achats");
        var sessionId = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Dimension « Connaître »", new DateOnly(2026, 2, 12));

        var form = await GetPageAsync(ana.Client, NewItem);
        Assert.Null(form.QuerySelector("#objectives"));
        Assert.NotNull(form.QuerySelector("#ties #on-project"));
        Assert.Contains("n'a pas d'objectifs de développement", form.QuerySelector("#ties-help")!.TextContent);

        var fields = new Dictionary<string, string[]>
        {
            ["Input.Title"] = ["Note de cadrage du projet"],
            ["Input.OccurredOn"] = ["2026-02-12"],
            ["Input.Kind"] = [nameof(EvidenceKind.Production)],
            ["Input.OnProject"] = ["true"],
            ["Input.SessionId"] = [sessionId.ToString()],
        };
        var response = await EvidenceTests.SubmitAsync(ana.Client, NewItem, form, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var db = Factory.NewDb())
        {
            var stored = await db.Evidence.SingleAsync();
            Assert.Empty(stored.ObjectiveIds);
            Assert.Equal(sessionId, stored.SessionId);
            Assert.Equal(await db.TransformationProjects.Select(p => p.Id).SingleAsync(), stored.TransformationProjectId);
        }
        var details = await GetPageAsync(ana.Client, response.Headers.Location!.ToString());
        Assert.Null(details.QuerySelector("#evidence-objectives"));
        Assert.Equal("Réforme des achats", details.QuerySelector("#evidence-project")!.TextContent.Trim());
        Assert.Contains("Dimension « Connaître »", details.QuerySelector("#evidence-session")!.TextContent);
        var project = await GetPageAsync(ana.Client, "/Participant/Project");
        Assert.Equal(["Note de cadrage du projet"], project.QuerySelectorAll("#tied-evidence a").Select(a => a.TextContent.Trim()));

        var list = await GetPageAsync(ana.Client, "/Participant/Evidence?onProject=true");
        Assert.Null(list.QuerySelector("#filter-objective"));
        Assert.NotNull(list.QuerySelector("#filter-session"));
        var row = Assert.Single(list.QuerySelectorAll("#evidence-list tbody tr"));
        Assert.Contains("Mon projet", row.TextContent);
        Assert.Contains("Dimension « Connaître »", row.TextContent);
        Assert.Empty((await GetPageAsync(ana.Client, "/Participant/Evidence?session=999999")).QuerySelectorAll("#evidence-list tbody tr"));
    }

    [Fact]
    public async Task An_item_standing_alone_is_kept_where_the_framework_has_no_objectives_and_refused_where_it_has()
    {
        var (enaCohort, ana, _) = await ArrangeAsync("ena-transformation-publique", "ena-transformation-publique");
        var alone = await EvidenceTests.SubmitAsync(ana.Client, NewItem, EvidenceTests.Fields("Lecture du rapport de la Cour des comptes"));
        Assert.Equal(HttpStatusCode.Redirect, alone.StatusCode);

        // The rule is the entity's: the certificate's framework asks for an objective, ENA's cannot.
        var cium = await Factory.FrameworkOfAsync(await Factory.CreateCohortAsync("Promotion CIUM"));
        var ena = await Factory.FrameworkOfAsync(enaCohort);
        var untagged = new EvidenceContent("Sans objectif", PortfolioBuilder.Today, EvidenceKind.Other, "", "", Visibility.Private, [], [], [], [], [], []);
        Assert.Throws<ArgumentException>(() => new Evidence(ana.Id, enaCohort, cium, untagged, DateTimeOffset.UtcNow));
        Assert.Empty(new Evidence(ana.Id, enaCohort, ena, untagged, DateTimeOffset.UtcNow).ObjectiveIds);
    }

    [Fact]
    public async Task A_cium_item_without_objective_is_still_refused_with_the_french_message()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("lea@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, await Factory.UserIdAsync("lea@example.be"));

        var response = await EvidenceTests.SubmitAsync(client, NewItem, EvidenceTests.Fields("Une preuve sans objectif"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Cochez au moins un objectif de développement auquel cette preuve se rapporte.", page.QuerySelector("#errors")!.TextContent);
        Assert.NotNull(page.QuerySelector("#objectives"));
        await using var db = Factory.NewDb();
        Assert.False(await db.Evidence.AnyAsync());
    }

    [Fact]
    public async Task Advice_on_the_project_is_kept_as_evidence_tied_to_the_project_where_there_are_no_objectives()
    {
        var (cohortId, ana, ben) = await ArrangeAsync("ena-transformation-publique", "ena-transformation-publique");
        var projectId = await Factory.AddProjectAsync(ana.Id, cohortId, "Simplifier les démarches en ligne");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(ana.Client, "/Participant/Feedback/Ask?project=true", new()
        {
            ["Input.Question"] = "Par où commencer ?",
        })).StatusCode);
        int requestId;
        await using (var db = Factory.NewDb())
        {
            requestId = await db.FeedbackRequests.Select(r => r.Id).SingleAsync();
        }
        await Factory.GiveFeedbackAsync(requestId, ben.Id, strengths: "Partez des usagers.");

        var kept = await PostFormAsync(ana.Client, $"/Participant/Feedback/Received/{requestId}", [], "Keep");

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.StartsWith("/Participant/Evidence/Details/", kept.Headers.Location!.ToString());
        await using (var db = Factory.NewDb())
        {
            var stored = await db.Evidence.SingleAsync();
            Assert.Equal((projectId, EvidenceOriginKind.FeedbackReceived), (stored.TransformationProjectId, stored.OriginKind));
            Assert.Empty(stored.ObjectiveIds);
        }
    }

    [Fact]
    public async Task The_export_of_an_ena_participant_has_her_project_and_no_self_assessment_heading()
    {
        var (cohortId, ana, _) = await ArrangeAsync("ena-transformation-publique", "ena-transformation-publique");
        await Factory.AddProjectAsync(ana.Id, cohortId, "Simplifier <les> démarches", milestones: 2, done: 1, submitted: true);
        var sessionId = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 1", new DateOnly(2026, 2, 12));
        Assert.Equal(HttpStatusCode.Redirect, (await EvidenceTests.SubmitAsync(ana.Client, NewItem, new Dictionary<string, string[]>
        {
            ["Input.Title"] = ["Atelier usagers"],
            ["Input.OccurredOn"] = ["2026-02-12"],
            ["Input.Kind"] = [nameof(EvidenceKind.FieldVisit)],
            ["Input.OnProject"] = ["true"],
            ["Input.SessionId"] = [sessionId.ToString()],
        })).StatusCode);

        var html = await ExportPageAsync(ana.Id, cohortId);

        var headings = html.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Sommaire", "Informations", "Projet de transformation", "Preuves", "Journal réflexif"], headings);
        Assert.Null(html.QuerySelector("#echelle"));
        var project = html.QuerySelector("section[aria-labelledby=projet]")!;
        Assert.Contains("Simplifier <les> démarches", project.QuerySelector("h3")!.TextContent);
        Assert.Null(project.QuerySelector("les"));
        Assert.Equal(2, project.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("atteint le 15 mars 2026", project.TextContent);
        Assert.Contains("Ce que la transformation a changé.", project.TextContent);
        var item = html.QuerySelector("article.evidence")!.TextContent;
        Assert.Contains("Séance", item);
        Assert.Contains("Module 1", item);
        Assert.Contains("Simplifier <les> démarches", item);
        Assert.DoesNotContain("Objectifs", item);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ExportPageAsync(string participantId, int cohortId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        using var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<PortfolioExport>().WriteAsync(participantId, cohortId, output, (_, _, _) => Task.CompletedTask, CancellationToken.None);
        output.Position = 0;
        using var zip = new ZipArchive(output, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("index.html")!.Open(), Encoding.UTF8);
        return new HtmlParser().ParseDocument(await reader.ReadToEndAsync());
    }
}
