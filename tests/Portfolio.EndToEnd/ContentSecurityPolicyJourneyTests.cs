using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// The pages as a browser that enforces the Content-Security-Policy runs them: every script, chart and progress bar works,
/// and the browser reports no violation. (No axe here: it is injected as an inline script, which the policy refuses.)
/// </summary>
public sealed class ContentSecurityPolicyJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Email = "csp@exemple.be";
    private const string AdminEmail = "admin-csp@exemple.be";

    /// <summary>What the browser reported, from every page of the journey (console messages survive navigations).</summary>
    private readonly ConcurrentQueue<string> violations = new();

    protected override bool BypassContentSecurityPolicy => false;

    [Fact]
    public async Task The_participant_pages_run_under_the_content_security_policy_without_a_violation()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        var userId = await CreateUserAsync(Email, Roles.Participant);
        await Fixture.EnrolAsync(cohortId, userId);
        var objectives = await Fixture.ObjectivesAsync(cohortId);
        await Fixture.AddEvidenceAsync(userId, cohortId, "Note au collège", [objectives[0].Id], description: "Première ligne\n  seconde, en retrait");
        var page = Page;
        await WatchViolationsAsync();

        // The watch works, and the policy is enforced: a script slipped into the page is refused and reported.
        await page.GotoAsync("/Account/Login");
        await page.EvaluateAsync("""() => { const s = document.createElement("script"); s.textContent = "window.injected = true"; document.body.append(s); }""");
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"), "an inline script ran despite the policy");
        await WaitForAsync(() => violations.Any(v => v.Contains("script-src", StringComparison.Ordinal)), "the refused inline script was not reported");
        violations.Clear();

        await SignInAsync(Email);
        // Home: the campaign's progress bar gets its width from site.js, not from a style attribute.
        await page.GotoAsync("/Participant");
        await Expect(page.Locator("#campaign-completion")).ToHaveTextAsync("0 / 22 objectifs auto-évalués");
        Assert.Equal("0%", await page.Locator(".progress-bar[data-progress]").First.EvaluateAsync<string>("b => b.style.width"));

        // The matrix.
        await page.GotoAsync("/Participant/Matrix");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Matrice de compétences");
        await Expect(page.Locator("tr[data-objective='P1.1'] td").Nth(1)).ToHaveTextAsync("1");

        // The evidence: searched, opened, changed and saved (a form posted to the app itself).
        await page.GotoAsync("/Participant/Evidence");
        await page.GetByLabel("Rechercher dans les textes").FillAsync("collège");
        await page.GetByLabel("Rechercher dans les textes").PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("q=coll"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Note au collège" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Edit"));
        await page.GetByLabel("Réflexion", new() { Exact = true }).FillAsync("Écrite sous la politique de sécurité.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Écrite sous la politique de sécurité.");

        // The progression: Chart.js draws the chart.
        await page.GotoAsync("/Participant/Progression");
        var chart = page.Locator("canvas#pillar-chart");
        await Expect(chart).ToBeVisibleAsync();
        await WaitForAsync(() => chart.EvaluateAsync<bool>("""
            c => typeof Chart !== "undefined" && Chart.getChart(c) !== undefined
                && c.getContext("2d").getImageData(0, 0, c.width, c.height).data.some((value, i) => i % 4 === 3 && value > 0)
            """), "the progression chart was not drawn");

        // The export page follows its run with job-runs.js until the archive is ready.
        await page.GotoAsync("/Participant/Export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander une copie de mon portfolio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Télécharger") })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal("100%", await page.Locator(".progress-bar[data-progress]").First.EvaluateAsync<string>("b => b.style.width"));

        Assert.True(violations.IsEmpty, "the browser refused something under the Content-Security-Policy:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_admin_mailbox_and_the_job_dashboard_run_under_their_policies_without_a_violation()
    {
        await CreateUserAsync(AdminEmail, Roles.Admin);
        await WatchViolationsAsync();
        var page = Page;
        // A message for the mailbox: a password link the admin asks for.
        await page.GotoAsync("/Account/ForgotPassword");
        await page.GetByLabel("Adresse e-mail").FillAsync(AdminEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir un lien" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Si un compte existe pour cette adresse");

        await SignInAsync(AdminEmail);
        // The mailbox shows a message's HTML in a sandboxed frame, which inherits the page's policy.
        await page.GotoAsync("/Admin/Mailbox");
        var message = page.Locator(".mailbox > li").First;
        for (var attempt = 0; attempt < 30 && await message.CountAsync() == 0; attempt++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await message.GetByText("Version HTML").ClickAsync();
        await Expect(page.FrameLocator("iframe.mail-html").Locator("a[href*='/Account/']")).ToBeVisibleAsync();

        await page.GotoAsync("/hangfire");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Portfolio — tâches" })).ToBeVisibleAsync();
        // The realtime graph is drawn by the dashboard's scripts (Chart.js).
        var graph = page.Locator("canvas#realtimeGraph");
        await Expect(graph).ToBeVisibleAsync();
        await WaitForAsync(() => graph.EvaluateAsync<bool>(
            "c => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((value, i) => i % 4 === 3 && value > 0)"),
            "the dashboard's graph was not drawn");
        foreach (var screen in new[] { "/hangfire/jobs/enqueued", "/hangfire/jobs/succeeded", "/hangfire/recurring", "/hangfire/servers" })
        {
            await page.GotoAsync(screen);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }

        Assert.True(violations.IsEmpty, "the browser refused something on the dashboard:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Chromium writes each refusal to the console; the securitypolicyviolation event (listened to from an init script,
    /// which the policy does not govern) names the directive and what was blocked.
    /// </summary>
    private async Task WatchViolationsAsync()
    {
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("csp-violation", StringComparison.Ordinal))
            {
                violations.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        await Page.Context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
                console.error("csp-violation " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));
            """);
    }

    private static async Task WaitForAsync(Func<bool> condition, string failure) => await WaitForAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string failure)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail(failure);
    }

    private async Task<string> CreateUserAsync(string email, string role)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, "Camille", "Politique", "Ville de Liège");
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}
