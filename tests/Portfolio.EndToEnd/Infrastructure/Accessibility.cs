using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Portfolio.EndToEnd.Infrastructure;

/// <summary>
/// axe-core (vendored in axe/axe.min.js) run on the page as the browser shows it: WCAG 2.0/2.1 A and AA plus axe's best
/// practices. Serious and critical violations fail the test with what a developer needs to find and fix them; moderate
/// and minor ones are written to the test output.
/// </summary>
public static class Accessibility
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
    private static readonly string[] Failing = ["serious", "critical"];
    private const int TargetsShown = 5;

    private static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    private const string Run = """
        async (tags) => {
          const result = await axe.run(document, { runOnly: tags });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact || 'unknown',
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({
              target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)).join(' '),
              html: n.html,
              summary: n.failureSummary || ''
            }))
          }));
        }
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page, ITestOutputHelper? output = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        }
        var result = await page.EvaluateAsync<JsonElement>(Run, Tags);
        var violations = result.EnumerateArray().Select(Violation.From).ToList();
        var where = $"{await page.TitleAsync()} <{page.Url}>";

        var failing = violations.Where(v => Failing.Contains(v.Impact)).ToList();
        var other = violations.Except(failing).ToList();
        if (output is not null)
        {
            output.WriteLine($"axe on {where}: {failing.Count} serious/critical, {other.Count} other violation(s)");
            foreach (var v in other)
            {
                output.WriteLine("  (not failing) " + Describe(v).Replace("\n", "\n  "));
            }
        }
        if (failing.Count > 0)
        {
            var message = new StringBuilder($"axe found {failing.Count} serious or critical accessibility violation(s) on {where}:\n");
            foreach (var v in failing)
            {
                message.Append(Describe(v)).Append('\n');
            }
            throw new XunitException(message.ToString());
        }
    }

    private static string Describe(Violation v)
    {
        var text = new StringBuilder($"- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})\n");
        foreach (var node in v.Nodes.Take(TargetsShown))
        {
            text.Append($"    at {node.Target}  {Shorten(node.Html)}\n");
            var firstHint = node.Summary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).FirstOrDefault();
            if (firstHint is not null)
            {
                text.Append($"      {firstHint}\n");
            }
        }
        if (v.Nodes.Length > TargetsShown)
        {
            text.Append($"    … and {v.Nodes.Length - TargetsShown} more element(s)\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string Shorten(string html)
    {
        var oneLine = string.Join(' ', html.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 160 ? oneLine : oneLine[..157] + "...";
    }

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, ViolationNode[] Nodes)
    {
        public static Violation From(JsonElement v) => new(
            Text(v, "id"), Text(v, "impact"), Text(v, "help"), Text(v, "helpUrl"),
            [.. v.GetProperty("nodes").EnumerateArray().Select(n => new ViolationNode(Text(n, "target"), Text(n, "html"), Text(n, "summary")))]);

        private static string Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
    }

    public sealed record ViolationNode(string Target, string Html, string Summary);
}
