using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Submissions;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Submissions;

/// <summary>Submitting for assessment: an immutable snapshot, one submit until a coordinator reopens, the jury reads the latest.</summary>
public class SubmissionTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% rapport de crise\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Candidate(HttpClient Client, string UserId, int CohortId, int EvidenceId);

    /// <summary>A participant with one evidence item (with a PDF) marked for assessment and a written synthesis.</summary>
    private async Task<Candidate> CandidateAsync(string email = "lea@example.be")
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync(email, Roles.Participant);
        var userId = await Factory.UserIdAsync(email);
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var evidenceId = await SubmissionBuilder.MarkedEvidenceWithPdfAsync(client, objectives[0].Id, "Réunion de crise", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.WriteSectionAsync(client, ReportSections.Synthesis, "Mon année en **trois** temps.")).StatusCode);
        return new Candidate(client, userId, cohortId, evidenceId);
    }

    /// <summary>A signed-in juror to whom the candidate is open (declared no conflict).</summary>
    private async Task<(HttpClient Client, int JuryCandidateId)> OpenJurorAsync(Candidate candidate, string email = "juror@example.be")
    {
        var client = await SignedInClientAsync(email, Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync(email);
        var juryCandidateId = await Factory.JuryWithCandidateAsync(candidate.CohortId, "Jury A", [jurorId], candidate.UserId);
        await Factory.DeclareAsync(juryCandidateId, jurorId, ConflictLevel.None);
        return (client, juryCandidateId);
    }

    private static async Task<HttpResponseMessage> EditTitleAsync(HttpClient client, int evidenceId, string title)
    {
        var url = $"/Participant/Evidence/Edit/{evidenceId}";
        return await EvidenceTests.SubmitAsync(client, url, new Dictionary<string, string[]> { ["Input.Title"] = [title] });
    }

    [Fact]
    public async Task Submitting_copies_the_marked_evidence_its_file_the_report_and_the_chosen_reflections()
    {
        var candidate = await CandidateAsync();
        var chosen = await Factory.AddReflectionAsync(candidate.UserId, candidate.CohortId, "Ce que la crise m'a appris", "Écouter d'abord.");
        await Factory.AddReflectionAsync(candidate.UserId, candidate.CohortId, "Note privée", "Pas pour le jury.");

        var response = await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client, new() { ["Input.ReflectionIds"] = chosen.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Factory.NewDb();
        var submission = await db.Submissions.Include(s => s.Files).SingleAsync();
        var snapshot = submission.Snapshot;
        Assert.Equal("Réunion de crise", Assert.Single(snapshot.Evidence).Title);
        Assert.Equal("Ce que la crise m'a appris", Assert.Single(snapshot.Reflections).Title);
        Assert.Equal(5, snapshot.Report.TotalWords);
        Assert.Equal(2, snapshot.Campaigns.Count);
        var file = Assert.Single(submission.Files);
        // A copy: another stored file than the portfolio's, with the same bytes.
        var original = await db.Attachments.Select(a => a.StoredFileId).SingleAsync();
        Assert.NotEqual(original, file.StoredFileId);
        Assert.Equal(2, await db.StoredFiles.CountAsync());
        var page = await GetPageAsync(candidate.Client, "/Participant/Submission");
        Assert.NotNull(page.QuerySelector("#submission-locked"));
        Assert.Null(page.QuerySelector("#submission-form"));
    }

    [Fact]
    public async Task An_edit_after_submission_does_not_change_the_snapshot()
    {
        var candidate = await CandidateAsync();
        var juror = await OpenJurorAsync(candidate);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);
        string before;
        await using (var db = Factory.NewDb())
        {
            before = await db.Submissions.Select(s => s.Content).SingleAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await EditTitleAsync(candidate.Client, candidate.EvidenceId, "Titre réécrit après le dépôt")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.WriteSectionAsync(candidate.Client, ReportSections.Synthesis, "Texte changé après le dépôt")).StatusCode);
        var unmark = await SubmissionBuilder.PostAsync(candidate.Client, $"/Participant/Evidence/Details/{candidate.EvidenceId}", "#assessment-mark", new());
        Assert.Equal(HttpStatusCode.Redirect, unmark.StatusCode);

        await using (var db = Factory.NewDb())
        {
            Assert.Equal(before, await db.Submissions.Select(s => s.Content).SingleAsync());
        }
        var page = await GetPageAsync(juror.Client, $"/Jury/Candidate/{juror.JuryCandidateId}");
        var evidence = Assert.Single(page.QuerySelectorAll(".snapshot-evidence"));
        Assert.Contains("Réunion de crise", evidence.TextContent);
        Assert.DoesNotContain("réécrit", page.Body!.TextContent);
        Assert.Contains("trois", page.QuerySelector("[data-section=synthesis]")!.TextContent);
        Assert.DoesNotContain("changé après", page.Body!.TextContent);
    }

    [Fact]
    public async Task A_deletion_after_submission_does_not_change_the_snapshot()
    {
        var candidate = await CandidateAsync();
        var juror = await OpenJurorAsync(candidate);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);

        var delete = await SubmissionBuilder.PostAsync(candidate.Client, $"/Participant/Evidence/Delete/{candidate.EvidenceId}", "main form", new());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(0, await db.Evidence.CountAsync());
            Assert.Equal(0, await db.Attachments.CountAsync());
        }

        var page = await GetPageAsync(juror.Client, $"/Jury/Candidate/{juror.JuryCandidateId}");
        Assert.Contains("Réunion de crise", Assert.Single(page.QuerySelectorAll(".snapshot-evidence")).TextContent);
        var link = page.QuerySelector(".snapshot-attachments a")!.GetAttribute("href")!;
        Assert.StartsWith("/Submissions/File/", link);
        var download = await juror.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Submitting_twice_without_a_reopening_is_refused()
    {
        var candidate = await CandidateAsync();
        // The same form sent twice (a double click, or a second tab left open).
        var page = await GetPageAsync(candidate.Client, "/Participant/Submission");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#submission-form")!;
        var values = SubmissionBuilder.Values(form, new() { ["Input.Confirm"] = "true" });

        var first = await candidate.Client.PostAsync("/Participant/Submission", new FormUrlEncodedContent(values));
        var second = await candidate.Client.PostAsync("/Participant/Submission", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answer = await ParseAsync(second);
        Assert.Contains("déjà été déposé", answer.QuerySelector("#errors")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Submissions.CountAsync());
        // Only the first submit's copy exists: the refused one stored no file.
        Assert.Equal(1, await db.SubmissionFiles.CountAsync());
        Assert.Equal(2, await db.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task Submitting_needs_the_confirmation()
    {
        var candidate = await CandidateAsync();

        var response = await SubmissionBuilder.PostAsync(candidate.Client, "/Participant/Submission", "#submission-form", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cochez la confirmation", (await ParseAsync(response)).QuerySelector("#errors")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task Resubmission_after_a_reopening_makes_a_second_snapshot_and_the_jury_page_shows_the_latest_with_both_dates()
    {
        var candidate = await CandidateAsync();
        var juror = await OpenJurorAsync(candidate);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);
        int recordId;
        await using (var db = Factory.NewDb())
        {
            recordId = await db.SubmissionRecords.Select(r => r.Id).SingleAsync();
        }
        var list = await GetPageAsync(coordinator, $"/Coordinator/Submissions/{candidate.CohortId}");
        Assert.Contains("Déposé", list.QuerySelector("#submissions tbody tr")!.TextContent);

        var noReason = await SubmissionBuilder.PostAsync(coordinator, $"/Coordinator/Submissions/Reopen/{recordId}", "#reopen-form", new() { ["Input.Reason"] = "   " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("raison", (await ParseAsync(noReason)).QuerySelector("#errors")!.TextContent);
        var reopen = await SubmissionBuilder.PostAsync(coordinator, $"/Coordinator/Submissions/Reopen/{recordId}", "#reopen-form",
            new() { ["Input.Reason"] = "Pièce jointe illisible" });
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await EditTitleAsync(candidate.Client, candidate.EvidenceId, "Réunion de crise, version lisible")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);

        await using (var db = Factory.NewDb())
        {
            var submissions = await db.Submissions.OrderBy(s => s.Number).ToListAsync();
            Assert.Equal([1, 2], submissions.Select(s => s.Number));
            Assert.Equal("Réunion de crise", submissions[0].Snapshot.Evidence.Single().Title);
            var reopening = await db.SubmissionReopenings.SingleAsync();
            Assert.Equal("Pièce jointe illisible", reopening.Reason);
            Assert.Equal(await Factory.UserIdAsync("coord@example.be"), reopening.ReopenedById);
            var notification = await db.Notifications.SingleAsync(n => n.UserId == candidate.UserId && n.Kind == NotificationKind.SubmissionReopened);
            Assert.Equal("Pièce jointe illisible", notification.Subject);
        }
        var page = await GetPageAsync(juror.Client, $"/Jury/Candidate/{juror.JuryCandidateId}");
        Assert.Equal(2, page.QuerySelectorAll("#submission-dates li").Length);
        Assert.Contains("version lisible", Assert.Single(page.QuerySelectorAll(".snapshot-evidence")).TextContent);
        var reopenPage = await GetPageAsync(coordinator, $"/Coordinator/Submissions/{candidate.CohortId}");
        Assert.Contains("2", reopenPage.QuerySelector("#submissions tbody tr")!.TextContent);
    }

    [Fact]
    public async Task The_coordinator_reads_the_snapshot_and_its_files_read_only()
    {
        var candidate = await CandidateAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);
        var list = await GetPageAsync(coordinator, $"/Coordinator/Submissions/{candidate.CohortId}");
        var read = list.QuerySelector("#submissions a[href*='/Coordinator/Submissions/Snapshot/']")!.GetAttribute("href")!;

        var page = await GetPageAsync(coordinator, read);

        Assert.Contains("Réunion de crise", page.QuerySelector(".snapshot-evidence")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));
        var download = await coordinator.GetAsync(page.QuerySelector(".snapshot-attachments a")!.GetAttribute("href")!);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_gets_404_on_the_list_the_snapshot_and_the_reopening()
    {
        var candidate = await CandidateAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(candidate.Client)).StatusCode);
        var other = await SignedInClientAsync("elsewhere@example.be", Roles.Coordinator);
        await using (var db = Factory.NewDb())
        {
            // Coordinators made by the tests manage "cium": this one is taken off it and given another programme.
            var otherId = await Factory.UserIdAsync("elsewhere@example.be");
            db.ProgrammeCoordinators.RemoveRange(db.ProgrammeCoordinators.Where(c => c.UserId == otherId));
            await db.SaveChangesAsync();
        }
        await Factory.CreateProgrammeAsync("autre");
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("elsewhere@example.be"), "autre");
        int submissionId, recordId, fileId;
        await using (var db = Factory.NewDb())
        {
            submissionId = await db.Submissions.Select(s => s.Id).SingleAsync();
            recordId = await db.SubmissionRecords.Select(s => s.Id).SingleAsync();
            fileId = await db.SubmissionFiles.Select(s => s.Id).SingleAsync();
        }

        foreach (var url in new[] { $"/Coordinator/Submissions/{candidate.CohortId}", $"/Coordinator/Submissions/Snapshot/{submissionId}",
            $"/Coordinator/Submissions/Reopen/{recordId}", $"/Submissions/File/{fileId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        }
    }
}
