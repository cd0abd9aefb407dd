using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Submissions;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Submissions;

/// <summary>The individual report: sections from the framework, word counts, drafts, stale saves, uploads, strange input.</summary>
public class ReportTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<(HttpClient Client, string UserId, int CohortId)> ParticipantAsync(string email = "lea@example.be")
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync(email, Roles.Participant);
        var userId = await Factory.UserIdAsync(email);
        await Factory.EnrolAsync(cohortId, userId);
        return (client, userId, cohortId);
    }

    [Fact]
    public async Task The_report_has_a_section_per_pillar_then_leadership_axes_and_synthesis()
    {
        var me = await ParticipantAsync();

        var page = await GetPageAsync(me.Client, "/Participant/Report");

        var keys = page.QuerySelectorAll("#report-sections tbody tr").Select(r => r.GetAttribute("data-section")).ToList();
        Assert.Equal(["pillar-P1", "pillar-P2", "pillar-P3", "pillar-P4", "pillar-P5", "pillar-P6", "leadership", "axes", "synthesis"], keys);
    }

    [Fact]
    public async Task Word_counts_are_shown_per_section_and_in_total()
    {
        var me = await ParticipantAsync();

        await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "# Bilan\n\n- J'ai appris **beaucoup** — vraiment.\n- 2026 fut riche.");
        await SubmissionBuilder.WriteSectionAsync(me.Client, "axes", "L'éthique publique d'abord.");

        var page = await GetPageAsync(me.Client, "/Participant/Report");
        // "#", "-" and "—" are not words; "J'ai" and "2026" are.
        Assert.Equal("8", page.QuerySelector("[data-section=synthesis] .words")!.TextContent.Trim());
        Assert.Equal("3", page.QuerySelector("[data-section=axes] .words")!.TextContent.Trim());
        Assert.Equal("11", page.QuerySelector("#total-words")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_stale_save_of_a_report_section_is_refused_and_loses_nothing()
    {
        var me = await ParticipantAsync();
        await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "Première version.");
        // Two tabs open on the same section; the first one saves.
        var staleTab = await GetPageAsync(me.Client, "/Participant/Report/Edit/synthesis");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "Version de l'autre onglet.")).StatusCode);

        var form = (AngleSharp.Html.Dom.IHtmlFormElement)staleTab.QuerySelector("#section-form")!;
        var response = await me.Client.PostAsync("/Participant/Report/Edit/synthesis",
            new FormUrlEncodedContent(SubmissionBuilder.Values(form, new() { ["Input.Text"] = "Mon texte du vieil onglet." })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Equal("Version de l'autre onglet.", page.QuerySelector("#conflict-stored")!.TextContent);
        Assert.Equal("Mon texte du vieil onglet.", page.QuerySelector("#Input_Text")!.TextContent.Trim());
        await using (var db = Factory.NewDb())
        {
            Assert.Equal("Version de l'autre onglet.", await db.ReportSections.Where(s => s.Key == "synthesis").Select(s => s.Text).SingleAsync());
        }
        // Saving again from the answered form is deliberate: it goes through.
        var again = await me.Client.PostAsync("/Participant/Report/Edit/synthesis",
            new FormUrlEncodedContent(SubmissionBuilder.Values((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#section-form")!, new())));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Every_save_keeps_the_previous_text_as_a_draft()
    {
        var me = await ParticipantAsync();
        await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "Premier jet.");
        await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "Deuxième jet, plus long.");
        await SubmissionBuilder.WriteSectionAsync(me.Client, "synthesis", "Version finale.");

        var page = await GetPageAsync(me.Client, "/Participant/Report/Revisions/synthesis");

        var drafts = page.QuerySelectorAll(".draft").Select(d => d.QuerySelector(".markdown")!.TextContent.Trim()).ToList();
        Assert.Equal(["Deuxième jet, plus long.", "Premier jet."], drafts);
    }

    [Fact]
    public async Task A_section_cites_only_evidence_of_the_own_portfolio()
    {
        var me = await ParticipantAsync();
        var objectives = await Factory.ObjectivesAsync(me.CohortId);
        var mine = await Factory.AddEvidenceAsync(me.UserId, me.CohortId, "Ma preuve", [objectives[0].Id]);
        await CreateUserAsync("ben@example.be", Roles.Participant);
        var ben = await Factory.UserIdAsync("ben@example.be");
        await Factory.EnrolAsync(me.CohortId, ben);
        var his = await Factory.AddEvidenceAsync(ben, me.CohortId, "Preuve de Ben", [objectives[0].Id]);

        var cited = await SubmissionBuilder.PostAsync(me.Client, "/Participant/Report/Edit/synthesis", "#section-form",
            new() { ["Input.Text"] = "Voir ma preuve.", ["Input.EvidenceIds"] = mine.ToString() });
        var foreign = await SubmissionBuilder.PostAsync(me.Client, "/Participant/Report/Edit/axes", "#section-form",
            new() { ["Input.Text"] = "Voir la sienne.", ["Input.EvidenceIds"] = his.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, cited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Contains("ne fait pas partie de votre portfolio", (await ParseAsync(foreign)).QuerySelector("#errors")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal([mine], await db.ReportSections.Where(s => s.Key == "synthesis").Select(s => s.EvidenceIds).SingleAsync());
        Assert.Equal("", await db.ReportSections.Where(s => s.Key == "axes").Select(s => s.Text).SingleAsync());
    }

    [Fact]
    public async Task The_report_uploaded_as_a_pdf_is_what_is_submitted_and_a_program_renamed_pdf_is_refused()
    {
        var me = await ParticipantAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% rapport\n%%EOF\n");
        var refused = await PostFormAsync(me.Client, "/Participant/Report/Upload", new(), file: ("Upload", "rapport.pdf", Encoding.ASCII.GetBytes("MZ\u0090\0binary")), formSelector: "#upload-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("n'est pas un rapport accepté", (await ParseAsync(refused)).QuerySelector("#errors")!.TextContent);
        var image = await PostFormAsync(me.Client, "/Participant/Report/Upload", new(), file: ("Upload", "rapport.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), formSelector: "#upload-form");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);

        var accepted = await PostFormAsync(me.Client, "/Participant/Report/Upload", new(), file: ("Upload", "Mon rapport.pdf", pdf), formSelector: "#upload-form");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Mon rapport.pdf", (await GetPageAsync(me.Client, "/Participant/Report")).QuerySelector("#report-file")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(me.Client)).StatusCode);
        await using var db = Factory.NewDb();
        var submission = await db.Submissions.Include(s => s.Files).SingleAsync();
        Assert.Equal("Mon rapport.pdf", submission.Snapshot.Report.File!.FileName);
        var file = Assert.Single(submission.Files);
        Assert.Equal(SubmissionFileKind.Report, file.Kind);
        Assert.NotEqual(await db.IndividualReports.Select(r => r.StoredFileId).SingleAsync(), file.StoredFileId);
    }

    [Fact]
    public async Task Strange_input_never_answers_500()
    {
        var me = await ParticipantAsync();
        var huge = new string('a', IndividualReport.TextLength + 10);
        var cases = new (string Url, string Selector, Dictionary<string, string> Fields)[]
        {
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.Text"] = "Texte avec un NUL \0 dedans" }),
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.Text"] = huge }),
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.EvidenceIds"] = "-5", ["Input.Text"] = "x" }),
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.EvidenceIds"] = "pas-un-nombre" }),
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.RowVersion"] = "-1" }),
            ("/Participant/Report/Edit/synthesis", "#section-form", new() { ["Input.RowVersion"] = "99999999999999999999" }),
            ("/Participant/Submission", "#submission-form", new() { ["Input.ReflectionIds"] = "-1", ["Input.Confirm"] = "oui" }),
            ("/Participant/Submission", "#submission-form", new() { ["Input.ReflectionIds"] = "2147483648", ["Input.Confirm"] = "true" }),
        };
        foreach (var (url, selector, fields) in cases)
        {
            await using (var db = Factory.NewDb())
            {
                // Each case starts from no submission, so the submission form is there to post.
                db.SubmissionRecords.RemoveRange(db.SubmissionRecords);
                await db.SaveChangesAsync();
            }
            var response = await SubmissionBuilder.PostAsync(me.Client, url, selector, fields);
            Assert.True((int)response.StatusCode < 500, $"{url} with {string.Join(", ", fields.Keys)} answered {(int)response.StatusCode}");
        }
        foreach (var url in new[] { "/Participant/Report/Edit/inconnue", "/Participant/Report/Edit/" + new string('k', 5000), "/Participant/Report/Revisions/pillar-ZZ",
            "/Jury/Candidate/-1", "/Participant/Evidence/Mark/999999" })
        {
            var response = await me.Client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        }
        var unknown = await me.Client.PostAsync("/Participant/Report/Edit/inconnue", new FormUrlEncodedContent([]));
        Assert.True((int)unknown.StatusCode < 500);
        await using (var db = Factory.NewDb())
        {
            Assert.DoesNotContain(await db.ReportSections.Select(s => s.Text).ToListAsync(), t => t.Contains('\0') || t.Length > IndividualReport.TextLength);
        }
    }
}
