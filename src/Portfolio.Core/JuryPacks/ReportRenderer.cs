using System.Reflection;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Submissions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Portfolio.Core.JuryPacks;

/// <summary>A problem of a template, where the coordinator can find it (1-based line and column; 0 when it has no place).</summary>
public sealed record TemplateProblem(int Line, int Column, string Message);

/// <summary>The whole document, or the problems that stopped it: never a part of a document.</summary>
public sealed record RenderResult(string? Html, IReadOnlyList<TemplateProblem> Problems)
{
    public bool Succeeded => Html is not null;
}

/// <summary>
/// Renders a coordinator's report template against one <see cref="CandidateReport"/>, sandboxed: the template is parsed
/// alone, a new <see cref="TemplateContext"/> is made for each render, the only global is <c>report</c> (a flat,
/// pre-encoded model), there is no template loader (<c>include</c> fails), unknown names are errors, and the limits below
/// stop a runaway template with a message instead of taking the server with it. An output that would be cut is an error,
/// never a silent "...".
/// </summary>
public static class ReportRenderer
{
    /// <summary>A template is text a person writes: 200,000 characters is ten times the shipped one.</summary>
    public const int MaxTemplateLength = 200_000;

    /// <summary>
    /// Scriban counts iterations across a whole nest of loops. The largest real portfolio we plan for (22 objectives, 3
    /// campaigns, 300 evidence items with their tags, links and files, 5 leadership competencies and 3 axes listing their
    /// evidence) walks ~5,000 elements; a template that crosses every objective with every evidence item walks 6,600 per
    /// pass. 250,000 leaves room for several such passes, and an endless loop reaches it in well under a second.
    /// </summary>
    public const int LoopLimit = 250_000;

    /// <summary>The model is three levels deep; a template's own functions need little depth. Deeper is a runaway recursion.</summary>
    public const int RecursiveLimit = 50;

    /// <summary>
    /// Characters of output (and of any single value). The large portfolio renders to ~3 MB (300 items with ~5 KB of text
    /// each, the report and justifications); 16 Mi characters is five times that and still a bound on memory.
    /// </summary>
    public const int OutputLimit = 16 * 1024 * 1024;

    /// <summary>The large portfolio renders in well under a second; thirty seconds is a template doing something wrong.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>The model's name in templates: <c>{{ report.Candidate }}</c>.</summary>
    public const string ModelName = "report";

