using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portfolio.Core.Accounts;
using Portfolio.Core.Jobs;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.JuryPacks;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;

namespace Portfolio.Tests.Platform;

/// <summary>
/// A web-only node on a database of its own: no Hangfire server runs in the test process for it, so its jobs are run
/// only by the worker processes a test starts.
/// </summary>
public sealed class WebOnlyFactory() : PortfolioFactory("portfolio_workers")
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Portfolio:Roles"] = "web";
            return settings;
        }
    }
}

/// <summary>
/// Real worker processes (the application itself, `Portfolio:Roles=worker`) killed with SIGKILL: the job of a dead worker
/// is run again by another, exactly once to the end.
/// </summary>
public class DeadWorkerTests(WebOnlyFactory node, ITestOutputHelper output) : IntegrationTest(node), IClassFixture<WebOnlyFactory>
{
    /// <summary>The shortest the application accepts (production: 60 s), so that the test waits seconds, not a minute.</summary>
    private static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Enough bytes (96 MiB) that copying the attachments into the archive takes seconds on two cores.</summary>
    private const int AttachmentCount = 24;
    private const int AttachmentSize = 4 * 1024 * 1024;

    private readonly StringBuilder workerLogs = new();

    [Fact]
    public async Task Killed_worker_job_is_picked_up_again()
    {
        var clock = Stopwatch.StartNew();
        // Started first: it gets ready while the portfolio is written.
        var first = StartWorker("worker-1");
        var workers = new List<Process> { first };
        try
        {
            var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
            var (userId, attachments) = await ArrangeLargePortfolioAsync("alice@example.be");
            output.WriteLine($"portfolio of {AttachmentCount * (AttachmentSize >> 20)} MiB written in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Participant/Export", [])).StatusCode);

            // Killed while it copies the attachments: the archive is half-written in the database.
            var midway = await WaitForRunAsync(r => r.IsFinished || r.State == JobState.Running && r.Progress >= 40, TimeSpan.FromSeconds(60));
            Assert.True(midway.State == JobState.Running, $"the export ended ({midway.State}) before the worker could be killed: make the portfolio larger");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var killedAt = DateTimeOffset.UtcNow;
            var halfWritten = midway.ArtifactFileId;
            Assert.NotNull(halfWritten);
            await using (var db = Factory.NewDb())
            {
                Assert.Equal(-1, await db.StoredFiles.Where(f => f.Id == halfWritten).Select(f => f.Length).SingleAsync());
                Assert.True(await db.StoredFileChunks.AnyAsync(c => c.StoredFileId == halfWritten), "the killed worker had written no chunk yet");
            }
            output.WriteLine($"worker-1 killed (SIGKILL) at {midway.Progress} %, {(killedAt - midway.StartedAt!.Value).TotalSeconds:0.0} s after the job started ({clock.Elapsed.TotalSeconds:0.0} s into the test)");

            // Two live workers: the dead one's job goes to one of them, and the other never takes it while it runs.
            workers.Add(StartWorker("worker-2"));
            workers.Add(StartWorker("worker-3"));
            var claims = new HashSet<DateTime>();
            var run = await WaitForRunAsync(r => r.IsFinished, TimeSpan.FromSeconds(90), async r =>
            {
                if (r is { Attempts: 2, State: JobState.Running } && await ClaimAsync(r.HangfireJobId!) is { } claim)
                {
                    claims.Add(claim);
                }
            });

            Assert.True(run.State == JobState.Succeeded, $"the export ended {run.State}: {run.Error}");
            Assert.Equal(2, run.Attempts);
            var takenOverAfter = run.RestartedAt!.Value - killedAt;
            var resumedFor = run.FinishedAt!.Value - run.RestartedAt.Value;
            output.WriteLine($"picked up again {takenOverAfter.TotalSeconds:0.0} s after the kill (invisibility timeout {InvisibilityTimeout.TotalSeconds} s, two workers starting); " +
                $"the second attempt ran {resumedFor.TotalSeconds:0.0} s and renewed its claim {claims.Count - 1} times");
            Assert.True(takenOverAfter < TimeSpan.FromMinutes(2), $"picked up again only {takenOverAfter} after the kill");
            // Sliding invisibility: the live worker kept renewing its claim on the job (every fifth of the timeout), which
            // is what keeps a job longer than the timeout from being taken by the idle worker.
            Assert.True(claims.Count >= 2, $"the worker running the job never renewed its claim (seen: {string.Join(", ", claims)})");
            // Hangfire records its own state once the method has returned, a moment after the run itself is finished.
            Assert.Equal(SucceededState.StateName, await HangfireStateAsync(run.HangfireJobId!, SucceededState.StateName, TimeSpan.FromSeconds(30)));

