using System.Diagnostics;
using System.IO.Compression;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Jobs;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;
using Portfolio.Web.Jobs;

// Measures what the tests only count: how long pages and the export job take on a full portfolio, and how much memory
// the export needs (it streams, so the peak must stay far below the archive's size). `load` puts the deployed app under
// many signed-in clients (LoadBench); `jurypack` builds the jury pack of a large synthetic cohort (JuryPackBench).
var scenario = args.FirstOrDefault() ?? "all";
// Test projects learn where the web project lives from Mvc.Testing's build step; this program says it itself.
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(repository.FullName, "Portfolio.sln")))
{
    repository = repository.Parent ?? throw new InvalidOperationException("Portfolio.sln not found");
}
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTFOLIO_WEB", Path.Combine(repository.FullName, "src", "Portfolio.Web"));
if (scenario == "load")
{
    await LoadBench.RunAsync(repository.FullName, args[1..]);
    return;
}
if (scenario == "jurypack")
{
    await JuryPackBench.RunAsync(args[1..]);
    return;
}
await using var factory = new BenchFactory("portfolio_bench");
await factory.InitializeAsync();
await factory.ResetAsync();

const string Email = "bench@portfolio.test";
const string Password = "Bench-password-2026";
var cohortId = await factory.CreateCohortWithCampaignsAsync();
string userId;
await using (var scope = factory.Services.CreateAsyncScope())
{
    var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    var user = AppUser.Create(Email, "Benoît", "Mark", "Bench");
    await users.CreateAsync(user, Password);
    await users.AddToRoleAsync(user, Roles.Participant);
    userId = user.Id;
}
await factory.EnrolAsync(cohortId, userId);
var objectives = await factory.ObjectivesAsync(cohortId);
var framework = await factory.FrameworkOfAsync(cohortId);

Console.WriteLine("Portfolio benchmarks — real app (in-process host), real PostgreSQL");
Console.WriteLine($"data: 200 evidence items over 22 objectives, 20 attachments of 2 MiB, 22 self-assessments");
await using (var db = factory.NewDb())
{
    var files = new FileStore(db, TimeProvider.System);
    var random = new Random(42);
    var now = DateTimeOffset.UtcNow;
    var campaign = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).FirstAsync();
    foreach (var (id, _) in objectives)
    {
        var assessment = SelfAssessment.ForObjective(campaign.Id, userId, id);
        assessment.Record(campaign, campaign.OpensOn, [1, 2, 3, 4], random.Next(1, 5), "Justification **argumentée** du niveau.", new Dictionary<int, OutcomeState>(), [], now);
        db.SelfAssessments.Add(assessment);
    }
    for (var i = 0; i < 200; i++)
    {
        var evidence = new Evidence(userId, cohortId, framework, new EvidenceContent($"Preuve {i}", PortfolioBuilder.Today.AddDays(-i), EvidenceKind.Production,
            "Une description de la situation, avec des **mots importants**.", "Ce que j'ai appris et ce que je ferai autrement.", Visibility.Private,
            [objectives[i % 22].Id, objectives[(i + 7) % 22].Id], [], [], [], [], []), now);
        if (i < 20)
        {
            var bytes = new byte[2 * 1024 * 1024];
            random.NextBytes(bytes);
            "%PDF-1.4\n"u8.CopyTo(bytes);
            var stored = await files.SaveAsync(new MemoryStream(bytes));
            evidence.Attach($"annexe-{i}.pdf", "application/pdf", bytes.Length, stored.Id, now);
        }
        db.Evidence.Add(evidence);
    }
    await db.SaveChangesAsync();
}

if (scenario is "pages" or "all")
{
    var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    await SignInAsync(client);
    Console.WriteLine();
    Console.WriteLine($"{"page",-32} {"median ms",10} {"p95 ms",8} {"SQL commands",13}");
    foreach (var url in new[] { "/Participant", "/Participant/Matrix", "/Participant/Progression", "/Participant/Evidence", "/Participant/Evidence?q=appris", "/Participant/Assessments" })
    {
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
        }
        var times = new List<double>();
        var commands = 0;
        for (var i = 0; i < 40; i++)
        {
            factory.Commands.Reset();
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            commands = factory.Commands.Count;
        }
        times.Sort();
        Console.WriteLine($"{url,-32} {times[times.Count / 2],10:0.0} {times[(int)(times.Count * 0.95)],8:0.0} {commands,13}");
    }
}

if (scenario is "export" or "all")
{
    Console.WriteLine();
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var peakBefore = process.PeakWorkingSet64;
    Guid runId;
    await using (var db = factory.NewDb())
    {
        var run = new JobRun(PortfolioExportJob.Kind, userId, null, DateTimeOffset.UtcNow);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        runId = run.Id;
    }
    // The live managed heap, sampled while the job runs: garbage included, so an upper bound of what the job holds.
    var sampling = new CancellationTokenSource();
    var largestHeap = 0L;
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            largestHeap = Math.Max(largestHeap, GC.GetTotalMemory(forceFullCollection: false));
            await Task.Delay(5);
        }
    });
    var watch = Stopwatch.StartNew();
    await using (var scope = factory.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<PortfolioExportJob>().RunAsync(runId, CancellationToken.None);
    }
    var elapsed = watch.Elapsed;
    await sampling.CancelAsync();
    await sampler;
    process.Refresh();
    await using var check = factory.NewDb();
    var done = await check.JobRuns.SingleAsync(r => r.Id == runId);
    var length = await check.StoredFiles.Where(f => f.Id == done.ArtifactFileId).Select(f => f.Length).SingleAsync();
    await using var scopeForRead = factory.Services.CreateAsyncScope();
    await using var archive = await scopeForRead.ServiceProvider.GetRequiredService<FileStore>().OpenReadAsync(done.ArtifactFileId!.Value);
    using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
    Console.WriteLine($"export: {done.State} in {elapsed.TotalSeconds:0.00} s, archive {length / 1024.0 / 1024.0:0.0} MiB, {zip.Entries.Count} entries");
    Console.WriteLine($"        managed heap: {before / 1024 / 1024} MiB before, at most {largestHeap / 1024 / 1024} MiB during the export (garbage included)");
    Console.WriteLine($"        process peak working set: {peakBefore / 1024 / 1024} MiB before, {process.PeakWorkingSet64 / 1024 / 1024} MiB after");
}

async Task SignInAsync(HttpClient client)
{
    var login = await client.GetStringAsync("/Account/Login");
    var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Input.Email"] = Email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
    }));
    if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException("Sign-in failed for the benchmark account.");
    }
}

/// <summary>The application on a database of its own, so that a benchmark never touches the tests' data.</summary>
internal sealed class BenchFactory(string database) : PortfolioFactory(database);
