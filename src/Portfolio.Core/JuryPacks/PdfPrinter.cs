using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Portfolio.Core.JuryPacks;

public sealed record PdfPrinterOptions
{
    /// <summary>Debian's Chromium; PORTFOLIO_CHROMIUM (the variable the end-to-end tests honour too) may name another build.</summary>
    public string ExecutablePath { get; init; } =
        Environment.GetEnvironmentVariable("PORTFOLIO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Prints at once: each one keeps a core busy (layout, then Skia), so more only queue inside Chromium.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>The PDFs cannot be made: the job tells the coordinator this message rather than a stack trace.</summary>
public sealed class PdfPrinterUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Turns self-contained report HTML into PDF with headless Chromium: one browser for a job, a fresh browser context for
/// each report (no state, cookie or cache leaks from one candidate's report into another's), at most
/// <see cref="Parallelism"/> prints at once, and a browser that died is launched again. The same HTML and moment give the
/// same bytes (see <see cref="PdfDeterminism"/>).
/// </summary>
public sealed class PdfPrinter : IAsyncDisposable
{
    // No GPU, sandbox or background services in a server's headless browser; nothing but the report reaches the network
    // (the routes below refuse every request anyway).
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly PdfPrinterOptions options;
    private readonly ILogger logger;
    private readonly IPlaywright playwright;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim relaunching = new(1, 1);
    private Browser browser;

    /// <summary>A launched Chromium and a task that ends when Playwright loses it (crash, kill, closed).</summary>
    private sealed record Browser(IBrowser Instance, Task Gone);

    /// <summary>How long a failed print waits for Playwright to report that the browser is gone, if it died.</summary>
    private static readonly TimeSpan DeathNotice = TimeSpan.FromSeconds(5);

    private PdfPrinter(PdfPrinterOptions options, ILogger logger, IPlaywright playwright, Browser browser)
    {
        this.options = options;
        this.logger = logger;
        this.playwright = playwright;
        this.browser = browser;
        Parallelism = options.Parallelism;
        slots = new SemaphoreSlim(Parallelism, Parallelism);
    }

    public int Parallelism { get; }

    /// <summary>Starts the browser; a missing or broken Chromium is a <see cref="PdfPrinterUnavailableException"/>.</summary>
    public static async Task<PdfPrinter> LaunchAsync(PdfPrinterOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        if (!File.Exists(options.ExecutablePath))
        {
            throw new PdfPrinterUnavailableException(
                $"Le navigateur Chromium nécessaire aux PDF est introuvable ({options.ExecutablePath}). Installez-le (apt-get install chromium) " +
                "ou indiquez son chemin dans la variable PORTFOLIO_CHROMIUM.");
        }
        var playwright = await Playwright.CreateAsync().WaitAsync(cancellationToken);
        try
        {
            var browser = await LaunchBrowserAsync(playwright, options).WaitAsync(cancellationToken);
            return new PdfPrinter(options, logger, playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static async Task<Browser> LaunchBrowserAsync(IPlaywright playwright, PdfPrinterOptions options)
    {
        try
        {
            var instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ExecutablePath,
                Headless = true,
                Args = ChromiumArgs,
            });
            var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            instance.Disconnected += (_, _) => gone.TrySetResult();
            return new Browser(instance, gone.Task);
        }
        catch (PlaywrightException e)
        {
            throw new PdfPrinterUnavailableException(
                $"Le navigateur Chromium nécessaire aux PDF ({options.ExecutablePath}) n'a pas pu être lancé : {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>
    /// Prints one self-contained HTML document, A4 unless its own <c>@page</c> rules say otherwise, with backgrounds, never
    /// running JavaScript and refusing every request but <c>data:</c> URIs. <paramref name="moment"/> is written as the
    /// PDF's creation and modification dates. If the browser died, it is launched again once and the print retried.
    /// </summary>
    public async Task<byte[]> PrintAsync(string html, DateTimeOffset moment, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            var current = browser;
            byte[] pdf;
            try
            {
                pdf = await PrintOnceAsync(current, html, cancellationToken);
            }
            catch (PlaywrightException e) when (!cancellationToken.IsCancellationRequested)
            {
                // The error of a print can reach us before Playwright's notice that the browser process is gone.
                if (!await DiedAsync(current))
                {
                    throw;
                }
                logger.LogWarning(e, "Chromium stopped during a print; launching it again and printing once more");
                pdf = await PrintOnceAsync(await RelaunchAsync(current, cancellationToken), html, cancellationToken);
            }
            return PdfDeterminism.Stamp(pdf, moment);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<bool> DiedAsync(Browser browser) =>
        await Task.WhenAny(browser.Gone, Task.Delay(DeathNotice)) == browser.Gone;

    /// <summary>Replaces <paramref name="dead"/> once, however many prints saw it die.</summary>
    private async Task<Browser> RelaunchAsync(Browser dead, CancellationToken cancellationToken)
    {
        await relaunching.WaitAsync(cancellationToken);
        try
        {
            if (browser == dead)
            {
                browser = await LaunchBrowserAsync(playwright, options);
            }
            return browser;
        }
        finally
        {
            relaunching.Release();
        }
    }

    private static async Task<byte[]> PrintOnceAsync(Browser browser, string html, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        // Closing the context ends whatever it is doing: that is how a cancelled job stops a long print.
        await using var cancel = cancellationToken.Register(() => _ = context.CloseAsync());
        try
        {
            // The report stands alone: an image, font or stylesheet from elsewhere would be a leak (a tracking pixel in
            // a participant's text) or a print that depends on the network. data: URIs need no request.
            await context.RouteAsync("**", route => route.Request.Url.StartsWith("data:", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
            var page = await context.NewPageAsync();
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
            return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
        }
        catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            await CloseQuietlyAsync(context);
        }
    }

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // The browser died with the context in it: nothing is left to close.
        }
    }

    /// <summary>The process id of the running browser, for tests that kill it.</summary>
    internal async Task<int> BrowserProcessIdAsync()
    {
        var session = await browser.Instance.NewBrowserCDPSessionAsync();
        var info = await session.SendAsync("SystemInfo.getProcessInfo");
        await session.DetachAsync();
        return info!.Value.GetProperty("processInfo").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "browser").Select(p => p.GetProperty("id").GetInt32()).Single();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await browser.Instance.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone.
        }
        playwright.Dispose();
        slots.Dispose();
        relaunching.Dispose();
    }
}
