using System.Diagnostics;
using AngleSharp.Html.Parser;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;
using Xunit.Abstractions;

namespace Portfolio.Tests.JuryPacks;

/// <summary>The sandboxed renderer of report templates, on the synthetic candidates and on a large made-up portfolio.</summary>
public class ReportRendererTests(ITestOutputHelper output)
{
    private static string Shipped => File.ReadAllText(ReportTemplates.ShippedPath);

    private static async Task<string> RenderAsync(string template, CandidateReport model)
    {
        var result = await ReportRenderer.RenderAsync(template, model);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Html!;
    }

    [Fact]
    public async Task The_shipped_template_passes_the_check_made_at_save()
    {
        Assert.Empty(await ReportRenderer.CheckAsync(Shipped));
    }

    [Fact]
    public async Task A_broken_template_shows_its_line_and_column()
    {
        var result = await ReportRenderer.RenderAsync("<h1>Rapport</h1>\n<p>{{ report.Candidate + }}</p>\n", SyntheticCandidate.Full());

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal(26, problem.Column);
    }

    [Theory]
    [InlineData("<p>{{ rapport.Candidate }}</p>", 1)]
    [InlineData("<p>\n{{ report.Nom }}</p>", 2)]
    // Only the candidate with every list filled reaches this one.
    [InlineData("{{ for e in report.Evidence }}\n{{ e.Titre }}{{ end }}", 2)]
    // Only the candidate whose report is a file reaches this one.
    [InlineData("{{ if report.Report.IsFile }}\n\n{{ report.Report.Fichier }}{{ end }}", 3)]
    public async Task An_unknown_variable_is_refused_at_save(string template, int line)
    {
        var problems = await ReportRenderer.CheckAsync(template);

        var problem = Assert.Single(problems);
        Assert.Equal(line, problem.Line);
        Assert.True(problem.Column > 0);
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", "boucles")]
    [InlineData("{{ for e in report.Evidence }}{{ for i in 1..100000 }}{{ end }}{{ end }}", "boucles")]
    [InlineData("{{ func f\n f\nend\nf }}", "appels")]
    public async Task A_template_with_an_endless_loop_is_stopped(string template, string says)
    {
        var watch = Stopwatch.StartNew();
        var result = await ReportRenderer.RenderAsync(template, SyntheticCandidate.Full());
        output.WriteLine($"stopped after {watch.ElapsedMilliseconds} ms: {string.Join("; ", result.Problems)}");

        Assert.False(result.Succeeded);
        Assert.Contains(says, Assert.Single(result.Problems).Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_template_running_past_the_time_limit_is_stopped_with_a_message()
    {
        var result = await ReportRenderer.RenderAsync("{{ for i in 1..200000 }}{{ report.Candidate | string.upcase }}{{ end }}", SyntheticCandidate.Full(),
            timeLimit: TimeSpan.FromMilliseconds(5));

        Assert.False(result.Succeeded);
        Assert.Contains("arrêté", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task An_output_cut_by_the_size_limit_is_an_error_not_a_shorter_document()
    {
        var result = await ReportRenderer.RenderAsync("{{ for i in 1..200000 }}{{ \"x\" | string.pad_right 100 }}{{ end }}", SyntheticCandidate.Full());

        Assert.False(result.Succeeded);
        Assert.Null(result.Html);
        Assert.Contains("caractères", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task A_template_cannot_include_another_file()
    {
        var result = await ReportRenderer.RenderAsync("{{ include '/etc/passwd' }}", SyntheticCandidate.Full());

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_template_with_a_nul_character_or_too_long_is_refused_with_a_message()
    {
        var nul = await ReportRenderer.CheckAsync("<p>a\n b\0</p>");
        Assert.Equal((2, 3), (Assert.Single(nul).Line, nul[0].Column));
        var huge = await ReportRenderer.CheckAsync(new string('x', ReportRenderer.MaxTemplateLength + 1));
        Assert.Contains("au plus", Assert.Single(huge).Message);
    }

    [Fact]
    public async Task Hostile_text_comes_back_as_the_same_text_and_inert_in_the_report()
    {
        var html = await RenderAsync(Shipped, SyntheticCandidate.Full());
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, img"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        var titles = document.QuerySelectorAll("article.evidence h3").Select(h => h.TextContent).ToList();
        Assert.Equal(SyntheticCandidate.HostileStrings, titles);
        Assert.Equal("L'équipe \"projet\" & co", document.QuerySelector("header.cover h1")!.TextContent);
        // Data that looks like a template stays text: it is never evaluated.
        Assert.Contains("{{ report.Candidate }}", document.Body!.TextContent);
    }

    [Fact]
    public async Task Two_renders_of_the_same_data_are_identical()
    {
        Assert.Equal(await RenderAsync(Shipped, SyntheticCandidate.Full()), await RenderAsync(Shipped, SyntheticCandidate.Full()));
    }

    [Fact]
    public void The_field_list_is_read_from_the_model()
    {
        var paths = ReportRenderer.Fields.Select(f => f.Path).ToList();

        Assert.Contains("report.Candidate", paths);
        Assert.Contains("report.Pillars[].Objectives[].Levels[].Text", paths);
        Assert.Contains("report.Report.Sections[].Citations[].Anchor", paths);
        Assert.Contains("report.Collective.Submitted", paths);
        Assert.Equal("html", ReportRenderer.Fields.Single(f => f.Path == "report.Evidence[].ReflectionHtml").Kind);
        Assert.Equal(paths.Count, paths.Distinct().Count());
    }

    [Fact]
    public async Task A_large_portfolio_renders_completely()
    {
        var model = LargeCandidate(objectives: 22, campaigns: 3, evidence: 300);
        var watch = Stopwatch.StartNew();
        var html = await RenderAsync(Shipped, model);
        output.WriteLine($"rendered {html.Length:N0} characters in {watch.ElapsedMilliseconds} ms");

        var document = new HtmlParser().ParseDocument(html);
        Assert.EndsWith("</html>\n", html.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(300, document.QuerySelectorAll("article.evidence").Length);
        Assert.Equal("Preuve 300", document.QuerySelectorAll("article.evidence h3").Last().TextContent);
        Assert.Equal(22, document.QuerySelectorAll("section.pillar h3").Length);
        var matrix = document.QuerySelector("section[aria-labelledby=matrice]")!.TextContent;
        Assert.True(matrix.Contains("1 → 3 (+2)", StringComparison.Ordinal), matrix[..Math.Min(2000, matrix.Length)]);
    }

    /// <summary>22 objectives in 6 pillars, each campaign assessing all with a justification; every item tagged to two objectives and an axis, with ~3 KB of text.</summary>
    public static CandidateReport LargeCandidate(int objectives, int campaigns, int evidence)
    {
        var pillars = Enumerable.Range(0, 6).Select(p => new ReportFramework.Pillar($"P{p + 1}", $"Pilier {p + 1}",
            [.. Enumerable.Range(0, objectives).Where(o => o % 6 == p).Select(o => ($"{p + 1}.{o + 1}", $"Objectif {o + 1}"))])).ToList();
        var all = pillars.SelectMany(p => p.Objectives).ToList();
        var framework = new ReportFramework("Référentiel", "Pilier", pillars, ["Numérique", "Éthique", "Durabilité"]);
        var paragraph = string.Concat(Enumerable.Repeat("Une phrase de réflexion sur la situation vécue et ce qu'elle m'a appris. ", 20));
        var snapshot = new SnapshotDocument(SnapshotDocument.CurrentFormat, "Camille Dupont", "Promotion 2025-2026", "Certificat",
            [.. Enumerable.Range(0, campaigns).Select(c => new SnapshotCampaign($"Campagne {c + 1}", new DateOnly(2025, 10, 1).AddMonths(3 * c), new DateOnly(2025, 10, 20).AddMonths(3 * c),
                [.. all.Select(o => new SnapshotAssessment(o.Code, o.Title, false, 1 + c, $"Niveau {1 + c}", paragraph)),
                 .. Enumerable.Range(1, 3).Select(l => new SnapshotAssessment($"L{l}", $"Leadership {l}", true, 1 + c, "Niveau", paragraph))]))],
            [.. Enumerable.Range(1, evidence).Select(i => new SnapshotEvidence(i, $"Preuve {i}", new DateOnly(2026, 1, 1).AddDays(i % 200), EvidenceKind.ProfessionalSituation,
                paragraph + paragraph, paragraph + paragraph,
                [$"{all[i % all.Count].Code} — {all[i % all.Count].Title}", $"{all[(i + 7) % all.Count].Code} — {all[(i + 7) % all.Count].Title}"],
                [framework.Axes[i % 3]], [new EvidenceLink("https://exemple.be/" + i, "")], [new SnapshotFile(Guid.Empty, $"piece-{i}.pdf", 1000)]))],
            [.. Enumerable.Range(1, 30).Select(i => new SnapshotReflection(1000 + i, new DateOnly(2026, 2, 1), $"Réflexion {i}", paragraph))],
            [.. Enumerable.Range(1, 12).Select(i => new SnapshotFeedback($"Pair {i}", DateTimeOffset.UnixEpoch.AddDays(20000 + i), "Question ?", paragraph, paragraph, paragraph))],
            new SnapshotReport(null, [.. Enumerable.Range(1, 6).Select(s => new SnapshotSection($"s{s}", $"Section {s}", string.Concat(Enumerable.Repeat(paragraph, 15)), 3000,
                [.. Enumerable.Range(1, 10).Select(c => new SnapshotCitation(c * s, $"Preuve {c * s}"))]))]));
        return CandidateReportBuilder.Build(new CandidateReportSource("07", snapshot, 1, DateTimeOffset.UnixEpoch.AddDays(20600), new DateOnly(2025, 9, 1), new DateOnly(2026, 6, 30),
            framework, new CollectiveReportSource("Groupe A", "SPF Mobilité", ["Camille Dupont", "Lou Martin"], "rapport.pdf", DateTimeOffset.UnixEpoch.AddDays(20590))));
    }
}