    /// <summary>Parses a template; problems of syntax come with their line and column.</summary>
    public static (Template? Template, IReadOnlyList<TemplateProblem> Problems) Parse(string text)
    {
        if (text.Length > MaxTemplateLength)
        {
            return (null, [new TemplateProblem(0, 0, $"Le modèle compte {text.Length} caractères ; il en compte au plus {MaxTemplateLength}.")]);
        }
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var (line, column) = Where(text, nul);
            return (null, [new TemplateProblem(line, column, "Le modèle contient un caractère nul (U+0000), qui ne peut pas être enregistré.")]);
        }
        var template = Template.Parse(text, "modele");
        if (template.HasErrors)
        {
            return (null, [.. template.Messages.Select(m => new TemplateProblem(m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message))]);
        }
        return (template, []);
    }

    /// <summary>The one entry point: renders <paramref name="templateText"/> for one candidate.</summary>
    public static async Task<RenderResult> RenderAsync(string templateText, CandidateReport model, TimeSpan? timeLimit = null, CancellationToken cancellationToken = default)
    {
        var (template, problems) = Parse(templateText);
        if (template is null)
        {
            return new RenderResult(null, problems);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = timeLimit ?? TimeLimit;
        timeout.CancelAfter(limit);
        var context = new TemplateContext
        {
            // The template uses the C# names (report.Candidate), not Scriban's default snake_case.
            MemberRenamer = member => member.Name,
            StrictVariables = true,
            // A misspelt member (report.Nom) is an error too, not an empty string.
            EnableRelaxedMemberAccess = false,
            TemplateLoader = null,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            LimitToString = OutputLimit,
            OutputLimit = OutputLimit,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            CancellationToken = timeout.Token,
        };
        var globals = new ScriptObject();
        globals.SetValue(ModelName, model, readOnly: true);
        context.PushGlobal(globals);
        try
        {
            // Rendered on a worker thread so that the time limit holds even where Scriban does not check the token (a
            // plain for loop does not): the wait gives up at the limit, and a render that ended past it is refused too.
            // The clock, not the timers, decides the latter: on a busy machine a timer can fire after the render ended.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var html = await Task.Run(() => template.RenderAsync(context).AsTask(), CancellationToken.None).WaitAsync(limit, cancellationToken);
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException();
            }
            return new RenderResult(html, []);
        }
        catch (Exception e) when (e is ScriptAbortException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return new RenderResult(null, [new TemplateProblem(0, 0, $"Le rendu a été arrêté après {limit.TotalSeconds:0.###} secondes : le modèle tourne-t-il sans fin ?")]);
        }
        catch (ScriptRuntimeException e)
        {
            return new RenderResult(null, [new TemplateProblem(e.Span.Start.Line + 1, e.Span.Start.Column + 1, Explain(e.OriginalMessage))]);
        }
    }

    private static string Explain(string message)
    {
        if (message.Contains("iteration limit", StringComparison.OrdinalIgnoreCase))
        {
            return $"Le modèle dépasse {LoopLimit} passages dans ses boucles : une boucle sans fin ? ({message})";
        }
        if (message.Contains("recursive", StringComparison.OrdinalIgnoreCase))
        {
            return $"Le modèle dépasse {RecursiveLimit} appels imbriqués : une récursion sans fin ? ({message})";
        }
        if (message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return $"Le document dépasserait {OutputLimit} caractères : il n'est pas produit plutôt que d'être coupé. ({message})";
        }
        return message;
    }

    private static (int Line, int Column) Where(string text, int index)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }
        return (line, index - start + 1);
    }

    /// <summary>Checks a template before it is saved: it must render both synthetic candidates (every field and list filled, then every list empty).</summary>
    public static async Task<IReadOnlyList<TemplateProblem>> CheckAsync(string templateText, CancellationToken cancellationToken = default)
    {
        foreach (var model in new[] { SyntheticCandidate.Full(), SyntheticCandidate.Empty() })
        {
            var result = await RenderAsync(templateText, model, cancellationToken: cancellationToken);
            if (!result.Succeeded)
            {
                return result.Problems;
            }
        }
        return [];
    }

    /// <summary>One field a template can use, derived from <see cref="CandidateReport"/> itself so that the list cannot drift from the model.</summary>
    public sealed record Field(string Path, string Kind);

    private static readonly Lazy<IReadOnlyList<Field>> FieldList = new(() => [.. FieldsOf(typeof(CandidateReport), ModelName)]);

    public static IReadOnlyList<Field> Fields => FieldList.Value;

    private static IEnumerable<Field> FieldsOf(Type type, string prefix)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken))
        {
            var path = $"{prefix}.{p.Name}";
            var t = p.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
            if (element is not null)
            {
                yield return new Field(path, element == typeof(string) ? "list-text" : "list");
                if (element != typeof(string))
                {
                    foreach (var f in FieldsOf(element, path + "[]"))
                    {
                        yield return f;
                    }
                }
            }
            else if (t == typeof(string))
            {
                yield return new Field(path, p.Name.EndsWith("Html", StringComparison.Ordinal) ? "html" : "text");
            }
            else if (t == typeof(bool))
            {
                yield return new Field(path, "bool");
            }
            else if (t == typeof(int))
            {
                yield return new Field(path, "number");
            }
            else
            {
                yield return new Field(path, "object");
                foreach (var f in FieldsOf(t, path))
                {
                    yield return f;
                }
            }
        }
    }
}

/// <summary>
/// The candidates a template is checked against before it is saved: every field and list filled with text that tries to
/// break things (formula starters, numbers and dates as text, quotes, line breaks, markup), then every list empty.
/// </summary>
public static class SyntheticCandidate
{
    public static readonly IReadOnlyList<string> HostileStrings =
    [
        "=1+2", "+33 6 12 34 56 78", "-42", "@SUM(A1)", "\tTabulé", "0042", "1e5", "12,50", "2024-01-31", "31/01/2024", "TRUE",
        "L'équipe \"projet\" & co", "Ligne 1\nLigne 2\r\nLigne 3", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
        "{{ report.Candidate }}", "Ünïcödé — ✓ 𝄞", "javascript:alert(1)",
    ];

