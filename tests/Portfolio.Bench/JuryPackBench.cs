using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.JuryPacks;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.JuryPacks;

/// <summary>
/// `./portfolio bench jurypack --participants N [--pdf]`: seeds a synthetic cohort of N candidates
/// (<see cref="SyntheticCohort"/>), builds its pack with <see cref="JuryPackBuilder"/>, and prints one line: the build's time and where it went, the
/// build's peak memory, and the workbook's time against <see cref="OpenXmlBaseline"/> writing the same cells.
/// </summary>
internal static class JuryPackBench
{
    public static async Task RunAsync(string[] args)
    {
        var participants = Option(args, "--participants", 500);
        var withPdf = args.Contains("--pdf");
        await using var factory = new BenchFactory("portfolio_bench_jurypack");
        await factory.InitializeAsync();
        await factory.ResetAsync();

        var seeding = Stopwatch.StartNew();
        var seed = await SyntheticCohort.SeedAsync(factory, participants);
        var warmUp = await SyntheticCohort.SeedAsync(factory, 2, name: "Promotion d'échauffement");
        var coordinatorId = await CoordinatorAsync(factory);
        Console.Error.WriteLine($"seeded {participants} candidates in {seeding.Elapsed.TotalSeconds:0.0} s");

        // A server builds pack after pack: the figures are those of a running one, not of .NET compiling the builder,
        // ClosedXML and the Open XML SDK on their first use (about a second, which the baseline does not pay either).
        // So a pack of two candidates is built first, untimed.
        var archive = Path.Combine(Path.GetTempPath(), $"jurypack-bench-{Environment.ProcessId}.zip");
        await BuildAsync(factory, coordinatorId, warmUp.CohortId, withPdf, archive);
        var peakBeforeBuild = ResetPeak();

        // The pack goes to a file, as the job streams it into the database: the build's memory is not the archive's size.
        var build = await BuildAsync(factory, coordinatorId, seed.CohortId, withPdf, archive);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;

        byte[] workbook;
        using (var zip = ZipFile.OpenRead(archive))
        using (var entry = zip.GetEntry(SynthesisWorkbook.FileName)!.Open())
        using (var bytes = new MemoryStream())
        {
            entry.CopyTo(bytes);
            workbook = bytes.ToArray();
        }
        File.Delete(archive);
        var baseline = OpenXmlBaseline.Time(workbook);
        var t = build.Timings;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"jurypack participants={participants} seconds={t.Total.TotalSeconds:0.00} excel_seconds={t.Workbook.TotalSeconds:0.00} html_seconds={t.Html.TotalSeconds:0.00} " +
            $"pdf_seconds={t.Pdf.TotalSeconds:0.00} pdf_per_second={(t.Pdf > TimeSpan.Zero ? t.Pdfs / t.Pdf.TotalSeconds : 0):0.00} peak_mb={peak / 1024 / 1024} " +
            $"excel_vs_openxml={t.Workbook / baseline:0.00}");
        Console.Error.WriteLine($"{t.Reports} reports, {t.Pdfs} PDFs; peak working set {peakBeforeBuild / 1024 / 1024} MiB after seeding, reset before the build; " +
            $"OpenXmlWriter baseline {baseline.TotalSeconds:0.00} s");
        Console.WriteLine(line);
    }

    private static async Task<PackBuild> BuildAsync(BenchFactory factory, string coordinatorId, int cohortId, bool withPdf, string archive)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var output = File.Create(archive);
        return await scope.ServiceProvider.GetRequiredService<JuryPackBuilder>()
            .WriteAsync(coordinatorId, PackScope.Cohort(cohortId), withPdf, output, (_, _, _) => Task.CompletedTask, CancellationToken.None);
    }

    /// <summary>The coordinator the pack is built for, managing the synthetic cohort's programme; nobody signs in as them.</summary>
    private static async Task<string> CoordinatorAsync(BenchFactory factory)
    {
        await using var db = factory.NewDb();
        var user = AppUser.Create("coordination@bench.test", "Coralie", "Coordination");
        user.NormalizedEmail = user.NormalizedUserName = user.Email!.ToUpperInvariant();
        user.SecurityStamp = Guid.NewGuid().ToString();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await factory.AssignCoordinatorAsync(user.Id);
        return user.Id;
    }

    /// <summary>
    /// Forgets the seeding's memory so that the peak reported is the build's: a full compacting collection that gives
    /// free memory back to the system, then Linux's "5" to /proc/self/clear_refs, which resets the peak resident set
    /// (VmHWM, what <see cref="Process.PeakWorkingSet64"/> reads) to the current one. Returns the peak before the reset.
    /// </summary>
    private static long ResetPeak()
    {
        using var process = Process.GetCurrentProcess();
        var before = process.PeakWorkingSet64;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
        return before;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
