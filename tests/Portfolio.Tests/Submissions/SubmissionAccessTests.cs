using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Submissions;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Submissions;

/// <summary>A juror reads a candidate's submitted snapshot only when the candidate is open to them (JuryAccess); anything else is 404.</summary>
public class SubmissionAccessTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Submitted(string UserId, int CohortId, int JuryCandidateId, int FileId);

    /// <summary>Léa submits an item with a file; Jury A (open juror "ok", plus <paramref name="otherMember"/>) examines her.</summary>
    private async Task<Submitted> SubmittedCandidateAsync(string? otherMember = null)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("lea@example.be", Roles.Participant);
        var userId = await Factory.UserIdAsync("lea@example.be");
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await SubmissionBuilder.MarkedEvidenceWithPdfAsync(client, objectives[0].Id, "Réunion de crise", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(client)).StatusCode);
        await CreateUserAsync("ok@example.be", Roles.JuryMember);
        var okId = await Factory.UserIdAsync("ok@example.be");
        string[] members = otherMember is null ? [okId] : [okId, await Factory.UserIdAsync(otherMember)];
        var juryCandidateId = await Factory.JuryWithCandidateAsync(cohortId, "Jury A", members, userId);
        await Factory.DeclareAsync(juryCandidateId, okId, ConflictLevel.None);
        await using var db = Factory.NewDb();
        return new Submitted(userId, cohortId, juryCandidateId, await db.SubmissionFiles.Select(f => f.Id).SingleAsync());
    }

    private async Task AssertAllNotFoundAsync(HttpClient juror, Submitted s)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Candidate/{s.JuryCandidateId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Submissions/File/{s.FileId}")).StatusCode);
        // Nor any other way in: the coordinators' pages are not for jurors at all.
        Assert.NotEqual(HttpStatusCode.OK, (await juror.GetAsync($"/Coordinator/Submissions/{s.CohortId}")).StatusCode);
        await using var db = Factory.NewDb();
        var jurorId = await db.Users.Where(u => u.Email == "juror@example.be").Select(u => u.Id).SingleAsync();
        Assert.False(await db.Submissions.ReadableBy(db, jurorId).AnyAsync());
    }

    [Fact]
    public async Task An_open_juror_reads_the_candidate_her_snapshot_and_her_files()
    {
        var s = await SubmittedCandidateAsync();
        var juror = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "ok@example.be", ["Input.Password"] = Password })).StatusCode);

        var home = await GetPageAsync(juror, "/Jury");
        Assert.NotNull(home.QuerySelector($"a[href='/Jury/Candidate/{s.JuryCandidateId}']"));
        var page = await GetPageAsync(juror, $"/Jury/Candidate/{s.JuryCandidateId}");
        Assert.Contains("Réunion de crise", page.QuerySelector(".snapshot-evidence")!.TextContent);
        Assert.Equal(Pdf, await (await juror.GetAsync($"/Submissions/File/{s.FileId}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_juror_of_another_jury_gets_404_on_the_candidate_her_snapshot_and_her_files()
    {
        var s = await SubmittedCandidateAsync();
        var juror = await SignedInClientAsync("juror@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        // Jury B of the same cohort, with a candidate of its own about whom the juror declared no conflict.
        await CreateUserAsync("ben@example.be", Roles.Participant);
        var benId = await Factory.UserIdAsync("ben@example.be");
        await Factory.EnrolAsync(s.CohortId, benId);
        var ben = await Factory.JuryWithCandidateAsync(s.CohortId, "Jury B", [jurorId], benId);
        await Factory.DeclareAsync(ben, jurorId, ConflictLevel.None);

        await AssertAllNotFoundAsync(juror, s);
    }

    [Fact]
    public async Task A_juror_with_a_major_conflict_gets_404_on_the_candidate_her_snapshot_and_her_files()
    {
        await CreateUserAsync("juror@example.be", Roles.JuryMember);
        var s = await SubmittedCandidateAsync(otherMember: "juror@example.be");
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        await Factory.DeclareAsync(s.JuryCandidateId, jurorId, ConflictLevel.Major, "C'est ma sœur.");
        var juror = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "juror@example.be", ["Input.Password"] = Password })).StatusCode);

        await AssertAllNotFoundAsync(juror, s);
    }

    [Fact]
    public async Task A_juror_who_has_not_declared_or_awaits_a_waiver_gets_404_on_the_candidate_and_her_files()
    {
        await CreateUserAsync("juror@example.be", Roles.JuryMember);
        var s = await SubmittedCandidateAsync(otherMember: "juror@example.be");
        var juror = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "juror@example.be", ["Input.Password"] = Password })).StatusCode);

        await AssertAllNotFoundAsync(juror, s);
        await Factory.DeclareAsync(s.JuryCandidateId, await Factory.UserIdAsync("juror@example.be"), ConflictLevel.Minor, "Ancien collègue.");
        await AssertAllNotFoundAsync(juror, s);
    }

    [Fact]
    public async Task A_juror_sees_nothing_of_an_open_candidate_who_has_not_submitted()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        await CreateUserAsync("lea@example.be", Roles.Participant);
        var userId = await Factory.UserIdAsync("lea@example.be");
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await Factory.AddEvidenceAsync(userId, cohortId, "Preuve privée non déposée", [objectives[0].Id]);
        var juror = await SignedInClientAsync("juror@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        var candidate = await Factory.JuryWithCandidateAsync(cohortId, "Jury A", [jurorId], userId);
        await Factory.DeclareAsync(candidate, jurorId, ConflictLevel.None);

        var page = await GetPageAsync(juror, $"/Jury/Candidate/{candidate}");

        Assert.NotNull(page.QuerySelector("#not-submitted"));
        Assert.DoesNotContain("Preuve privée", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_participant_reads_her_own_snapshots_and_their_files_and_no_one_elses()
    {
        var s = await SubmittedCandidateAsync();
        var lea = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(lea, "/Account/Login", new() { ["Input.Email"] = "lea@example.be", ["Input.Password"] = Password })).StatusCode);

        var index = await GetPageAsync(lea, "/Participant/Submission");
        var link = index.QuerySelector("#submission-dates a")!;
        Assert.StartsWith("Dépôt n° 1 du ", link.TextContent);
        var page = await GetPageAsync(lea, link.GetAttribute("href")!);
        Assert.Contains("Réunion de crise", page.QuerySelector(".snapshot-evidence")!.TextContent);
        Assert.Equal(Pdf, await (await lea.GetAsync(page.QuerySelector(".snapshot-attachments a")!.GetAttribute("href")!)).Content.ReadAsByteArrayAsync());

        // Another participant finds neither the snapshot nor its file.
        var other = await SignedInClientAsync("autre@example.be", Roles.Participant);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link.GetAttribute("href")!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Submissions/File/{s.FileId}")).StatusCode);
    }
}