    private static string Hostile(int i) => HostileStrings[i % HostileStrings.Count];

    public static ReportFramework Framework { get; } = new("Référentiel « synthétique » <b>", "Pilier",
        [new("P1", "Pilier <un>", [("1.1", "Objectif \"un\""), ("1.2", "=Objectif deux")]), new("P2", "Pilier & deux", [("2.1", "Objectif trois")])],
        ["Axe <numérique>", "Axe éthique"]);

    public static CandidateReport Full() => CandidateReportBuilder.Build(new CandidateReportSource("01", Snapshot(full: true), 2,
        new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), new DateOnly(2025, 9, 1), new DateOnly(2026, 6, 30), Framework,
        new CollectiveReportSource(Hostile(11), Hostile(13), [Hostile(0), Hostile(2)], "rapport <collectif>.pdf", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero))));

    public static CandidateReport Empty() => CandidateReportBuilder.Build(new CandidateReportSource("02", Snapshot(full: false), 1,
        new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero), new DateOnly(2025, 9, 1), new DateOnly(2026, 6, 30),
        new ReportFramework("Référentiel", "Pilier", [], []), null));

    private static SnapshotDocument Snapshot(bool full)
    {
        if (!full)
        {
            return new SnapshotDocument(SnapshotDocument.CurrentFormat, Hostile(13), Hostile(3), Hostile(11), [], [], [], [],
                new SnapshotReport(new SnapshotFile(Guid.Empty, "rapport <final>.pdf", 1234), []));
        }
        var objectives = Framework.Pillars.SelectMany(p => p.Objectives).ToList();
        SnapshotCampaign Campaign(int n) => new(Hostile(n) + $" {n}", new DateOnly(2025, 10 + n, 1), new DateOnly(2025, 10 + n, 20),
            [.. objectives.Select((o, i) => new SnapshotAssessment(o.Code, o.Title, false, 1 + n + (i % 2), Hostile(i + n), Hostile(i + 7 * n))),
             new SnapshotAssessment("9.9", "Objectif retiré <du> référentiel", false, 2, "Niveau", Hostile(5)),
             new SnapshotAssessment("L1", Hostile(9), true, 2 + n, "Niveau <b>", Hostile(12)),
             new SnapshotAssessment("L2", Hostile(10), true, null, null, "")]);
        var evidence = Enumerable.Range(0, HostileStrings.Count).Select(i => new SnapshotEvidence(100 + i, Hostile(i), new DateOnly(2026, 1, 1).AddDays(i),
            (EvidenceKind)(i % 8), Hostile(i + 1), Hostile(i + 2),
            [$"{objectives[i % objectives.Count].Code} — {objectives[i % objectives.Count].Title}", "9.9 — Objectif retiré <du> référentiel"],
            [Framework.Axes[i % Framework.Axes.Count]],
            [new EvidenceLink("https://exemple.be/?q=<x>&y=\"1\"", Hostile(i)), new EvidenceLink("javascript:alert(1)", "")],
            [new SnapshotFile(Guid.Empty, Hostile(i) + ".pdf", 1000 + i)])).ToList();
        return new SnapshotDocument(SnapshotDocument.CurrentFormat, Hostile(11), Hostile(3), Hostile(13), [Campaign(0), Campaign(1), Campaign(2)], evidence,
            [.. Enumerable.Range(0, 3).Select(i => new SnapshotReflection(200 + i, new DateOnly(2026, 2, 1).AddDays(i), Hostile(i + 4), Hostile(i + 12)))],
            [.. Enumerable.Range(0, 3).Select(i => new SnapshotFeedback(Hostile(i + 11), new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddDays(i),
                Hostile(i), Hostile(i + 1), Hostile(i + 2), Hostile(i + 3)))],
            new SnapshotReport(null, [.. Enumerable.Range(0, 3).Select(i => new SnapshotSection($"s{i}", Hostile(i + 5), Hostile(i + 12), 120 + i,
                [new SnapshotCitation(100 + i, Hostile(i)), new SnapshotCitation(999, "Preuve absente du dépôt")]))]));
    }
}
