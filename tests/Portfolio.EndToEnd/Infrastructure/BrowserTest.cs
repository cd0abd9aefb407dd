using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Portfolio.EndToEnd.Infrastructure;

/// <summary>
/// Base of the journeys: a clean database (roles and shipped frameworks only), then a fresh browser context and page.
/// Browser console errors and page errors go to the test output.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    public const string Password = "Test-password-2026";

    private IBrowserContext? context;
    private IPage? page;

    protected BrowserFixture Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;
    protected IPage Page => page ?? throw new InvalidOperationException("No page yet.");

    /// <summary>Whether the browser ignores the app's Content-Security-Policy, so that axe can be injected.</summary>
    protected virtual bool BypassContentSecurityPolicy => true;

    static BrowserTest()
    {
        // Two cores run the server, the browser and axe: give assertions a little more room than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        context = await Fixture.NewContextAsync(BypassContentSecurityPolicy);
        context.SetDefaultTimeout(30_000);
        page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Output.WriteLine($"browser {message.Type}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Output.WriteLine($"page error: {error}");
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs in through the real form, as whoever was signed in before leaves (their cookies are cleared).</summary>
    protected async Task SignInAsync(string email)
    {
        await Page.Context.ClearCookiesAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" })
            .GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    /// <summary>Runs axe on the page as it is now; fails on any serious or critical violation.</summary>
    protected Task CheckAccessibilityAsync() => Accessibility.AssertNoSeriousViolationsAsync(Page, Output);
}
