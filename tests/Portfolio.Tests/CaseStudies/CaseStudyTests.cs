using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.CaseStudies;

/// <summary>
/// Case-study groups and the collective report: coordinators form groups, members upload versions and submit one as
/// final (which locks the report), coordinators reopen with a reason kept in the audit trail, and jurors open to a
/// candidate download the final report, nobody else.
/// </summary>
public class CaseStudyTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Member(HttpClient Client, string Id);

    private async Task<(int CohortId, HttpClient Coordinator, List<string> People)> CohortWithParticipantsAsync(int count)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var people = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = await CreateUserAsync($"p{i:00}@example.be", Roles.Participant);
            await Factory.EnrolAsync(cohortId, user.Id);
            people.Add(user.Id);
        }
        return (cohortId, coordinator, people);
    }

    private async Task<Member> ParticipantAsync(string email, int cohortId)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        await using var db = Factory.NewDb();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await Factory.EnrolAsync(cohortId, id);
        return new Member(client, id);
    }

    /// <summary>A cohort with a group of two signed-in members (and a coordinator).</summary>
    private async Task<(int CohortId, int GroupId, Member Ana, Member Ben, HttpClient Coordinator)> GroupOfTwoAsync(DateOnly? deadline = null)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var ana = await ParticipantAsync("ana@example.be", cohortId);
        var ben = await ParticipantAsync("ben@example.be", cohortId);
        var groupId = await Factory.CreateCaseStudyAsync(cohortId, "Groupe Finances", [ana.Id, ben.Id], deadline);
        return (cohortId, groupId, ana, ben, coordinator);
    }

    /// <summary>Posts the page's form as a browser would, the given fields replacing those of the form, with an optional report file.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields, (string FileName, byte[] Content)? file = null)
    {
        var page = await GetPageAsync(client, url);
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var values = FormValues(form);
        var replaced = fields.Select(f => f.Key).ToHashSet();
        values.RemoveAll(v => replaced.Contains(v.Key));
        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        if (file is not { } f)
        {
            return await client.PostAsync(action, new FormUrlEncodedContent(values));
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            multipart.Add(new StringContent(value), name);
        }
        multipart.Add(new ByteArrayContent(f.Content), "Report", f.FileName);
        return await client.PostAsync(action, multipart);
    }

    private static List<KeyValuePair<string, string>> GroupFields(string name, params string[] members) =>
    [
        new("Input.Name", name), new("Input.Organisation", "Ville de Namur"), new("Input.Deadline", "2026-05-31"),
        .. members.Select(m => new KeyValuePair<string, string>("MemberIds", m)),
    ];

    private static string MainText(IHtmlDocument page) => page.QuerySelector("main")!.TextContent;

    private async Task<(int Versions, int? Final)> ReportAsync(int groupId)
    {
        await using var db = Factory.NewDb();
        var group = await db.CaseStudyGroups.Where(g => g.Id == groupId).Select(g => new { Versions = g.Versions.Count, g.FinalVersionId }).SingleAsync();
        return (group.Versions, group.FinalVersionId);
    }

    private async Task<int> VersionIdAsync(int groupId, int number)
    {
        await using var db = Factory.NewDb();
        return await db.ReportVersions.Where(v => v.GroupId == groupId && v.Number == number).Select(v => v.Id).SingleAsync();
    }

    [Fact]
    public async Task Forming_a_group_of_one_or_four_members_warns_but_works()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(8);

        var solo = await PostAsync(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}", GroupFields("Solo", p[0]));
        Assert.Equal(HttpStatusCode.Redirect, solo.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}", GroupFields("Quatuor", p[1], p[2], p[3], p[4]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}", GroupFields("Trio", p[5], p[6], p[7]))).StatusCode);

        var page = await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/{cohortId}");
        var rows = page.QuerySelectorAll("#case-studies tbody tr").ToDictionary(r => r.GetAttribute("data-group")!);
        Assert.Equal(["Quatuor", "Solo", "Trio"], rows.Keys.Order());
        Assert.Contains("1 membre ; un groupe d'étude de cas en compte normalement 2 ou 3.", rows["Solo"].QuerySelector(".size-warning")!.TextContent);
        Assert.Contains("4 membres", rows["Quatuor"].QuerySelector(".size-warning")!.TextContent);
        Assert.Null(rows["Trio"].QuerySelector(".size-warning"));
        Assert.Contains("Ville de Namur", rows["Trio"].TextContent);
        Assert.Contains("31 mai 2026", rows["Trio"].TextContent);
        Assert.Contains("Aucune version", rows["Trio"].QuerySelector(".report-status")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(8, await db.CaseStudyMembers.CountAsync(m => m.CohortId == cohortId));
    }

    [Fact]
    public async Task A_participant_cannot_be_in_two_case_study_groups_of_a_cohort()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(3);
        await Factory.CreateCaseStudyAsync(cohortId, "Premier", [p[0], p[1]]);

        // The form offers only people without a group, and refuses one sent anyway.
        var offered = (await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}")).QuerySelectorAll("input[name='MemberIds']").Select(i => i.GetAttribute("value"));
        Assert.Equal([p[2]], offered);
        var refused = await PostAsync(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}", GroupFields("Second", p[0], p[2]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("qui n'ont pas encore de groupe d'étude de cas", MainText(await ParseAsync(refused)));

        // The database itself keeps one group per person and cohort.
        await using var db = Factory.NewDb();
        db.CaseStudyGroups.Add(CaseStudyGroup.Form(cohortId, "Contournement", "SPF", new DateOnly(2026, 6, 1), [p[0]], DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var check = Factory.NewDb();
        Assert.Equal(["Premier"], await check.CaseStudyGroups.Select(g => g.Name).ToListAsync());
    }

    [Fact]
    public async Task A_member_uploads_versions_and_the_group_sees_who_uploaded_what()
    {
        var (_, groupId, ana, ben, _) = await GroupOfTwoAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", [], ("Rapport v1.pdf", CaseStudyBuilder.Pdf))).StatusCode);
        var docx = CaseStudyBuilder.Docx();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ben.Client, "/Participant/CaseStudy/Upload", [], ("rapport-v2.docx", docx))).StatusCode);

        var page = await GetPageAsync(ana.Client, "/Participant/CaseStudy");
        Assert.Contains("SPF Finances", page.QuerySelector("#organisation")!.TextContent);
        var rows = page.QuerySelectorAll("#report-versions tbody tr").ToList();
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-version")));
        Assert.Contains("rapport-v2.docx", rows[0].TextContent);
        Assert.Contains("Prénom ben", rows[0].TextContent);
        Assert.Contains("Prénom ana", rows[1].TextContent);

        // Both members download the exact bytes, with the type the server chose.
        var download = await ana.Client.GetAsync(rows[0].QuerySelector("a[download]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(docx, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true });
        // The header offers the page only to members of a case-study group of the current cohort.
        Assert.NotNull(page.QuerySelector("a[href='/Participant/CaseStudy']"));
    }

    [Fact]
    public async Task A_report_of_the_wrong_type_is_refused_with_a_message_and_nothing_stored()
    {
        var (_, groupId, ana, _, _) = await GroupOfTwoAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };

        foreach (var (name, content) in new[] { ("rapport.pdf", "MZ\u0090 not a pdf"u8.ToArray()), ("photo.png", png), ("rapport.exe", CaseStudyBuilder.Pdf), ("rapport.docx", CaseStudyBuilder.Pdf) })
        {
            var response = await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", [], (name, content));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("un rapport collectif est un document PDF, DOCX ou ODT", (await ParseAsync(response)).QuerySelector("#file-error")!.TextContent);
        }
        var empty = await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", []);
        Assert.Contains("Choisissez le fichier du rapport", MainText(await ParseAsync(empty)));

        Assert.Equal((0, null), await ReportAsync(groupId));
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task A_non_member_gets_404_on_uploading_submitting_and_downloading()
    {
        var (cohortId, groupId, ana, _, _) = await GroupOfTwoAsync();
        var versionId = await Factory.UploadVersionAsync(groupId, ana.Id, "rapport.pdf", CaseStudyBuilder.Pdf);
        var outsider = await ParticipantAsync("outsider@example.be", cohortId);
        var otherGroupMember = await ParticipantAsync("autre@example.be", cohortId);
        await Factory.CreateCaseStudyAsync(cohortId, "Autre groupe", [otherGroupMember.Id]);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync("/Participant/CaseStudy/Upload")).StatusCode);
        Assert.Contains("Vous n'êtes dans aucun groupe d'étude de cas", MainText(await GetPageAsync(outsider.Client, "/Participant/CaseStudy")));
        Assert.Null((await GetPageAsync(outsider.Client, "/Participant/Evidence")).QuerySelector("a[href='/Participant/CaseStudy']"));
        foreach (var stranger in new[] { outsider, otherGroupMember })
        {
            var token = (await GetPageAsync(stranger.Client, "/Participant/Evidence/Edit")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/Participant/CaseStudy/Submit/{versionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"/Participant/CaseStudy/Submit/{versionId}",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/Participant/CaseStudy/Version/{versionId}")).StatusCode);
        }
        // An upload posted by someone in no group of the cohort finds no group: 404, nothing stored.
        var outsiderToken = (await GetPageAsync(outsider.Client, "/Participant/Evidence/Edit")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.PostAsync("/Participant/CaseStudy/Upload",
            new MultipartFormDataContent { { new StringContent(outsiderToken), "__RequestVerificationToken" }, { new ByteArrayContent(CaseStudyBuilder.Pdf), "Report", "intrus.pdf" } })).StatusCode);
        Assert.Equal((1, null), await ReportAsync(groupId));
    }

    [Fact]
    public async Task Submitting_a_final_version_locks_uploads_for_every_member()
    {
        var (cohortId, groupId, ana, ben, coordinator) = await GroupOfTwoAsync();
        await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);
        await Factory.UploadVersionAsync(groupId, ben.Id, "v2.pdf", CaseStudyBuilder.Pdf);
        var v1 = await VersionIdAsync(groupId, 1);

        var confirm = await GetPageAsync(ana.Client, $"/Participant/CaseStudy/Submit/{v1}");
        Assert.Contains("sera alors verrouillé pour tous les membres", MainText(confirm));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ana.Client, $"/Participant/CaseStudy/Submit/{v1}", [])).StatusCode);
        Assert.Equal((2, v1), await ReportAsync(groupId));

        // Ben sees the lock, and an upload he sends anyway is refused with a message, nothing stored.
        var benPage = await GetPageAsync(ben.Client, "/Participant/CaseStudy");
        Assert.NotNull(benPage.QuerySelector("#report-locked"));
        Assert.Null(benPage.QuerySelector("a[href='/Participant/CaseStudy/Upload']"));
        Assert.NotNull(benPage.QuerySelector("#report-versions tr[data-version='1'] .final-version"));
        Assert.Contains("Prénom ana a remis la version 1 comme version finale.", benPage.QuerySelector("#audit-trail")!.TextContent);
        var late = await PostAsync(ben.Client, "/Participant/CaseStudy/Upload", [], ("v3.pdf", CaseStudyBuilder.Pdf));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("aucune nouvelle version ne peut être déposée", (await ParseAsync(late)).QuerySelector("#file-error")!.TextContent);
        Assert.Equal((2, v1), await ReportAsync(groupId));

        // Ben is told; the coordinator sees the date of submission.
        await using (var db = Factory.NewDb())
        {
            Assert.Equal([NotificationKind.CollectiveReportSubmitted], await db.Notifications.Where(n => n.UserId == ben.Id).Select(n => n.Kind).ToListAsync());
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == ana.Id));
        }
        var list = await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/{cohortId}");
        Assert.Contains("Version finale remise le", list.QuerySelector("#case-studies tbody .report-status")!.TextContent);
        Assert.Null(list.QuerySelector("#case-studies tbody .late"));
    }

    [Fact]
    public async Task A_second_final_submission_is_refused()
    {
        var (_, groupId, ana, ben, _) = await GroupOfTwoAsync();
        await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);
        await Factory.UploadVersionAsync(groupId, ben.Id, "v2.pdf", CaseStudyBuilder.Pdf);
        var (v1, v2) = (await VersionIdAsync(groupId, 1), await VersionIdAsync(groupId, 2));
        // Both members opened the confirmation before either submitted.
        var anaForm = FormValues((IHtmlFormElement)(await GetPageAsync(ana.Client, $"/Participant/CaseStudy/Submit/{v1}")).QuerySelector("main form")!);
        var benForm = FormValues((IHtmlFormElement)(await GetPageAsync(ben.Client, $"/Participant/CaseStudy/Submit/{v2}")).QuerySelector("main form")!);

        Assert.Equal(HttpStatusCode.Redirect, (await ana.Client.PostAsync($"/Participant/CaseStudy/Submit/{v1}", new FormUrlEncodedContent(anaForm))).StatusCode);
        var second = await ben.Client.PostAsync($"/Participant/CaseStudy/Submit/{v2}", new FormUrlEncodedContent(benForm));
        var again = await ana.Client.PostAsync($"/Participant/CaseStudy/Submit/{v1}", new FormUrlEncodedContent(anaForm));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("une seule version finale est possible", (await ParseAsync(second)).QuerySelector("#submit-refused")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((2, v1), await ReportAsync(groupId));
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.CaseStudyEvents.CountAsync(e => e.GroupId == groupId));
    }

    [Fact]
    public async Task Reopening_requires_a_reason_and_appears_in_the_audit_trail()
    {
        var (_, groupId, ana, ben, coordinator) = await GroupOfTwoAsync();
        var v1 = await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);
        await Factory.SubmitFinalAsync(groupId, v1, ana.Id);

        var blank = await PostAsync(coordinator, $"/Coordinator/CaseStudies/Reopen/{groupId}", [new("Reason", "   ")]);
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Le champ Raison de la réouverture est obligatoire.", MainText(await ParseAsync(blank)));
        Assert.Equal((1, v1), await ReportAsync(groupId));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Reopen/{groupId}", [new("Reason", "L'annexe financière manque.")])).StatusCode);
        Assert.Equal((1, null), await ReportAsync(groupId));

        var trail = (await GetPageAsync(ben.Client, "/Participant/CaseStudy")).QuerySelectorAll("#audit-trail li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, trail.Count);
        Assert.Contains("Prénom coordination a rouvert le rapport. Raison : L'annexe financière manque.", trail[0]);
        Assert.Contains("Prénom ana a remis la version 1 comme version finale.", trail[1]);
        Assert.Contains("Raison : L'annexe financière manque.", (await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/Details/{groupId}")).QuerySelector("#audit-trail")!.TextContent);
        // Members may upload again, and are told.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ben.Client, "/Participant/CaseStudy/Upload", [], ("v2.pdf", CaseStudyBuilder.Pdf))).StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.CollectiveReportReopened));
    }

    [Fact]
    public void The_case_study_group_refuses_what_its_rules_forbid()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(CaseStudyProblem.NoMembers, Assert.Throws<CaseStudyRuleException>(() => CaseStudyGroup.Form(1, "G", "SPF", new DateOnly(2026, 6, 1), [], now)).Problem);
        var group = CaseStudyGroup.Form(1, "G", "SPF", new DateOnly(2026, 6, 1), ["a", "b", "c", "d"], now);
        Assert.False(group.HasUsualSize);
        Assert.Equal(CaseStudyProblem.NotAMember, Assert.Throws<CaseStudyRuleException>(() => group.Upload("x", "r.pdf", "application/pdf", 1, Guid.NewGuid(), now)).Problem);
        var version = group.Upload("a", "r.pdf", "application/pdf", 1, Guid.NewGuid(), now);
        Assert.Equal(CaseStudyProblem.UnknownVersion, Assert.Throws<CaseStudyRuleException>(() => group.SubmitFinal(12345, "a", now)).Problem);
        Assert.Equal(CaseStudyProblem.NotSubmitted, Assert.Throws<CaseStudyRuleException>(() => group.Reopen("coordinator", "Pourquoi pas", now)).Problem);
        group.SubmitFinal(version.Id, "b", now);
        Assert.Equal(CaseStudyProblem.AlreadySubmitted, Assert.Throws<CaseStudyRuleException>(() => group.SubmitFinal(version.Id, "c", now)).Problem);
        Assert.Equal(CaseStudyProblem.Locked, Assert.Throws<CaseStudyRuleException>(() => group.Upload("a", "r2.pdf", "application/pdf", 1, Guid.NewGuid(), now)).Problem);
        Assert.Equal(CaseStudyProblem.ReasonRequired, Assert.Throws<CaseStudyRuleException>(() => group.Reopen("coordinator", " ", now)).Problem);
        group.Reopen("coordinator", "Annexe manquante", now);
        Assert.False(group.IsSubmitted);
        Assert.Equal([CaseStudyEventKind.Submitted, CaseStudyEventKind.Reopened], group.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task A_late_submission_is_accepted_and_shown_as_late()
    {
        var (cohortId, groupId, ana, _, coordinator) = await GroupOfTwoAsync(deadline: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));
        var v1 = await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);
        var list = await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/{cohortId}");
        Assert.NotNull(list.QuerySelector("#case-studies tbody .late"));

        Assert.NotNull((await GetPageAsync(ana.Client, $"/Participant/CaseStudy/Submit/{v1}")).QuerySelector("#late-warning"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ana.Client, $"/Participant/CaseStudy/Submit/{v1}", [])).StatusCode);

        var details = await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/Details/{groupId}");
        Assert.Contains("Version finale remise le", details.QuerySelector("#report-status")!.TextContent);
        Assert.NotNull(details.QuerySelector("#report-status .late"));
    }

    [Fact]
    public async Task An_open_juror_downloads_the_exact_bytes_of_the_final_report_and_nothing_before()
    {
        var (cohortId, groupId, ana, _, coordinator) = await GroupOfTwoAsync();
        var juror = await CreateUserAsync("juree@example.be", Roles.JuryMember);
        var jurorClient = NewClient();
        await PostFormAsync(jurorClient, "/Account/Login", new() { ["Input.Email"] = "juree@example.be", ["Input.Password"] = Password });
        var candidates = await Factory.CandidaciesAsync(await Factory.CreateJuryAsync(cohortId, "Jury 1", [juror.Id], ana.Id));
        await Factory.DeclareAsync(candidates[ana.Id], juror.Id, ConflictLevel.None);
        var url = $"/Jury/CollectiveReport/{candidates[ana.Id]}";
        var draft = "%PDF-1.4 brouillon"u8.ToArray();
        var final = "%PDF-1.7\nrapport final \u00e9tude de cas\n%%EOF"u8.ToArray();
        await Factory.UploadVersionAsync(groupId, ana.Id, "brouillon.pdf", draft);

        Assert.Equal(HttpStatusCode.NotFound, (await jurorClient.GetAsync(url)).StatusCode);
        Assert.Null((await GetPageAsync(jurorClient, "/Jury")).QuerySelector("a.collective-report"));
        Assert.NotNull((await GetPageAsync(jurorClient, $"/Jury/Candidate/{candidates[ana.Id]}")).QuerySelector("#no-collective-report"));

        var finalId = await Factory.UploadVersionAsync(groupId, ana.Id, "rapport final.pdf", final);
        await Factory.SubmitFinalAsync(groupId, finalId, ana.Id);
        var link = (await GetPageAsync(jurorClient, "/Jury")).QuerySelector("a.collective-report")!.GetAttribute("href");
        Assert.Equal(url, link);
        var onCandidate = (await GetPageAsync(jurorClient, $"/Jury/Candidate/{candidates[ana.Id]}")).QuerySelector("#collective-report a")!;
        Assert.Equal(url, onCandidate.GetAttribute("href"));
        Assert.StartsWith("rapport final.pdf", onCandidate.TextContent.Trim());
        var download = await jurorClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(final, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("rapport final.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        // The juror never reaches a draft version through the members' download either.
        Assert.NotEqual(HttpStatusCode.OK, (await jurorClient.GetAsync($"/Participant/CaseStudy/Version/{await VersionIdAsync(groupId, 1)}")).StatusCode);

        // Reopened, the report is not the jury's any more.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Reopen/{groupId}", [new("Reason", "Erreur de version")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jurorClient.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_juror_of_another_jury_or_with_a_major_conflict_or_no_declaration_gets_404_on_the_collective_report()
    {
        var (cohortId, groupId, ana, ben, _) = await GroupOfTwoAsync();
        var v1 = await Factory.UploadVersionAsync(groupId, ana.Id, "final.pdf", CaseStudyBuilder.Pdf);
        await Factory.SubmitFinalAsync(groupId, v1, ana.Id);
        var loner = await ParticipantAsync("seule@example.be", cohortId);
        var clients = new Dictionary<string, (HttpClient Client, string Id)>();
        foreach (var name in new[] { "ouvert", "majeur", "mineur", "silencieux", "autre" })
        {
            var user = await CreateUserAsync($"{name}@example.be", Roles.JuryMember);
            var client = NewClient();
            await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = $"{name}@example.be", ["Input.Password"] = Password });
            clients[name] = (client, user.Id);
        }
        var jury = await Factory.CandidaciesAsync(await Factory.CreateJuryAsync(cohortId, "Jury A", [clients["ouvert"].Id, clients["majeur"].Id, clients["mineur"].Id, clients["silencieux"].Id], ana.Id, loner.Id));
        var other = await Factory.CandidaciesAsync(await Factory.CreateJuryAsync(cohortId, "Jury B", [clients["autre"].Id], ben.Id));
        await Factory.DeclareAsync(jury[ana.Id], clients["ouvert"].Id, ConflictLevel.None);
        await Factory.DeclareAsync(jury[loner.Id], clients["ouvert"].Id, ConflictLevel.None);
        await Factory.DeclareAsync(jury[ana.Id], clients["majeur"].Id, ConflictLevel.Major);
        await Factory.DeclareAsync(jury[ana.Id], clients["mineur"].Id, ConflictLevel.Minor, "Ancienne collègue");
        await Factory.DeclareAsync(other[ben.Id], clients["autre"].Id, ConflictLevel.None);

        Assert.Equal(HttpStatusCode.OK, (await clients["ouvert"].Client.GetAsync($"/Jury/CollectiveReport/{jury[ana.Id]}")).StatusCode);
        foreach (var name in new[] { "majeur", "mineur", "silencieux", "autre" })
        {
            var response = await clients[name].Client.GetAsync($"/Jury/CollectiveReport/{jury[ana.Id]}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{name}: {(int)response.StatusCode}");
        }
        // Ben's group is Ana's: the juror of Jury B reads it through Ben, who is open to them, and only through him.
        Assert.Equal(HttpStatusCode.OK, (await clients["autre"].Client.GetAsync($"/Jury/CollectiveReport/{other[ben.Id]}")).StatusCode);
        // A candidate open to the juror but in no case-study group: nothing to download.
        Assert.Equal(HttpStatusCode.NotFound, (await clients["ouvert"].Client.GetAsync($"/Jury/CollectiveReport/{jury[loner.Id]}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await clients["majeur"].Client.GetAsync($"/Participant/CaseStudy/Version/{v1}")).StatusCode);
        // The rule itself: the major-conflict juror reads no version at all.
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.ReportVersions.ReadableBy(db, clients["majeur"].Id).CountAsync());
        Assert.Equal([v1], await db.ReportVersions.ReadableBy(db, clients["ouvert"].Id).Select(v => v.Id).ToListAsync());
    }

    [Fact]
    public async Task A_coordinator_edits_a_group_and_a_stale_edit_is_detected()
    {
        var (cohortId, groupId, _, _, coordinator) = await GroupOfTwoAsync();
        var url = $"/Coordinator/CaseStudies/Edit/{groupId}";
        var form = FormValues((IHtmlFormElement)(await GetPageAsync(coordinator, url)).QuerySelector("main form")!);
        await using (var db = Factory.NewDb())
        {
            (await db.CaseStudyGroups.SingleAsync(g => g.Id == groupId)).Describe("Renommé par l'autre", "SPF Mobilité", new DateOnly(2026, 6, 15));
            await db.SaveChangesAsync();
        }
        form.RemoveAll(v => v.Key == "Input.Name");
        form.Add(new("Input.Name", "Mon nom"));

        var stale = await coordinator.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Renommé par l'autre", page.QuerySelector("#stale-edit")!.TextContent);
        Assert.Contains("15 juin 2026", page.QuerySelector("#stale-edit")!.TextContent);
        Assert.Equal("Mon nom", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        await using (var db = Factory.NewDb())
        {
            Assert.Equal("Renommé par l'autre", await db.CaseStudyGroups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync());
        }
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostAsync(url, new FormUrlEncodedContent(FormValues((IHtmlFormElement)page.QuerySelector("main form")!)))).StatusCode);
        await using var check = Factory.NewDb();
        var stored = await check.CaseStudyGroups.SingleAsync(g => g.Id == groupId);
        // The deliberate second save applies the whole form as the coordinator left it.
        Assert.Equal(("Mon nom", "SPF Finances"), (stored.Name, stored.Organisation));
    }

    [Fact]
    public async Task A_coordinator_changes_members_and_deletes_a_group_with_its_files()
    {
        var (cohortId, groupId, ana, ben, coordinator) = await GroupOfTwoAsync();
        var carla = await ParticipantAsync("carla@example.be", cohortId);
        await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Members/{groupId}",
            [new("MemberIds", ben.Id), new("MemberIds", carla.Id)])).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(new[] { ben.Id, carla.Id }.Order(), (await db.CaseStudyMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync()).Order());
        }
        // Ana left: the group's versions are not hers to read any more; Carla's are.
        Assert.Equal(HttpStatusCode.NotFound, (await ana.Client.GetAsync($"/Participant/CaseStudy/Version/{await VersionIdAsync(groupId, 1)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await carla.Client.GetAsync($"/Participant/CaseStudy/Version/{await VersionIdAsync(groupId, 1)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/Coordinator/CaseStudies/Version/{await VersionIdAsync(groupId, 1)}")).StatusCode);

        Assert.Contains("La version déposée du rapport sera supprimée.", (await GetPageAsync(coordinator, $"/Coordinator/CaseStudies/Delete/{groupId}")).QuerySelector("#delete-consequences")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/CaseStudies/Delete/{groupId}", [])).StatusCode);
        await using var check = Factory.NewDb();
        Assert.Equal(0, await check.CaseStudyGroups.CountAsync());
        Assert.Equal(0, await check.ReportVersions.CountAsync());
        Assert.Equal(0, await check.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_gets_404_on_its_case_studies()
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion d'un autre programme", programmeCode: "autre");
        var member = await CreateUserAsync("membre@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, member.Id);
        var groupId = await Factory.CreateCaseStudyAsync(cohortId, "Groupe secret", [member.Id]);
        var versionId = await Factory.UploadVersionAsync(groupId, member.Id, "secret.pdf", CaseStudyBuilder.Pdf);
        await Factory.SubmitFinalAsync(groupId, versionId, member.Id);
        var stranger = await SignedInClientAsync("stranger@example.be", Roles.Coordinator);
        var token = (await GetPageAsync(stranger, "/Coordinator/Programmes/Create")).QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var readOnly = new[] { $"/Coordinator/CaseStudies/{cohortId}", $"/Coordinator/CaseStudies/Details/{groupId}", $"/Coordinator/CaseStudies/Version/{versionId}" };
        var changing = new[] { $"/Coordinator/CaseStudies/Create/{cohortId}", $"/Coordinator/CaseStudies/Edit/{groupId}", $"/Coordinator/CaseStudies/Members/{groupId}",
            $"/Coordinator/CaseStudies/Reopen/{groupId}", $"/Coordinator/CaseStudies/Delete/{groupId}" };
        foreach (var url in readOnly.Concat(changing))
        {
            var get = await stranger.GetAsync(url);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {url}: {(int)get.StatusCode}");
            Assert.DoesNotContain("Groupe secret", await get.Content.ReadAsStringAsync());
        }
        foreach (var url in changing)
        {
            var post = await stranger.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Reason", "Pris"), new("Input.Name", "Pris"),
                new("Input.Organisation", "Pris"), new("Input.Deadline", "2026-06-01"), new("MemberIds", member.Id)]));
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST {url}: {(int)post.StatusCode}");
        }
        await using var db = Factory.NewDb();
        var group = await db.CaseStudyGroups.SingleAsync();
        Assert.Equal(("Groupe secret", versionId), (group.Name, group.FinalVersionId));
    }

    [Fact]
    public async Task Strange_inputs_never_answer_500()
    {
        var (cohortId, groupId, ana, _, coordinator) = await GroupOfTwoAsync();
        var v1 = await Factory.UploadVersionAsync(groupId, ana.Id, "v1.pdf", CaseStudyBuilder.Pdf);
        var create = $"/Coordinator/CaseStudies/Create/{cohortId}";
        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("NUL in name", await PostAsync(coordinator, create, GroupFields("Nul\0groupe"))),
            ("huge name", await PostAsync(coordinator, create, GroupFields(new string('x', 100_000)))),
            ("huge organisation", await PostAsync(coordinator, create, [new("Input.Name", "G"), new("Input.Organisation", new string('é', 5000)), new("Input.Deadline", "2026-06-01")])),
            ("wrong date", await PostAsync(coordinator, create, [new("Input.Name", "G"), new("Input.Organisation", "O"), new("Input.Deadline", "31/02/99999")])),
            ("missing fields", await PostAsync(coordinator, create, [new("Input.Name", ""), new("Input.Organisation", ""), new("Input.Deadline", "")])),
            ("unknown member", await PostAsync(coordinator, create, GroupFields("G", "no-such-person"))),
            ("no member", await PostAsync(coordinator, create, GroupFields("G"))),
            ("stale members", await PostAsync(coordinator, $"/Coordinator/CaseStudies/Members/{groupId}", [new("MemberIds", ana.Id), new("RowVersion", "1")])),
            ("huge row version", await PostAsync(coordinator, $"/Coordinator/CaseStudies/Edit/{groupId}", [new("RowVersion", "99999999999999999999")])),
            ("negative id", await coordinator.GetAsync("/Coordinator/CaseStudies/Edit/-1")),
            ("overflowing id", await coordinator.GetAsync("/Coordinator/CaseStudies/Details/99999999999")),
            ("text id", await ana.Client.GetAsync("/Participant/CaseStudy/Version/abc")),
            ("unknown version", await ana.Client.GetAsync("/Participant/CaseStudy/Submit/0")),
            ("huge file name", await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", [], (new string('r', 5000) + ".pdf", CaseStudyBuilder.Pdf))),
            ("path in file name", await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", [], ("../../etc/\u202Erapport.pdf", CaseStudyBuilder.Pdf))),
            ("empty file", await PostAsync(ana.Client, "/Participant/CaseStudy/Upload", [], ("vide.pdf", []))),
        };
        await Factory.SubmitFinalAsync(groupId, v1, ana.Id);
        responses.Add(("NUL reason", await PostAsync(coordinator, $"/Coordinator/CaseStudies/Reopen/{groupId}", [new("Reason", "a\0b")])));
        responses.Add(("huge reason", await PostAsync(coordinator, $"/Coordinator/CaseStudies/Reopen/{groupId}", [new("Reason", new string('r', 3000))])));
        var juror = await CreateUserAsync("juree@example.be", Roles.JuryMember);
        var jurorClient = NewClient();
        await PostFormAsync(jurorClient, "/Account/Login", new() { ["Input.Email"] = "juree@example.be", ["Input.Password"] = Password });
        responses.Add(("juror, negative candidate", await jurorClient.GetAsync("/Jury/CollectiveReport/-7")));
        responses.Add(("juror, unknown candidate", await jurorClient.GetAsync("/Jury/CollectiveReport/2147483647")));

        Assert.All(responses, r => Assert.True((int)r.Response.StatusCode < 500, $"{r.What}: {(int)r.Response.StatusCode}"));
        Assert.Equal(HttpStatusCode.NotFound, responses.Single(r => r.What == "negative id").Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses.Single(r => r.What == "huge reason").Response.StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(["Groupe Finances"], await db.CaseStudyGroups.Select(g => g.Name).ToListAsync());
        Assert.Equal(2, await db.CaseStudyMembers.CountAsync());
        // Neither reopening went through: the report is still submitted.
        Assert.Equal(v1, await db.CaseStudyGroups.Select(g => g.FinalVersionId).SingleAsync());
        // The two uploads with odd names were stored under cleaned names.
        Assert.All(await db.ReportVersions.Select(v => v.FileName).ToListAsync(), name => Assert.True(name.Length <= 200 && !name.Contains('/'), name));
    }
}
