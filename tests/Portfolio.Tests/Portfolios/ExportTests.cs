using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Portfolio.Core.Accounts;
using Portfolio.Core.Exports;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Jobs;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Web.Jobs;
using Xunit.Abstractions;

namespace Portfolio.Tests.Portfolios;

public class ExportTests : IntegrationTest
{
    private const string ExportPage = "/Participant/Export";

    private readonly ITestOutputHelper output;

    public ExportTests(PortfolioFactory factory, ITestOutputHelper output) : base(factory)
    {
        this.output = output;
    }

    private static DateOnly Today => PortfolioBuilder.Today;

    /// <summary>A participant's portfolio as the tests arrange it.</summary>
    private sealed record Arranged(string UserId, int CohortId, int EvidenceWithFiles, int OtherEvidence, byte[] Photo, byte[] Notes);


    /// <summary>
    /// Two self-assessments, two evidence items (the first with two attachments, one of them larger than a storage
    /// chunk), a journal entry; all written through the entities' rules.
    /// </summary>
    private async Task<Arranged> ArrangePortfolioAsync(string userId, string firstTitle = "Conduite du comité de pilotage")
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var (first, second) = (objectives[0], objectives[5]);
        var withFiles = await Factory.AddEvidenceAsync(userId, cohortId, firstTitle, [first.Id],
            description: "Une réunion **décisive** avec le comité.", reflection: "J'ai appris à *écouter* avant de trancher.");
        var other = await Factory.AddEvidenceAsync(userId, cohortId, "Lecture : le management public en mutation", [second.Id], kind: EvidenceKind.Reading);

