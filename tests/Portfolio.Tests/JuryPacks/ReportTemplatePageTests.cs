using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;
using Portfolio.Tests.Submissions;

namespace Portfolio.Tests.JuryPacks;

/// <summary>The coordinators' editor of the candidate report template: check at save, versions, restore, preview, access.</summary>
public class ReportTemplatePageTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private Task<int> ProgrammeIdAsync() => Factory.CreateProgrammeAsync(CohortBuilder.ProgrammeCode);

    private static string Editor(int programmeId) => $"/Coordinator/Programmes/ReportTemplate/{programmeId}";

    private Task<HttpResponseMessage> SaveAsync(HttpClient client, int programmeId, string text) =>
        PostFormAsync(client, Editor(programmeId), new() { ["Input.Text"] = text }, formSelector: "#template-form");

    private async Task<List<(int Number, bool Shipped)>> VersionsAsync(int programmeId)
    {
        await using var db = Factory.NewDb();
        return (await db.ReportTemplates.Where(t => t.ProgrammeId == programmeId).OrderBy(t => t.Number).Select(t => new { t.Number, t.Shipped }).ToListAsync())
            .Select(t => (t.Number, t.Shipped)).ToList();
    }

    /// <summary>Léa, enrolled in a cohort of the programme, submits one evidence item whose title is hostile.</summary>
    private async Task<int> SubmittedCandidateAsync(string title = "Réunion de crise <script>alert(1)</script>")
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("lea@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, await Factory.UserIdAsync("lea@example.be"));
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await SubmissionBuilder.MarkedEvidenceWithPdfAsync(client, objectives[0].Id, title, Pdf);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(client)).StatusCode);
        await using var db = Factory.NewDb();
        return await db.Submissions.Select(s => s.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, int programmeId, int submissionId, string? text = null)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(Editor(programmeId)));
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("#template-form"));
        var fields = new Dictionary<string, string> { ["Input.SubmissionId"] = submissionId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (text is not null)
        {
            fields["Input.Text"] = text;
        }
        var action = page.QuerySelector("button[formtarget=report-preview]")!.GetAttribute("formaction")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(SubmissionBuilder.Values(form, fields)));
    }

    [Fact]
    public async Task A_programme_without_a_template_edits_the_shipped_one_and_lists_the_fields()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        var page = await GetPageAsync(coordinator, Editor(id));

        Assert.Equal(File.ReadAllText(ReportTemplates.ShippedPath).Replace("\r\n", "\n", StringComparison.Ordinal),
            page.QuerySelector("#Input_Text")!.TextContent.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("#fields code"), c => c.TextContent == "report.Pillars[].Objectives[].Progression");
        Assert.Equal(ReportRenderer.Fields.Count, page.QuerySelectorAll("#fields tbody tr").Length);
        Assert.NotNull((await GetPageAsync(coordinator, "/Coordinator")).QuerySelector($"a[href='{Editor(id)}']"));
    }

    [Fact]
    public async Task Saving_keeps_every_version_and_the_shipped_one_can_be_restored()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(coordinator, id, "<h1>{{ report.Candidate }}</h1>")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(coordinator, id, "<h1>Candidat {{ report.Number }}</h1>")).StatusCode);
        var page = await GetPageAsync(coordinator, Editor(id));
        Assert.Equal("<h1>Candidat {{ report.Number }}</h1>", page.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal(["2", "1", "0"], page.QuerySelectorAll("#versions tbody tr").Select(r => r.GetAttribute("data-version")!));

        // An earlier version comes back into the editor, and saving it makes it the latest.
        var first = await GetPageAsync(coordinator, Editor(id) + "?version=1");
        Assert.Equal("<h1>{{ report.Candidate }}</h1>", first.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, Editor(id) + "?version=1", [], formSelector: "#template-form")).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal((3, "<h1>{{ report.Candidate }}</h1>"), await ReportTemplates.CurrentAsync(db, id));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, Editor(id) + "?version=0", [], formSelector: "#template-form")).StatusCode);
        Assert.Equal([(1, false), (2, false), (3, false), (4, true)], await VersionsAsync(id));
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(File.ReadAllText(ReportTemplates.ShippedPath).Replace("\r\n", "\n", StringComparison.Ordinal), (await ReportTemplates.CurrentAsync(db, id)).Text);
        }
    }

    [Fact]
    public async Task An_unknown_variable_is_refused_at_save_with_its_line_and_column()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        var response = await SaveAsync(coordinator, id, "<h1>Rapport</h1>\n<p>{{ report.Nom }}</p>");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        var problem = Assert.Single(page.QuerySelectorAll("#template-problems li"));
        Assert.Equal("2", problem.GetAttribute("data-line"));
        Assert.StartsWith("Ligne 2, colonne ", problem.TextContent);
        Assert.Equal("<h1>Rapport</h1>\n<p>{{ report.Nom }}</p>", page.QuerySelector("#Input_Text")!.TextContent);
        Assert.Empty(await VersionsAsync(id));
    }

    [Fact]
    public async Task A_broken_template_is_not_saved_and_shows_its_line_and_column()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        var page = await ParseAsync(await SaveAsync(coordinator, id, "a\nb\n{{ for x in report.Campaigns }}\n{{ x }"));

        Assert.Contains(page.QuerySelectorAll("#template-problems li"), li => li.TextContent.StartsWith("Ligne ", StringComparison.Ordinal));
        Assert.Empty(await VersionsAsync(id));
    }

    [Fact]
    public async Task A_template_with_an_endless_loop_is_refused_at_save()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        var page = await ParseAsync(await SaveAsync(coordinator, id, "{{ while true }}x{{ end }}"));

        Assert.Contains("boucle", page.QuerySelector("#template-problems")!.TextContent);
        Assert.Empty(await VersionsAsync(id));
    }

    [Fact]
    public async Task A_save_made_from_an_outdated_version_is_refused_and_keeps_the_text()
    {
        var alice = await SignedInClientAsync("alice@example.be", Roles.Coordinator);
        var bob = await SignedInClientAsync("bob@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();
        var bobsPage = await GetPageAsync(bob, Editor(id));
        var bobsForm = Assert.IsAssignableFrom<IHtmlFormElement>(bobsPage.QuerySelector("#template-form"));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(alice, id, "<p>Alice</p>")).StatusCode);
        var stale = await bob.PostAsync(Editor(id), new FormUrlEncodedContent(SubmissionBuilder.Values(bobsForm, new() { ["Input.Text"] = "<p>Bob</p>" })));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Quelqu'un a enregistré une autre version", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("<p>Bob</p>", page.QuerySelector("#Input_Text")!.TextContent);
        Assert.Equal([(1, false)], await VersionsAsync(id));
        // Saving again, knowingly, replaces Alice's version with Bob's.
        var again = await bob.PostAsync(Editor(id), new FormUrlEncodedContent(SubmissionBuilder.Values(Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("#template-form")), [])));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, (await VersionsAsync(id)).Count);
    }

    [Fact]
    public async Task The_preview_renders_the_unsaved_text_for_a_candidate_sandboxed()
    {
        var submissionId = await SubmittedCandidateAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var id = await ProgrammeIdAsync();

        var response = await PreviewAsync(coordinator, id, submissionId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox;", csp);
        Assert.Contains("default-src 'none'", csp);
        var report = await ParseAsync(response);
        Assert.Equal("Réunion de crise <script>alert(1)</script>", report.QuerySelector("article.evidence h3")!.TextContent);
        Assert.Empty(report.QuerySelectorAll("script"));
        Assert.Empty(await VersionsAsync(id));
        var editor = await GetPageAsync(coordinator, Editor(id));
        Assert.Equal("", editor.QuerySelector("iframe#report-preview")!.GetAttribute("sandbox"));

        var problems = await ParseAsync(await PreviewAsync(coordinator, id, submissionId, "<p>\n{{ report.Nom }}</p>"));
        Assert.StartsWith("Ligne 2, colonne", problems.QuerySelector("li")!.TextContent);
    }

    [Fact]
    public async Task Two_renders_of_the_same_candidate_are_identical()
    {
        var submissionId = await SubmittedCandidateAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Portfolio.Core.Data.PortfolioDb>();
        var frameworks = scope.ServiceProvider.GetRequiredService<FrameworkModels>();
        var (_, template) = await ReportTemplates.CurrentAsync(db, await ProgrammeIdAsync());

        var first = await ReportRenderer.RenderAsync(template, (await ReportTemplates.CandidateAsync(db, frameworks, submissionId, "01"))!);
        var second = await ReportRenderer.RenderAsync(template, (await ReportTemplates.CandidateAsync(db, frameworks, submissionId, "01"))!);

        Assert.True(first.Succeeded, string.Join("; ", first.Problems));
        Assert.Equal(first.Html, second.Html);
        Assert.Contains("Prénom lea", first.Html);
    }

    [Fact]
    public async Task Another_programme_s_template_and_candidates_answer_404()
    {
        var submissionId = await SubmittedCandidateAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var other = await Factory.CreateProgrammeAsync("autre");

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Editor(other))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Editor(await ProgrammeIdAsync()) + "?version=9")).StatusCode);
        var ownPage = new HtmlParser().ParseDocument(await coordinator.GetStringAsync(Editor(await ProgrammeIdAsync())));
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(ownPage.QuerySelector("#template-form"));
        var values = SubmissionBuilder.Values(form, new() { ["Input.SubmissionId"] = submissionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsync($"/Coordinator/Programmes/ReportPreview/{other}", new FormUrlEncodedContent(values))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsync(Editor(other), new FormUrlEncodedContent(values))).StatusCode);
        // The candidate belongs to the coordinator's programme, not to "autre": a preview there cannot reach her.
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("coordination@example.be"), "autre");
        var otherPage = new HtmlParser().ParseDocument(await coordinator.GetStringAsync(Editor(other)));
        var otherValues = SubmissionBuilder.Values(Assert.IsAssignableFrom<IHtmlFormElement>(otherPage.QuerySelector("#template-form")),
            new() { ["Input.SubmissionId"] = submissionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var refused = await coordinator.PostAsync($"/Coordinator/Programmes/ReportPreview/{other}", new FormUrlEncodedContent(otherValues));
        Assert.DoesNotContain("Réunion de crise", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Participants_and_jurors_cannot_open_the_editor()
    {
        var id = await ProgrammeIdAsync();
        foreach (var (email, role) in new[] { ("p@example.be", Roles.Participant), ("j@example.be", Roles.JuryMember) })
        {
            var client = await SignedInClientAsync(email, role);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(Editor(id))).StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.OK, (await NewClient().GetAsync(Editor(id))).StatusCode);
    }
}
