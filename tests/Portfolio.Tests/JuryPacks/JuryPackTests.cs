using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Jobs;
using Portfolio.Core.Juries;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Submissions;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;
using Portfolio.Tests.Submissions;
using Portfolio.Web.Jobs;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Portfolio.Tests.JuryPacks;

/// <summary>
/// The jury pack as a coordinator gets it: started on the page, built by the test host's Hangfire worker (PDFs by the
/// real Chromium), downloaded as a ZIP and opened: the workbook against the database, each candidate's HTML and PDF,
/// the submitted files byte for byte, the index; hostile text inert everywhere; two builds identical; a failed rebuild
/// keeps the previous pack.
/// </summary>
public partial class JuryPackTests(PortfolioFactory factory, ITestOutputHelper output) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% compte rendu\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    /// <summary>One line each (evidence titles are one line); formula starters, numbers and dates as text, quotes, markup.</summary>
    private static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example\",\"clic\")", "+32 470 12 34 56", "-2+3", "@SUM(A1:A9)", "0012", "2024-01-01", "L'équipe \"projet\" & co",
        "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
    ];

    private sealed record Arranged(int CohortId, int JuryId, HttpClient Coordinator, string[] Candidates);

    /// <summary>
    /// Léa Aubry (an evidence item with a PDF, marked, and a written synthesis) and Marc Bodart (a synthesis only) submit
    /// through the pages; Nina Collard has not submitted. All three are candidates of "Jury A".
    /// </summary>
    private async Task<Arranged> ArrangeAsync(string leaTitle = "Réunion de crise", string synthesis = "Mon année en **trois** temps.", string[]? moreTitles = null)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var people = new List<string>();
        foreach (var (email, first, last, submits) in new[] { ("lea@example.be", "Léa", "Aubry", true), ("marc@example.be", "Marc", "Bodart", true), ("nina@example.be", "Nina", "Collard", false) })
        {
            var client = await SignedInClientAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await using (var db = Factory.NewDb())
            {
                var user = await db.Users.SingleAsync(u => u.Id == id);
                (user.FirstName, user.LastName) = (first, last);
                await db.SaveChangesAsync();
            }
            await Factory.EnrolAsync(cohortId, id);
            people.Add(id);
            if (!submits)
            {
                continue;
            }
            if (first == "Léa")
            {
                await SubmissionBuilder.MarkedEvidenceWithPdfAsync(client, objectives[0].Id, leaTitle, Pdf);
                foreach (var title in moreTitles ?? [])
                {
                    await Factory.MarkForAssessmentAsync(await Factory.AddEvidenceAsync(id, cohortId, title, [objectives[1].Id]));
                }
            }
            Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.WriteSectionAsync(client, ReportSections.Synthesis, synthesis)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await SubmissionBuilder.SubmitForAssessmentAsync(client)).StatusCode);
        }
        var juror = await Factory.CreatePersonAsync("juror@example.be", "Jules", "Juré", Roles.JuryMember);
        var juryId = await Factory.CreateJuryAsync(cohortId, "Jury A", [juror], [.. people]);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        return new Arranged(cohortId, juryId, coordinator, [.. people]);
    }

    /// <summary>Clicks "build" on the jury's row of the packs page and waits (up to 3 minutes) for the worker to finish.</summary>
    private async Task<JobRun> BuildAsync(Arranged a, JobState expected = JobState.Succeeded)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var response = await SubmissionBuilder.PostAsync(a.Coordinator, $"/Coordinator/Packs/{a.CohortId}", $"#pack-jury-{a.JuryId} form", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        JobRun? run;
        do
        {
            await Task.Delay(250);
            await using var db = Factory.NewDb();
            run = await db.JobRuns.AsNoTracking().Where(r => r.Kind == JuryPackJob.JuryKind && r.SubjectId == a.JuryId && r.RequestedAt >= started.AddSeconds(-1))
                .OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync();
        }
        while (run is not { IsFinished: true } && clock.Elapsed < TimeSpan.FromMinutes(3));
        Assert.NotNull(run);
        Assert.True(run.State == expected, $"the build ended {run.State}: {run.Error}");
        output.WriteLine($"pack built in {(run.FinishedAt - run.StartedAt)?.TotalSeconds:0.0} s (seen after {clock.Elapsed.TotalSeconds:0.0} s)");
        return run;
    }

    /// <summary>Follows the download link the packs page shows for the jury, as the coordinator.</summary>
    private async Task<Dictionary<string, byte[]>> DownloadAsync(Arranged a)
    {
        var page = await GetPageAsync(a.Coordinator, $"/Coordinator/Packs/{a.CohortId}");
        var link = page.QuerySelector($"#pack-jury-{a.JuryId} a[href^='/Coordinator/Packs/Download/']");
        Assert.True(link is not null, "the packs page offers no download for the jury");
        var response = await a.Coordinator.GetAsync(link!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("dossier-jury-jury-a-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var source = await entry.OpenAsync())
            {
                await source.CopyToAsync(content);
            }
            entries[entry.FullName] = content.ToArray();
        }
        return entries;
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Flat(string text) => Spaces().Replace(text, "");

    [Fact]
    public async Task The_pack_of_a_jury_holds_the_workbook_the_index_and_each_candidates_reports_and_files()
    {
        var a = await ArrangeAsync();

        var run = await BuildAsync(a);
        var entries = await DownloadAsync(a);

        output.WriteLine(string.Join("\n", entries.Select(e => $"{e.Key} ({e.Value.Length} bytes)")));
        Assert.Equal(
            ["01-aubry-lea/pieces/", "01-aubry-lea/rapport.html", "01-aubry-lea/rapport.pdf", "02-bodart-marc/rapport.html", "02-bodart-marc/rapport.pdf", "index.html", "synthese.xlsx"],
            entries.Keys.Select(k => k.StartsWith("01-aubry-lea/pieces/", StringComparison.Ordinal) ? "01-aubry-lea/pieces/" : k).Order(StringComparer.Ordinal));
        // The submitted file, byte for byte, under its evidence item's number.
        var piece = Assert.Single(entries, e => e.Key.StartsWith("01-aubry-lea/pieces/", StringComparison.Ordinal));
        Assert.Matches(@"^01-aubry-lea/pieces/\d+-compte-rendu\.pdf$", piece.Key);
        Assert.Equal(Pdf, piece.Value);

        // The workbook: one row per candidate of the jury, submission status from the database.
        using (var workbook = SynthesisBuilder.OpenScanned(entries["synthese.xlsx"]))
        {
            var sheet = workbook.Worksheet("Synthèse");
            Assert.Equal(4, sheet.RowsUsed().Count());
            var status = SynthesisBuilder.Column(sheet, "Dépôt");
            Assert.Equal("Déposé", SynthesisBuilder.RowOf(sheet, "Aubry", "Léa").Cell(status).GetString());
            Assert.Equal("Non déposé", SynthesisBuilder.RowOf(sheet, "Collard", "Nina").Cell(status).GetString());
        }

        // Each report: the candidate's HTML, and the same text in the PDF, with page numbers from the print stylesheet.
        var html = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(entries["01-aubry-lea/rapport.html"]));
        Assert.Contains("Léa Aubry", html.QuerySelector("h1")!.TextContent);
        Assert.Contains("Réunion de crise", html.Body!.TextContent);
        var pdfText = PdfText(entries["01-aubry-lea/rapport.pdf"]);
        Assert.Contains("Léa Aubry", pdfText);
        Assert.Contains("Réunion de crise", pdfText);
        Assert.Matches(@"Page 1 / \d+", pdfText);

        // The index: every candidate, the snapshot each report was built from, and the template.
        var index = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(entries["index.html"]));
        var rows = index.QuerySelectorAll("tbody tr").Select(r => Spaces().Replace(r.TextContent, " ").Trim()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Léa Aubry", rows[0]);
        Assert.Contains("dépôt n° 1 du", rows[0]);
        Assert.Contains("aucun dépôt", rows[2]);
        Assert.Contains("modèle fourni avec l'application", index.Body!.TextContent);
        Assert.NotNull(index.QuerySelector("a[href='01-aubry-lea/rapport.pdf']"));

        await using var db = Factory.NewDb();
        var pack = await db.JuryPacks.SingleAsync();
        var submissions = await db.Submissions.Where(s => s.CohortId == a.CohortId).Select(s => s.SubmittedAt).ToListAsync();
        Assert.Equal((a.JuryId, 3, 2, 0, true, run.Id), (pack.JuryId!.Value, pack.Candidates, pack.Reports, pack.TemplateNumber, pack.WithPdf, pack.RunId));
        Assert.Equal((submissions.Min(), submissions.Max()), (pack.FirstSubmittedAt!.Value, pack.LastSubmittedAt!.Value));
        // The file is the pack's, not the run's: the daily clean-up of expired downloads leaves it alone.
        Assert.Null((await db.JobRuns.SingleAsync(r => r.Id == run.Id)).ArtifactFileId);
    }

    [Fact]
    public async Task Two_builds_of_the_same_data_give_identical_files_and_the_second_replaces_the_first()
    {
        var a = await ArrangeAsync();
        await BuildAsync(a);
        var first = await DownloadAsync(a);
        Guid firstFile;
        await using (var db = Factory.NewDb())
        {
            firstFile = await db.JuryPacks.Select(p => p.FileId).SingleAsync();
        }

        await BuildAsync(a);
        var second = await DownloadAsync(a);

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs between two builds of the same data");
        }
        await using (var db = Factory.NewDb())
        {
            var pack = await db.JuryPacks.SingleAsync();
            Assert.NotEqual(firstFile, pack.FileId);
            Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == firstFile), "the replaced pack's file is still stored");
        }
    }

    [Fact]
    public async Task Hostile_texts_come_back_as_the_same_inert_text_in_the_workbook_the_html_and_the_pdf()
    {
        var a = await ArrangeAsync(leaTitle: Hostile[0], synthesis: string.Join("\n\n", Hostile), moreTitles: Hostile[1..]);

        await BuildAsync(a);
        var entries = await DownloadAsync(a);

        using (var workbook = SynthesisBuilder.OpenScanned(entries["synthese.xlsx"]))
        {
            var titles = workbook.Worksheet("Preuves").ColumnsUsed().SelectMany(c => c.CellsUsed()).Select(c => c.GetString()).ToHashSet();
            Assert.All(Hostile, h => Assert.Contains(h, titles));
        }
        var html = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(entries["01-aubry-lea/rapport.html"]));
        Assert.Empty(html.QuerySelectorAll("script, img, iframe, object, embed"));
        Assert.DoesNotContain(html.All.SelectMany(e => e.Attributes), at => at.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        var pdfText = Flat(PdfText(entries["01-aubry-lea/rapport.pdf"]));
        foreach (var h in Hostile)
        {
            Assert.Contains(h, html.Body!.TextContent);
            Assert.Contains(Flat(h), pdfText);
        }
        var rawPdf = Encoding.Latin1.GetString(entries["01-aubry-lea/rapport.pdf"]);
        Assert.DoesNotContain("/JavaScript", rawPdf);
        Assert.DoesNotContain("/JS", rawPdf);
    }

    [Fact]
    public async Task A_template_failing_on_a_real_candidate_fails_the_build_with_its_line_and_keeps_the_previous_pack()
    {
        var a = await ArrangeAsync();
        await BuildAsync(a);
        var before = await DownloadAsync(a);
        await using (var db = Factory.NewDb())
        {
            // Stored around the editor's check, as an older version might be: the build must still say where it fails.
            var programmeId = await db.Cohorts.Where(c => c.Id == a.CohortId).Select(c => c.ProgrammeId).SingleAsync();
            var coordinatorId = await Factory.UserIdAsync("coord@example.be");
            db.ReportTemplates.Add(ReportTemplate.Next(programmeId, 0, "<h1>{{ report.Candidate }}</h1>\n<p>{{ report.Inconnu }}</p>", coordinatorId, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var failed = await BuildAsync(a, JobState.Failed);

        Assert.Contains("ligne 2, colonne", failed.Error);
        var page = await GetPageAsync(a.Coordinator, $"/Coordinator/Packs/{a.CohortId}");
        Assert.Contains("ligne 2, colonne", page.QuerySelector($"#pack-jury-{a.JuryId} [data-field='error']")!.TextContent);
        var after = await DownloadAsync(a);
        Assert.Equal(before["index.html"], after["index.html"]);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(1, await db.JuryPacks.CountAsync());
            Assert.Equal(0, await db.JuryPacks.Select(p => p.TemplateNumber).SingleAsync());
        }
    }

    [Fact]
    public async Task Deleting_a_jury_deletes_its_pack_and_the_packs_file()
    {
        var a = await ArrangeAsync();
        await BuildAsync(a);
        Guid file;
        await using (var db = Factory.NewDb())
        {
            file = await db.JuryPacks.Where(p => p.JuryId == a.JuryId).Select(p => p.FileId).SingleAsync();
            Assert.True(await db.StoredFiles.AnyAsync(f => f.Id == file));
        }

        var response = await SubmissionBuilder.PostAsync(a.Coordinator, $"/Coordinator/Juries/Delete/{a.JuryId}", "main form", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = Factory.NewDb();
        Assert.False(await check.Juries.AnyAsync(j => j.Id == a.JuryId));
        Assert.False(await check.JuryPacks.AnyAsync(p => p.JuryId == a.JuryId));
        Assert.False(await check.StoredFiles.AnyAsync(f => f.Id == file));
    }

    [Fact]
    public async Task Only_coordinators_of_the_cohort_reach_its_packs()
    {
        var a = await ArrangeAsync();
        await BuildAsync(a);
        int packId;
        Guid runId;
        await using (var db = Factory.NewDb())
        {
            var pack = await db.JuryPacks.SingleAsync();
            (packId, runId) = (pack.Id, pack.RunId);
        }
        await Factory.CreateProgrammeAsync("autre");
        var other = await CreateUserAsync("autre-coordination@example.be", Roles.Coordinator);
        await using (var db = Factory.NewDb())
        {
            db.ProgrammeCoordinators.RemoveRange(db.ProgrammeCoordinators.Where(p => p.UserId == other.Id));
            await db.SaveChangesAsync();
        }
        await Factory.AssignCoordinatorAsync(other.Id, "autre");
        var otherClient = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(otherClient, "/Account/Login", new() { ["Input.Email"] = other.Email!, ["Input.Password"] = Password })).StatusCode);
        var juror = NewClient();
        await CreateUserAsync("juror2@example.be", Roles.JuryMember);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "juror2@example.be", ["Input.Password"] = Password })).StatusCode);

        foreach (var url in new[] { $"/Coordinator/Packs/{a.CohortId}", $"/Coordinator/Packs/{a.CohortId}?handler=Status&id={runId}", $"/Coordinator/Packs/Download/{packId}" })
        {
            Assert.True(HttpStatusCode.NotFound == (await otherClient.GetAsync(url)).StatusCode, url);
            var refused = await juror.GetAsync(url);
            Assert.True(HttpStatusCode.Redirect == refused.StatusCode && refused.Headers.Location!.ToString().Contains("/Account/AccessDenied"), url);
            Assert.True(HttpStatusCode.OK == (await a.Coordinator.GetAsync(url)).StatusCode, url);
        }
        // A valid antiforgery token of theirs (tokens are per person, not per page), on a build of a cohort they do not coordinate.
        var token = (await GetPageAsync(otherClient, "/Coordinator/Cohorts/Create")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var post = await otherClient.PostAsync($"/Coordinator/Packs/{a.CohortId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["juryId"] = a.JuryId.ToString(), ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(1, await db.JobRuns.CountAsync(r => r.Kind == JuryPackJob.JuryKind));
        }
    }
    [Fact]
    public async Task A_juror_downloads_their_jurys_pack_only_while_every_candidate_in_it_is_open_to_them()
    {
        var a = await ArrangeAsync();
        await BuildAsync(a);
        var coordinatorCopy = await a.Coordinator.GetByteArrayAsync(
            (await GetPageAsync(a.Coordinator, $"/Coordinator/Packs/{a.CohortId}")).QuerySelector($"#pack-jury-{a.JuryId} a[href^='/Coordinator/Packs/Download/']")!.GetAttribute("href"));
        int packId;
        await using (var db = Factory.NewDb())
        {
            packId = await db.JuryPacks.Where(p => p.JuryId == a.JuryId).Select(p => p.Id).SingleAsync();
        }
        var juror = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "juror@example.be", ["Input.Password"] = Password })).StatusCode);
        var jurorId = await Factory.UserIdAsync("juror@example.be");

        // Before declaring on conflicts of interest, the juror is told the pack exists and cannot fetch it.
        var home = await GetPageAsync(juror, "/Jury");
        Assert.Contains("Le dossier du jury est prêt", home.QuerySelector(".jury-pack")!.TextContent);
        Assert.Null(home.QuerySelector(".jury-pack a"));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Pack/{packId}")).StatusCode);

        var candidacies = await Factory.CandidaciesAsync(a.JuryId);
        foreach (var candidacy in candidacies.Values)
        {
            await Factory.DeclareAsync(candidacy, jurorId, ConflictLevel.None);
        }
        var link = (await GetPageAsync(juror, "/Jury")).QuerySelector(".jury-pack a");
        Assert.NotNull(link);
        Assert.Equal($"/Jury/Pack/{packId}", link.GetAttribute("href"));
        Assert.Equal(coordinatorCopy, await juror.GetByteArrayAsync(link.GetAttribute("href")));

        // Stepping aside for one candidate closes the whole pack: it holds that candidate's work.
        await using (var db = Factory.NewDb())
        {
            var declaration = await db.ConflictDeclarations.SingleAsync(d => d.JuryCandidateId == candidacies[a.Candidates[1]] && d.JurorId == jurorId);
            db.ConflictDeclarations.Remove(declaration);
            await db.SaveChangesAsync();
        }
        await Factory.DeclareAsync(candidacies[a.Candidates[1]], jurorId, ConflictLevel.Major, "Mon conjoint.");
        Assert.Null((await GetPageAsync(juror, "/Jury")).QuerySelector(".jury-pack a"));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Pack/{packId}")).StatusCode);

        // A juror of no jury of the cohort finds nothing.
        await Factory.CreatePersonAsync("juror3@example.be", "Jeanne", "Tierce", Roles.JuryMember);
        var stranger = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(stranger, "/Account/Login", new() { ["Input.Email"] = "juror3@example.be", ["Input.Password"] = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Jury/Pack/{packId}")).StatusCode);
    }
}