        // A PNG signature followed by random bytes: larger than one chunk, so the copy crosses chunk boundaries.
        var photo = new byte[FileStore.ChunkSize + 200_000];
        Random.Shared.NextBytes(photo);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(photo, 0);
        var notes = Encoding.UTF8.GetBytes("# Notes\n\nÉchanges avec la direction, décisions prises.\n");
        var now = DateTimeOffset.UtcNow;
        await using (var db = Factory.NewDb())
        {
            var store = new FileStore(db, TimeProvider.System);
            var storedPhoto = await store.SaveAsync(new MemoryStream(photo));
            var storedNotes = await store.SaveAsync(new MemoryStream(notes));
            var evidence = await db.Evidence.Include(e => e.Attachments).SingleAsync(e => e.Id == withFiles);
            evidence.Attach("photo du tableau.png", "image/png", photo.Length, storedPhoto.Id, now);
            evidence.Attach("notes.md", "text/markdown; charset=utf-8", notes.Length, storedNotes.Id, now);

            var campaign = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Position == 1);
            var scale = await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.Scale).Select(l => l.Value).ToListAsync();
            var outcome = await db.Set<LearningOutcome>().Where(o => o.ObjectiveId == first.Id).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync();
            var a1 = SelfAssessment.ForObjective(campaign.Id, userId, first.Id);
            a1.Record(campaign, Today, scale, 2, "Je progresse, **surtout** en réunion.", new Dictionary<int, OutcomeState> { [outcome] = OutcomeState.InProgress }, [withFiles], now);
            var a2 = SelfAssessment.ForObjective(campaign.Id, userId, second.Id);
            a2.Record(campaign, Today, scale, 3, "Bonne maîtrise des notions.", new Dictionary<int, OutcomeState>(), [other], now);
            db.SelfAssessments.AddRange(a1, a2);

            var entry = new JournalEntry(userId, cohortId, now);
            entry.Write(Today, "Après le premier séminaire", "Une *prise de conscience* sur mon rôle.", null, null, first.Id, Visibility.Private, now);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        return new Arranged(userId, cohortId, withFiles, other, photo, notes);
    }

    /// <summary>Asks for the export on the page, then waits (up to 60 s) for the job, run by the test host's Hangfire server, to finish.</summary>
    private async Task<JobRun> RequestExportAsync(HttpClient client, JobState expected = JobState.Succeeded)
    {
        var clock = Stopwatch.StartNew();
        var response = await PostFormAsync(client, ExportPage, []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        JobRun run;
        do
        {
            await Task.Delay(200);
            await using var db = Factory.NewDb();
            run = await db.JobRuns.AsNoTracking().SingleAsync();
        }
        while (!run.IsFinished && clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.True(run.State == expected, $"the export ended {run.State}: {run.Error}");
        output.WriteLine($"Export: {clock.Elapsed.TotalSeconds:0.00} s from the request to the end seen by polling; job itself {(run.FinishedAt - run.StartedAt)!.Value.TotalSeconds:0.00} s (queued {(run.StartedAt - run.RequestedAt)!.Value.TotalSeconds:0.00} s).");
        return run;
    }

    private static async Task<string> DownloadLinkAsync(HttpClient client)
    {
        var page = await GetPageAsync(client, ExportPage);
        var link = page.QuerySelector("#export-runs a[href*='handler=Download']");
        Assert.True(link is not null, "the Export page offers no download link");
        return link!.GetAttribute("href")!;
    }

    private static async Task<ZipArchive> DownloadZipAsync(HttpClient client, string href, string expectedName)
    {
        var response = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal(expectedName, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"the archive has no {name}; it has: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = entry!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IHtmlDocument Html(ZipArchive zip) => new HtmlParser().ParseDocument(Encoding.UTF8.GetString(Read(zip, "index.html")));

    [Fact]
    public async Task A_participant_downloads_a_zip_of_the_whole_portfolio_that_matches_the_database()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var p = await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));

        await RequestExportAsync(client);
        var href = await DownloadLinkAsync(client);
        using var zip = await DownloadZipAsync(client, href, $"portfolio-prenom-alice-{Today:yyyy-MM-dd}.zip");

        // index.html: a standalone French page with the participant, the evidence, rendered Markdown and links to the files.
        var html = Html(zip);
        Assert.Equal("fr", html.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Prénom alice", html.QuerySelector("h1")!.TextContent);
        Assert.Contains(html.QuerySelectorAll("article.evidence h3"), h => h.TextContent == "Conduite du comité de pilotage");
        Assert.Contains(html.QuerySelectorAll(".markdown strong"), s => s.TextContent == "décisive");
        Assert.Contains(html.QuerySelectorAll(".markdown em"), s => s.TextContent == "prise de conscience");
        Assert.NotNull(html.QuerySelector($"a[href='attachments/{p.EvidenceWithFiles}/photo%20du%20tableau.png']"));
        Assert.Empty(html.QuerySelectorAll("script, link[href^='http'], img[src^='http']"));
        Assert.All(html.QuerySelectorAll("table"), t => Assert.NotNull(t.QuerySelector("caption")));

        // Attachments, byte for byte.
        Assert.Equal(p.Photo, Read(zip, $"attachments/{p.EvidenceWithFiles}/photo du tableau.png"));
        Assert.Equal(p.Notes, Read(zip, $"attachments/{p.EvidenceWithFiles}/notes.md"));

        // portfolio.json: what the database holds.
        using var json = JsonDocument.Parse(Read(zip, "portfolio.json"));
        var root = json.RootElement;
        Assert.Equal("alice@example.be", root.GetProperty("person").GetProperty("email").GetString());
        await using var db = Factory.NewDb();
        var codes = (await Factory.ObjectivesAsync(p.CohortId)).ToDictionary(o => o.Id, o => o.Code);
        var storedAssessments = await db.SelfAssessments.Where(a => a.ParticipantId == p.UserId)
            .Select(a => new { a.ObjectiveId, a.Level, a.Justification }).ToListAsync();
        Assert.Equal(
            storedAssessments.Select(a => $"{codes[a.ObjectiveId!.Value]}|{a.Level}|{a.Justification}").Order(),
            root.GetProperty("selfAssessments").EnumerateArray()
                .Select(a => $"{a.GetProperty("objectiveCode").GetString()}|{a.GetProperty("level").GetInt32()}|{a.GetProperty("justification").GetString()}").Order());
        var storedEvidence = await db.Evidence.Where(e => e.OwnerId == p.UserId)
            .Select(e => new
            {
                e.Id, e.Title, e.ObjectiveIds,
                Sha = e.Attachments.OrderBy(a => a.Id).Join(db.StoredFiles, a => a.StoredFileId, f => f.Id, (a, f) => f.Sha256).ToList(),
            })
            .ToListAsync();
        Assert.Equal(
            storedEvidence.Select(e => $"{e.Id}|{e.Title}|{string.Join(',', e.ObjectiveIds.Select(id => codes[id]))}|{string.Join(',', e.Sha)}").Order(),
            root.GetProperty("evidence").EnumerateArray().Select(e =>
                $"{e.GetProperty("id").GetInt32()}|{e.GetProperty("title").GetString()}|" +
                $"{string.Join(',', e.GetProperty("objectiveCodes").EnumerateArray().Select(c => c.GetString()))}|" +
                $"{string.Join(',', e.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()))}").Order());
        // Each attachment's sha256 and path in the JSON describe the file really in the archive.
        foreach (var attachment in root.GetProperty("evidence").EnumerateArray().SelectMany(e => e.GetProperty("attachments").EnumerateArray()))
        {
            Assert.Equal(attachment.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(Read(zip, attachment.GetProperty("path").GetString()!))));
        }
        Assert.Equal("Après le premier séminaire", Assert.Single(root.GetProperty("journalEntries").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_participant_neither_sees_nor_downloads_someone_elses_export()
    {
        var alice = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));
        var run = await RequestExportAsync(alice);
        var href = await DownloadLinkAsync(alice);

        var bob = await SignedInClientAsync("bob@example.be", Roles.Participant);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(href)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"{ExportPage}?handler=Status&id={run.Id}")).StatusCode);
        var page = await GetPageAsync(bob, ExportPage);
        Assert.Null(page.QuerySelector($"tr[data-run='{run.Id}']"));
        Assert.Null(page.QuerySelector("#export-runs"));
    }

    [Fact]
    public async Task A_title_with_markup_appears_escaped_in_the_page_of_the_archive()
    {
        const string title = "<script>alert(1)</script>";
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"), firstTitle: title);

        await RequestExportAsync(client);
        using var zip = await DownloadZipAsync(client, await DownloadLinkAsync(client), $"portfolio-prenom-alice-{Today:yyyy-MM-dd}.zip");

        var raw = Encoding.UTF8.GetString(Read(zip, "index.html"));
        Assert.DoesNotContain(title, raw);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", raw);
        var html = Html(zip);
        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.Contains(html.QuerySelectorAll("article.evidence h3"), h => h.TextContent == title);
    }

    [Fact]
    public async Task The_progress_is_followed_as_json_and_the_page_shows_a_ready_copy_with_its_expiry()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));
        var run = await RequestExportAsync(client);

        var status = await client.GetAsync($"{ExportPage}?handler=Status&id={run.Id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(100, json.RootElement.GetProperty("progress").GetInt32());
        Assert.Equal("Prête", json.RootElement.GetProperty("state").GetString());
        Assert.Contains("handler=Download", json.RootElement.GetProperty("downloadUrl").GetString());

        var row = (await GetPageAsync(client, ExportPage)).QuerySelector($"tr[data-run='{run.Id}']")!;
        Assert.Contains("Prête", row.TextContent);
        Assert.Equal("100", row.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
        Assert.Equal("false", row.GetAttribute("data-active"));
        Assert.Equal(TimeSpan.FromDays(7), run.ExpiresAt - run.FinishedAt);
    }

    [Fact]
    public async Task Running_the_job_again_for_a_run_that_succeeded_changes_nothing()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));
        var run = await RequestExportAsync(client);
        int filesBefore;
        await using (var db = Factory.NewDb())
        {
            filesBefore = await db.StoredFiles.CountAsync();
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortfolioExportJob>().RunAsync(run.Id, CancellationToken.None);
        }

        await using var check = Factory.NewDb();
        var again = await check.JobRuns.SingleAsync();
        Assert.Equal(run.ArtifactFileId, again.ArtifactFileId);
        Assert.Equal(run.FinishedAt, again.FinishedAt);
        Assert.Equal(filesBefore, await check.StoredFiles.CountAsync());
    }

    [Fact]
    public async Task An_attempt_taken_over_by_another_worker_stops_and_leaves_one_file_and_one_succeeded_run()
    {
        var userId = (await CreateUserAsync("alice@example.be", Roles.Participant)).Id;
        var p = await ArrangePortfolioAsync(userId);
        // A large attachment, so that the first attempt is still copying when the second one starts.
        var large = new byte[48 * 1024 * 1024];
        Random.Shared.NextBytes(large);
        var run = new JobRun(PortfolioExportJob.Kind, userId, null, DateTimeOffset.UtcNow);
        await using (var db = Factory.NewDb())
        {
            var stored = await new FileStore(db, TimeProvider.System).SaveAsync(new MemoryStream(large));
            var evidence = await db.Evidence.Include(e => e.Attachments).SingleAsync(e => e.Id == p.EvidenceWithFiles);
            evidence.Attach("annexe.pdf", "application/pdf", large.Length, stored.Id, DateTimeOffset.UtcNow);
            // Never handed to the test host's Hangfire: the two attempts below are the only ones.
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }

        // What a worker stalled past the invisibility timeout (alive, but presumed dead) and the worker that took its job
        // over do: the second attempt starts while the first is half-way.
        var first = RunJobAsync(run.Id);
        JobRun seen;
        do
        {
            await Task.Delay(20);
            await using var db = Factory.NewDb();
            seen = await db.JobRuns.AsNoTracking().SingleAsync();
        }
        while (!seen.IsFinished && seen.Progress < 30);
        Assert.True(seen.State == JobState.Running, $"the first attempt ended {seen.State} before the second started");
        await Task.WhenAll(first, RunJobAsync(run.Id));

        await using var check = Factory.NewDb();
        var done = await check.JobRuns.SingleAsync();
        Assert.True(done.State == JobState.Succeeded, $"{done.State}: {done.Error}");
        Assert.Equal(2, done.Attempts);
        var attachmentFiles = await check.Attachments.Select(a => a.StoredFileId).ToListAsync();
        var archive = Assert.Single(await check.StoredFiles.Where(f => !attachmentFiles.Contains(f.Id)).ToListAsync());
        Assert.Equal(done.ArtifactFileId, archive.Id);
        Assert.False(await check.StoredFileChunks.AnyAsync(c => !attachmentFiles.Contains(c.StoredFileId) && c.StoredFileId != archive.Id));
        await using var stream = await new FileStore(check, TimeProvider.System).OpenReadAsync(archive.Id);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Equal(large, Read(zip, $"attachments/{p.EvidenceWithFiles}/annexe.pdf"));
        Assert.Equal(p.Photo, Read(zip, $"attachments/{p.EvidenceWithFiles}/photo du tableau.png"));
    }

    private async Task RunJobAsync(Guid runId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortfolioExportJob>().RunAsync(runId, CancellationToken.None);
    }

    [Fact]
    public async Task The_clean_up_deletes_expired_copies_and_abandoned_files_and_the_download_then_answers_404()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));
        var run = await RequestExportAsync(client);
        var href = await DownloadLinkAsync(client);
        Guid abandoned;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // An upload that stopped half-way: a stored file never completed.
            await using var writer = await scope.ServiceProvider.GetRequiredService<FileStore>().CreateAsync();
            await writer.WriteAsync(new byte[1000]);
            abandoned = writer.Id;
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // Today nothing has expired and the abandoned file is too recent to be sure it is abandoned.
            Assert.Equal((0, 0), await scope.ServiceProvider.GetRequiredService<ArtifactCleanup>().CleanAsync(DateTimeOffset.UtcNow));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href)).StatusCode);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal((1, 1), await scope.ServiceProvider.GetRequiredService<ArtifactCleanup>().CleanAsync(DateTimeOffset.UtcNow.AddDays(8)));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(href)).StatusCode);
        await using (var db = Factory.NewDb())
        {
            var expired = await db.JobRuns.SingleAsync();
            Assert.Null(expired.ArtifactFileId);
            Assert.Equal(JobState.Succeeded, expired.State);
            Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == run.ArtifactFileId || f.Id == abandoned));
            Assert.False(await db.StoredFileChunks.AnyAsync(c => c.StoredFileId == run.ArtifactFileId));
            // The attachments themselves are untouched.
            Assert.Equal(2, await db.Attachments.Join(db.StoredFiles, a => a.StoredFileId, f => f.Id, (a, f) => f).CountAsync(f => f.Length >= 0));
        }
        var row = (await GetPageAsync(client, ExportPage)).QuerySelector($"tr[data-run='{run.Id}']")!;
        Assert.Contains("Expirée", row.TextContent);
        Assert.Null(row.QuerySelector("a[href*='handler=Download']"));
    }

    [Fact]
    public async Task A_failing_export_is_shown_as_failed_and_leaves_no_half_written_file()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        await ArrangePortfolioAsync(await Factory.UserIdAsync("alice@example.be"));
        Guid[] attachmentFiles;
        await using (var db = Factory.NewDb())
        {
            attachmentFiles = await db.Attachments.OrderBy(a => a.Id).Select(a => a.StoredFileId).ToArrayAsync();
            // The second attachment breaks after the first one (larger than a chunk) has already gone into the archive.
            await db.Database.ExecuteSqlAsync($"""UPDATE "StoredFiles" SET "Length" = -1 WHERE "Id" = {attachmentFiles[1]}""");
        }

        var run = await RequestExportAsync(client, expected: JobState.Failed);

        Assert.Null(run.ArtifactFileId);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(attachmentFiles.Order(), (await db.StoredFiles.Select(f => f.Id).ToListAsync()).Order());
            Assert.False(await db.StoredFileChunks.AnyAsync(c => !attachmentFiles.Contains(c.StoredFileId)));
        }
        var row = (await GetPageAsync(client, ExportPage)).QuerySelector($"tr[data-run='{run.Id}']")!;
        Assert.Contains("Échec", row.TextContent);
        Assert.Contains("Une erreur inattendue", row.QuerySelector("[data-field=error]")!.TextContent);
        Assert.Null(row.QuerySelector("a[href*='handler=Download']"));
    }

    [Fact]
    public async Task A_large_portfolio_renders_whole_within_the_template_limits()
    {
        // Far beyond Scriban's default loop limit (1000 iterations across nested loops): 24 objectives x 3 campaigns, 400 evidence items.
        var document = new FrameworkDocument
        {
            Code = "grand", Version = 1, Title = "Grand référentiel", Language = "fr", PillarLabel = "Pilier",
            Pillars = [.. Enumerable.Range(1, 6).Select(p => new FrameworkDocument.PillarEntry
            {
                Code = $"P{p}", Title = $"Pilier {p}",
                Objectives = [.. Enumerable.Range(1, 4).Select(o => new FrameworkDocument.ObjectiveEntry
                {
                    Code = $"P{p}.{o}", Title = $"Objectif {p}.{o}",
                    Outcomes = [.. Enumerable.Range(1, 5).Select(lo => new FrameworkDocument.OutcomeEntry { Code = $"P{p}.{o}.{lo}", Text = $"Acquis {p}.{o}.{lo}" })],
                })],
            })],
            Axes = [new FrameworkDocument.AxisEntry { Code = "A1", Title = "Axe 1" }],
            LeadershipCompetencies = [new FrameworkDocument.LeadershipCompetencyEntry { Code = "L1", Title = "Leadership 1", AfterPillar = "P1" }],
        };
        FrameworkModel framework;
        await using (var db = Factory.NewDb())
        {
            await FrameworkImport.ImportAsync(db, document, DateTimeOffset.UtcNow);
            framework = await Factory.Services.GetRequiredService<FrameworkModels>().GetAsync(db, db.Frameworks.Single(f => f.Code == "grand").Id);
        }
        var (axis, competency) = (framework.Axes[0].Id, framework.LeadershipCompetencies[0].Id);
        var objectives = framework.Objectives;
        var campaigns = Enumerable.Range(1, 3).Select(c => new CampaignData(c, $"Campagne {c}", c, Today, Today)).ToList();
        var evidence = Enumerable.Range(1, 400).Select(i => new EvidenceData(i, $"Preuve n° {i}", Today, EvidenceKind.Production, "Une **description**.", "", Visibility.Private,
            [.. Enumerable.Range(0, 3).Select(k => objectives[(i + k) % objectives.Count].Id)], [], [axis], [competency], [new EvidenceLink("https://example.org/" + i, "Lien")],
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            [new AttachmentData("a.pdf", "application/pdf", 1000, "", Guid.NewGuid(), $"attachments/{i}/a.pdf")])).ToList();
        var assessments = campaigns.SelectMany(c => objectives.Select((o, n) => new AssessmentData(c.Id * 100 + n, c.Id, o.Id, null, 1 + n % 4, "Parce que *oui*.",
            [.. o.Outcomes.Select(lo => new OutcomeStateData(lo.Id, OutcomeState.InProgress))], [.. Enumerable.Range(1, 10)], DateTimeOffset.UtcNow))).ToList();
        var journal = Enumerable.Range(1, 100).Select(j => new JournalData(j, Today, $"Entrée {j}", "Texte", null, null, null, Visibility.Private, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow)).ToList();
        var data = new PortfolioData(new PersonData("Anne", "Grand", "anne@example.be", null), new CohortData("Promotion", "Programme", Today, Today.AddDays(300)),
            framework, campaigns, assessments, evidence, journal, DateTimeOffset.UtcNow, Today);

        var html = new HtmlParser().ParseDocument(PortfolioPageBuilder.Render(data, File.ReadAllText(PortfolioExport.TemplatePath)));

        Assert.Equal(400, html.QuerySelectorAll("article.evidence").Length);
        Assert.Equal(100, html.QuerySelectorAll("article.journal-entry").Length);
        Assert.Equal("Entrée 100", html.QuerySelectorAll("article.journal-entry h3").Last().TextContent);
        Assert.Equal(24 * 3, html.QuerySelectorAll("section h4").Count(h => h.TextContent.StartsWith("Campagne")));
    }

    [Fact]
    public async Task A_second_request_while_a_copy_is_being_prepared_is_not_queued_again()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var userId = await Factory.UserIdAsync("alice@example.be");
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        await Factory.EnrolAsync(cohortId, userId);
        await using (var db = Factory.NewDb())
        {
            // A request already waiting for a worker (never handed to Hangfire here, so it stays queued).
            db.JobRuns.Add(new JobRun(PortfolioExportJob.Kind, userId, null, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var response = await PostFormAsync(client, ExportPage, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await GetPageAsync(client, response.Headers.Location!.ToString());
        Assert.Contains("déjà en préparation", page.QuerySelector("main [role=status]")!.TextContent);
        var row = Assert.Single(page.QuerySelectorAll("#export-runs tbody tr"));
        Assert.Equal("true", row.GetAttribute("data-active"));
        Assert.Contains("En attente", row.TextContent);
        await using var check = Factory.NewDb();
        Assert.Equal(1, await check.JobRuns.CountAsync());
    }

    [Fact]
    public void The_clean_up_is_registered_as_a_daily_recurring_job_on_worker_nodes()
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ArtifactCleanup.RecurringJobId);
        Assert.Equal(Cron.Daily(2), job.Cron);
        Assert.Equal(typeof(ArtifactCleanup), job.Job.Type);
    }

    [Fact]
    public async Task A_participant_enrolled_in_no_cohort_is_told_so_and_offered_no_request()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);

        var page = await GetPageAsync(client, ExportPage);

        Assert.Contains("Vous n'êtes inscrit·e dans aucune promotion.", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }
}
