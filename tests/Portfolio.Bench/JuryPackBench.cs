using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Tests.JuryPacks;

/// <summary>
/// `./portfolio bench jurypack --participants N [--pdf]`: seeds a synthetic cohort of N candidates
/// (<see cref="SyntheticCohort"/>), builds its pack, and prints one line: the build's time and where it went, the
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
        Console.Error.WriteLine($"seeded {participants} candidates in {seeding.Elapsed.TotalSeconds:0.0} s");
        var peakBeforeBuild = ResetPeak();

        var watch = Stopwatch.StartNew();
        byte[] workbook;
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = factory.NewDb())
        {
            var synthesis = await CohortSynthesis.ForCohortAsync(db, scope.ServiceProvider.GetRequiredService<FrameworkModels>(), db.Cohorts, seed.CohortId)
                ?? throw new InvalidOperationException("The seeded cohort is missing.");
            using var stream = new MemoryStream();
            SynthesisWorkbook.Write(synthesis, stream, DateTimeOffset.UtcNow);
            workbook = stream.ToArray();
        }
        var excel = watch.Elapsed;
        var seconds = watch.Elapsed;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;

        var baseline = OpenXmlBaseline.Time(workbook);
        var html = TimeSpan.Zero;
        var pdf = TimeSpan.Zero;
        var pdfs = 0;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"jurypack participants={participants} seconds={seconds.TotalSeconds:0.00} excel_seconds={excel.TotalSeconds:0.00} html_seconds={html.TotalSeconds:0.00} " +
            $"pdf_seconds={pdf.TotalSeconds:0.00} pdf_per_second={(pdf > TimeSpan.Zero ? pdfs / pdf.TotalSeconds : 0):0.00} peak_mb={peak / 1024 / 1024} " +
            $"excel_vs_openxml={excel / baseline:0.00}");
        Console.Error.WriteLine($"peak working set {peakBeforeBuild / 1024 / 1024} MiB after seeding, reset before the build; OpenXmlWriter baseline {baseline.TotalSeconds:0.00} s");
        Console.WriteLine(line);
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
