using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Portfolio.Core.JuryPacks;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit.Abstractions;

namespace Portfolio.Tests.JuryPacks;

/// <summary>One Chromium and the full synthetic candidate's report, rendered with the shipped template, for the whole class.</summary>
public sealed class PdfPrinterFixture : IAsyncLifetime
{
    public PdfPrinter Printer { get; private set; } = null!;
    public string Html { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var rendered = await ReportRenderer.RenderAsync(await ReportTemplates.ShippedTextAsync(), SyntheticCandidate.Full());
        Assert.True(rendered.Succeeded, string.Join("; ", rendered.Problems));
        Html = rendered.Html!;
        Printer = await PdfPrinter.LaunchAsync(new PdfPrinterOptions(), NullLogger.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Printer.DisposeAsync();
}

/// <summary>Reports printed by headless Chromium: text, page numbers, determinism, parallelism and a browser that dies.</summary>
public class PdfPrinterTests(PdfPrinterFixture fixture, ITestOutputHelper output) : IClassFixture<PdfPrinterFixture>
{
    private static readonly DateTimeOffset Moment = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(2));

    private Task<byte[]> PrintAsync() => fixture.Printer.PrintAsync(fixture.Html, Moment, CancellationToken.None);

    private static string Squeezed(string text) => Regex.Replace(text, @"\s+", "");

    private static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => Regex.Replace(ContentOrderTextExtractor.GetText(p), @"\s+", " "))];
    }

    [Fact]
    public async Task The_pdf_of_the_shipped_template_shows_every_hostile_string_as_text()
    {
        var pdf = await PrintAsync();

        // Line breaks and tabs of the strings, and the lines the layout made, are whitespace: compare without any.
        var text = Squeezed(string.Concat(PageTexts(pdf)));
        var missing = SyntheticCandidate.HostileStrings.Where(s => !text.Contains(Squeezed(s), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Not shown as text: " + string.Join(" | ", missing));
        // Shown as its own characters, the script element was text, not markup (and JavaScript is off anyway).
        Assert.Contains("<script>alert('x')</script>", text, StringComparison.Ordinal);

        // Nothing in the PDF can run or open anything: no JavaScript, no action on opening, no launch, and the only
        // link out is the participant's web link (javascript: links are shown as text by the report model).
        var raw = Encoding.Latin1.GetString(pdf);
        foreach (var name in new[] { "/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/SubmitForm", "/ImportData" })
        {
            Assert.DoesNotMatch(Regex.Escape(name) + @"\b", raw);
        }
        Assert.DoesNotContain("javascript:", raw, StringComparison.OrdinalIgnoreCase);
        using var document = PdfDocument.Open(pdf);
        var links = document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri).OfType<string>().Distinct().ToList();
        Assert.Equal(["https://exemple.be/?q=%3Cx%3E&y=%221%22"], links);
    }

    [Fact]
    public async Task The_pdf_has_page_numbers_from_the_print_stylesheet()
    {
        var pages = PageTexts(await PrintAsync());

        Assert.True(pages.Count > 1);
        Assert.All(pages.Select((text, i) => (text, i)), p => Assert.Contains($"Page {p.i + 1} / {pages.Count}", p.text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_prints_of_the_same_report_are_identical_bytes()
    {
        var first = await PrintAsync();
        // Skia dates its PDFs to the second: a print in another second would differ if the dates were not rewritten.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var second = await PrintAsync();

        Assert.Equal(first, second);
        using var document = PdfDocument.Open(second);
        Assert.Equal(Moment, document.Information.GetCreatedDateTimeOffset());
        Assert.Equal(Moment, document.Information.GetModifiedDateTimeOffset());
    }

    [Fact]
    public async Task A_dead_browser_is_launched_again_and_the_report_still_prints()
    {
        await using var printer = await PdfPrinter.LaunchAsync(new PdfPrinterOptions { Parallelism = 1 }, NullLogger.Instance, CancellationToken.None);
        var before = await printer.PrintAsync(fixture.Html, Moment, CancellationToken.None);
        var pid = await printer.BrowserProcessIdAsync();

        using (var chromium = Process.GetProcessById(pid))
        {
            chromium.Kill();
            await chromium.WaitForExitAsync();
        }
        var after = await printer.PrintAsync(fixture.Html, Moment, CancellationToken.None);

        Assert.Equal(before, after);
        Assert.NotEqual(pid, await printer.BrowserProcessIdAsync());
    }

    [Fact]
    public async Task Reports_print_in_parallel_up_to_the_number_of_cores()
    {
        Assert.Equal(Environment.ProcessorCount, fixture.Printer.Parallelism);
        var single = await PrintAsync();
        var clock = Stopwatch.StartNew();
        var one = await PrintAsync();
        var alone = clock.Elapsed;

        const int Reports = 8;
        clock.Restart();
        var all = await Task.WhenAll(Enumerable.Range(0, Reports).Select(_ => Task.Run(PrintAsync)));
        var together = clock.Elapsed;

        Assert.All(all, pdf => Assert.Equal(single, pdf));
        output.WriteLine($"One report ({single.Length / 1024} KB, {PageTexts(one).Count} pages) alone: {alone.TotalMilliseconds:0} ms; " +
            $"{Reports} at once with parallelism {fixture.Printer.Parallelism}: {together.TotalMilliseconds:0} ms, {Reports / together.TotalSeconds:0.0} reports per second.");
    }

    [Fact]
    public async Task A_missing_browser_is_reported_with_a_clear_message()
    {
        var options = new PdfPrinterOptions { ExecutablePath = "/nulle-part/chromium" };

        var e = await Assert.ThrowsAsync<PdfPrinterUnavailableException>(() => PdfPrinter.LaunchAsync(options, NullLogger.Instance, CancellationToken.None));

        Assert.StartsWith("Le navigateur Chromium nécessaire aux PDF est introuvable (/nulle-part/chromium)", e.Message, StringComparison.Ordinal);
    }
}
