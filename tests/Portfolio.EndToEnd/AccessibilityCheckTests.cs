using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portfolio.EndToEnd;

/// <summary>The accessibility check itself: it must fail, and say where, when a page has a serious problem.
/// Without this, an axe that silently did not run would let every journey pass.</summary>
public class AccessibilityCheckTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task A_serious_violation_fails_with_its_rule_help_and_element()
    {
        await Page.SetContentAsync("""
            <!DOCTYPE html>
            <html lang="fr"><head><title>Contrôle</title></head>
            <body><main><h1>Contrôle</h1><img id="sans-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<XunitException>(CheckAccessibilityAsync);
        Output.WriteLine(failure.Message);

        Assert.Contains("image-alt [critical]", failure.Message);
        Assert.Contains("Images must have alternative text", failure.Message);
        Assert.Contains("#sans-alt", failure.Message);
    }
}