            // One file: the archive. The half-written one is gone, chunks included.
            await using (var db = Factory.NewDb())
            {
                var attachmentFiles = await db.Attachments.Select(a => a.StoredFileId).ToListAsync();
                var others = await db.StoredFiles.Where(f => !attachmentFiles.Contains(f.Id)).ToListAsync();
                var archive = Assert.Single(others);
                Assert.Equal(run.ArtifactFileId, archive.Id);
                Assert.True(archive.Length > (long)AttachmentCount * AttachmentSize);
                Assert.False(await db.StoredFileChunks.AnyAsync(c => c.StoredFileId == halfWritten));
            }

            // The file is whole: every attachment byte for byte, the page and the data.
            var page = await GetPageAsync(client, "/Participant/Export");
            var row = page.QuerySelector($"tr[data-run='{run.Id}']")!;
            Assert.Contains("Prête", row.TextContent);
            var restart = row.QuerySelector("[data-field=restart]")!.TextContent;
            Assert.Contains("Reprise automatiquement le", restart);
            Assert.Contains("tentative n° 2", restart);
            // The same line for the page's script, which follows a run without reloading.
            using (var status = JsonDocument.Parse(await client.GetStringAsync(row.GetAttribute("data-status-url"))))
            {
                Assert.Equal(restart.Trim(), status.RootElement.GetProperty("restart").GetString());
            }
            var download = await client.GetAsync(row.QuerySelector("a[href*='handler=Download']")!.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            Assert.Equal(AttachmentCount + 2, zip.Entries.Count);
            foreach (var (path, sha) in attachments)
            {
                var entry = zip.GetEntry(path);
                Assert.True(entry is not null, $"the archive has no {path}");
                await using var content = entry!.Open();
                Assert.Equal(sha, Convert.ToHexStringLower(await SHA256.HashDataAsync(content)));
            }
            await using (var json = zip.GetEntry("portfolio.json")!.Open())
            {
                using var document = await JsonDocument.ParseAsync(json);
                Assert.Equal(AttachmentCount, document.RootElement.GetProperty("evidence").GetArrayLength());
            }
            Assert.NotNull(zip.GetEntry("index.html"));
            Assert.Equal(userId, run.OwnerId);
            output.WriteLine($"test done in {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await StopAsync(workers);
        }
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_pack_build_still_ends_with_one_complete_pack()
    {
        const int Candidates = 12;
        var first = StartWorker("worker-1");
        var workers = new List<Process> { first };
        try
        {
            var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
            var cohortId = await Factory.CreateCohortWithCampaignsAsync();
            var people = await Factory.AddParticipantsAsync(cohortId, Candidates);
            foreach (var person in people)
            {
                await Factory.SubmitAsync(cohortId, person);
            }
            var juror = await Factory.CreatePersonAsync("juror@example.be", "Jules", "Juré", Roles.JuryMember);
            var juryId = await Factory.CreateJuryAsync(cohortId, "Jury A", [juror], people);
            var response = await PostFormAsync(coordinator, $"/Coordinator/Packs/{cohortId}", new() { ["juryId"] = juryId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

            // Killed while it prints the reports: the archive is half-written in the database, Chromium dies with it.
            var midway = await WaitForRunAsync(r => r.IsFinished || r.State == JobState.Running && r.Progress >= 20, TimeSpan.FromSeconds(90));
            Assert.True(midway.State == JobState.Running, $"the build ended ({midway.State}) before the worker could be killed: add candidates");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var halfWritten = midway.ArtifactFileId;
            Assert.NotNull(halfWritten);
            output.WriteLine($"worker-1 killed (SIGKILL) at {midway.Progress} % ({midway.Step})");

            workers.Add(StartWorker("worker-2"));
            var run = await WaitForRunAsync(r => r.IsFinished, TimeSpan.FromSeconds(150));

            Assert.True(run.State == JobState.Succeeded, $"the build ended {run.State}: {run.Error}");
            Assert.Equal(2, run.Attempts);
            Guid packFile;
            await using (var db = Factory.NewDb())
            {
                var pack = await db.JuryPacks.SingleAsync();
                Assert.Equal((run.Id, Candidates, Candidates), (pack.RunId, pack.Candidates, pack.Reports));
                packFile = pack.FileId;
                // The pack's file is the only one left: the killed attempt's half-written file is gone, chunks included.
                Assert.Equal(packFile, (await db.StoredFiles.SingleAsync()).Id);
                Assert.False(await db.StoredFileChunks.AnyAsync(c => c.StoredFileId == halfWritten));
            }
            var page = await GetPageAsync(coordinator, $"/Coordinator/Packs/{cohortId}");
            Assert.Contains("tentative n° 2", page.QuerySelector($"#pack-jury-{juryId} [data-field='restart']")!.TextContent);
            var download = await coordinator.GetAsync(page.QuerySelector($"#pack-jury-{juryId} a[href^='/Coordinator/Packs/Download/']")!.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
            Assert.Equal(2 * Candidates + 2, zip.Entries.Count);
            Assert.Equal(Candidates, zip.Entries.Count(e => e.FullName.EndsWith("/rapport.pdf", StringComparison.Ordinal)));
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)))
            {
                await using var content = entry.Open();
                var head = new byte[5];
                await content.ReadExactlyAsync(head);
                Assert.Equal("%PDF-", Encoding.ASCII.GetString(head));
            }
        }
        finally
        {
            await StopAsync(workers);
        }
    }

    /// <summary>Kills the workers still running and writes every worker's log into the test's output.</summary>
    private async Task StopAsync(IEnumerable<Process> workers)
    {
        foreach (var worker in workers.Where(w => !w.HasExited))
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        lock (workerLogs)
        {
            output.WriteLine(workerLogs.ToString());
        }
    }

    /// <summary>The job's state in Hangfire, once it is <paramref name="expected"/> or when the time is up.</summary>
    private async Task<string> HangfireStateAsync(string jobId, string expected, TimeSpan patience)
    {
        using var connection = Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var state = connection.GetStateData(jobId).Name;
            if (state == expected || DateTime.UtcNow > until)
            {
                return state;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>One evidence item per attachment, each a PNG of random bytes (incompressible, stored as is in the ZIP).</summary>
    private async Task<(string UserId, List<(string Path, string Sha256)> Attachments)> ArrangeLargePortfolioAsync(string email)
    {
        await using var db = Factory.NewDb();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        await Factory.EnrolAsync(cohortId, userId);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        var store = new FileStore(db, TimeProvider.System);
        var content = new byte[AttachmentSize];
        var attachments = new List<(string, string)>();
        for (var i = 1; i <= AttachmentCount; i++)
        {
            var evidenceId = await Factory.AddEvidenceAsync(userId, cohortId, $"Preuve {i}", [objective]);
            Random.Shared.NextBytes(content);
            new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(content, 0);
            var stored = await store.SaveAsync(new MemoryStream(content));
            var evidence = await db.Evidence.Include(e => e.Attachments).SingleAsync(e => e.Id == evidenceId);
            evidence.Attach($"photo {i}.png", "image/png", content.Length, stored.Id, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            attachments.Add(($"attachments/{evidenceId}/photo {i}.png", stored.Sha256));
        }
        return (userId, attachments);
    }

    /// <summary>The application itself as a worker-only process on the test database, as an operator would start one.</summary>
    private Process StartWorker(string name)
    {
        // The test project references the web project, so the application's build (same configuration, dependencies and
        // templates) lies next to the test assembly, on a fresh clone as here.
        var application = Path.Combine(AppContext.BaseDirectory, "Portfolio.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(application);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // A worker still answers /health; any free port will do.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["PORTFOLIO_DB"] = Factory.ConnectionString;
        start.Environment["Portfolio__Roles"] = "worker";
        start.Environment["Portfolio__Jobs__InvisibilityTimeoutSeconds"] = InvisibilityTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Portfolio__Mail__PickupFolder"] = Factory.PickupFolder;
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler log = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (workerLogs)
                {
                    workerLogs.AppendLine($"[{name}] {e.Data}");
                }
            }
        };
        process.OutputDataReceived += log;
        process.ErrorDataReceived += log;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>When the worker running the job last claimed it in Hangfire's queue (null once it is off the queue).</summary>
    private async Task<DateTime?> ClaimAsync(string hangfireJobId)
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fetchedat FROM hangfire.jobqueue WHERE jobid = @id", connection);
        command.Parameters.AddWithValue("id", long.Parse(hangfireJobId, System.Globalization.CultureInfo.InvariantCulture));
        return await command.ExecuteScalarAsync() as DateTime?;
    }

    private async Task<JobRun> WaitForRunAsync(Func<JobRun, bool> condition, TimeSpan timeout, Func<JobRun, Task>? meanwhile = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var db = Factory.NewDb();
            var run = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync();
            if (run is not null && condition(run))
            {
                return run;
            }
            if (run is not null && meanwhile is not null)
            {
                await meanwhile(run);
            }
            Assert.True(clock.Elapsed < timeout, $"after {timeout.TotalSeconds} s the export is {run?.State} at {run?.Progress} % (attempt {run?.Attempts})");
            await Task.Delay(100);
        }
    }
}
