using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Platform;

/// <summary>The Content-Security-Policy and the other protective headers, on every answer the app gives.</summary>
public partial class SecurityHeadersTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Every_page_answers_with_the_security_headers()
    {
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + RouteParameter().Replace(e.RoutePattern.RawText ?? "", m => m.Groups["int"].Success ? "1" : "x"))
            .Distinct()
            .ToList();
        Assert.True(routes.Count >= 20, $"only {routes.Count} pages found");
        // Static files, the health check, an unknown address (404 page) and a throttled-looking search answer too.
        var others = new[] { "/css/site.css", "/js/site.js", "/health", "/no-such-page", "/Error?status=500" };
        var anonymous = NewClient();
        var everyone = await SignedInClientAsync("everyone@example.be", Roles.Participant, Roles.Facilitator, Roles.Coordinator, Roles.JuryMember, Roles.Admin);

        var checkedResponses = 0;
        var missing = new List<string>();
        foreach (var url in routes.Concat(others))
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("signed in", everyone) })
            {
                var response = await client.GetAsync(url);
                checkedResponses++;
                var problems = Problems(response);
                if (problems.Count > 0)
                {
                    missing.Add($"{url} ({who}, {(int)response.StatusCode}): {string.Join("; ", problems)}");
                }
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {checkedResponses} responses lack a header:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Only_the_job_dashboard_allows_inline_styles()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);

        var dashboard = await admin.GetAsync("/hangfire");
        var adminPage = await admin.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Empty(Problems(dashboard));
        Assert.Equal(["'self'", "'unsafe-inline'"], Directives(dashboard)["style-src"]);
        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);
        Assert.Empty(Problems(adminPage));
        // Anywhere else, not even styles: the pages carry no style attribute.
        Assert.Equal(["'self'"], Directives(adminPage)["style-src"]);
    }

    [Fact]
    public void No_page_holds_an_inline_script_an_event_handler_or_a_style_attribute()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Portfolio.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Portfolio.sln not found above " + AppContext.BaseDirectory);
        }
        var pages = Directory.EnumerateFiles(Path.Combine(root.FullName, "src/Portfolio.Web/Pages"), "*.cshtml", SearchOption.AllDirectories).ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages found");

        // Whole files, not lines: a tag's attributes may span several lines.
        var found = pages
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .SelectMany(f => new[] { InlineScript(), EventHandlerAttribute(), StyleAttribute() }
                .SelectMany(r => r.Matches(f.Text))
                .Select(m => $"{Path.GetRelativePath(root.FullName, f.File)}:{f.Text[..m.Index].Count(c => c == '\n') + 1}: {m.Value.ReplaceLineEndings(" ")}"))
            .ToList();

        Assert.True(found.Count == 0,
            "The Content-Security-Policy refuses these: move scripts to wwwroot/js, handlers to addEventListener, styles to site.css:\n"
            + string.Join("\n", found));
    }

    /// <summary>What a response lacks or allows that it should not.</summary>
    private static List<string> Problems(HttpResponseMessage response)
    {
        var problems = new List<string>();
        if (!response.Headers.TryGetValues("Content-Security-Policy", out _))
        {
            problems.Add("no Content-Security-Policy");
        }
        else
        {
            var policy = Directives(response);
            foreach (var (directive, value) in new[]
            {
                ("frame-ancestors", "'none'"), ("object-src", "'none'"), ("base-uri", "'self'"), ("form-action", "'self'"), ("default-src", "'self'"),
            })
            {
                if (!policy.TryGetValue(directive, out var values) || !values.SequenceEqual([value]))
                {
                    problems.Add($"{directive} is not {value}");
                }
            }
            var scripts = policy.GetValueOrDefault("script-src") ?? policy["default-src"];
            if (scripts.Any(s => s is "'unsafe-inline'" or "'unsafe-eval'" or "*" or "data:" or "https:"))
            {
                problems.Add("script-src allows " + string.Join(' ', scripts));
            }
        }
        var permissions = Header(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
        {
            if (permissions?.Contains(feature) != true)
            {
                problems.Add($"Permissions-Policy lacks {feature}");
            }
        }
        if (Header(response, "X-Content-Type-Options") != "nosniff")
        {
            problems.Add("X-Content-Type-Options is not nosniff");
        }
        if (Header(response, "Referrer-Policy") is not ("same-origin" or "no-referrer" or "strict-origin-when-cross-origin"))
        {
            problems.Add("no Referrer-Policy");
        }
        return problems;
    }

    private static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy")!
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    [GeneratedRegex(@"\{\w+(?<int>:int)?\??\}")]
    private static partial Regex RouteParameter();

    /// <summary>A script element without src, except JSON data blocks (type="application/json"), which never run.</summary>
    [GeneratedRegex("""<script(?![^>]*\bsrc=)(?![^>]*type="application/json")""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<[a-z][^>]*\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("""<[a-z][^>]*\sstyle\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
