using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Tests.Infrastructure;

// One browser and one server for the whole assembly: the tests share them and their database, one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Portfolio.EndToEnd.Infrastructure;

/// <summary>
/// The real application served by Kestrel on a free loopback port, on its own database (portfolio_e2e, so that it can run
/// beside the integration tests), and a headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : PortfolioFactory
{
    /// <summary>Debian's Chromium; PORTFOLIO_CHROMIUM names another build (for instance Chrome on a GitHub runner).</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PORTFOLIO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public BrowserFixture() : base("portfolio_e2e")
    {
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:43817/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    public override async Task InitializeAsync()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        // The base recreates and migrates the database, then its first use of Services starts the (Kestrel) host.
        // Starting the host before the database is dropped WITH FORCE would leave killed connections in the pool.
        await base.InitializeAsync();
        StartServer();

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no address: is it Kestrel?");
        BaseAddress = new Uri(addresses.Single().TrimEnd('/') + "/");

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh browser profile (no cookies) in Belgian French, with relative URLs resolved against the server. axe-core
    /// is injected as an inline script, which the app's Content-Security-Policy refuses: journeys bypass the policy
    /// unless they test it (ContentSecurityPolicyJourneyTests).
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(bool bypassContentSecurityPolicy = true) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        Locale = "fr-BE",
        BaseURL = BaseAddress.ToString(),
        AcceptDownloads = true,
        BypassCSP = bypassContentSecurityPolicy,
    });

    public override async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
