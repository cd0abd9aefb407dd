using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portfolio.Core.Text;

namespace Portfolio.Tests.Platform;

/// <summary>Pages are localised as they are written: every French text the interface shows has its English.</summary>
public partial class LocalisationTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Portfolio.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"[,\]]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(""""(?:Display\(Name|ErrorMessage)\s*=\s*"((?:[^"\\]|\\.)+)"(?=[,)])"""")]
    private static partial Regex AnnotationText();

    [GeneratedRegex(""""new (?:DocumentProblem|RowProblem)\((?:[^",()]|"[^"]*")+,\s*"((?:[^"\\]|\\.)+)"(?=[,)])"""")]
    private static partial Regex ProblemMessage();

    [GeneratedRegex(""""Error\(nameof\(\w+\), "((?:[^"\\]|\\.)+)"(?=[,)])"""")]
    private static partial Regex IdentityMessage();

    [GeneratedRegex("""\] = "((?:[^"\\]|\\.)+)",""")]
    private static partial Regex RoleLabel();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""\.Plural\(""")]
    private static partial Regex PluralCall();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex StringLiteral();

    /// <summary>"preuve(s)", "travaux(x)": a plural squeezed into one word. Not http(s), nor code such as update(s) {.</summary>
    [GeneratedRegex(@"\b(?!http\()\p{Ll}+\((?:s|x|es)\)(?!\s*[{=?])")]
    private static partial Regex BracketPlural();

    /// <summary>Every form of <c>L.Plural(count, "{0} preuve", "{0} preuves", "aucune preuve")</c> is a key of its own.</summary>
    private static IEnumerable<string> PluralForms(string text)
    {
        foreach (Match call in PluralCall().Matches(text))
        {
            var end = ClosingParenthesis(text, call.Index + call.Length);
            foreach (Match literal in StringLiteral().Matches(text[(call.Index + call.Length)..end]))
            {
                yield return literal.Groups[1].Value;
            }
        }
    }

    private static int ClosingParenthesis(string text, int from)
    {
        var depth = 1;
        var inString = false;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') { i++; }
                else if (c == '"') { inString = false; }
            }
            else if (c == '"') { inString = true; }
            else if (c == '(') { depth++; }
            else if (c == ')' && --depth == 0) { return i; }
        }
        return text.Length;
    }

    private static IEnumerable<string> Keys()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/"));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            var patterns = new List<Regex> { LocalizerKey(), ProblemMessage() };
            if (file.Contains("/Pages/"))
            {
                patterns.Add(AnnotationText());
            }
            if (file.EndsWith("FrenchIdentityErrors.cs"))
            {
                patterns.Add(IdentityMessage());
            }
            if (file.EndsWith("RoleLabels.cs"))
            {
                patterns.Add(RoleLabel());
            }
            foreach (var form in PluralForms(text))
            {
                yield return Regex.Unescape(form);
            }
            foreach (var pattern in patterns)
            {
                foreach (Match m in pattern.Matches(text))
                {
                    yield return Regex.Unescape(m.Groups[1].Value);
                }
            }
        }
    }

    private static Dictionary<string, string> English() =>
        XDocument.Load(Path.Combine(Root, "src/Portfolio.Web/Resources/SharedResource.en.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Every_french_text_of_the_interface_has_its_english_translation()
    {
        var english = English();
        var keys = Keys().Distinct().ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} texts found: the scan is broken");
        var missing = keys.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "No English for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_keep_the_placeholders_of_the_french_text()
    {
        var wrong = English()
            .Where(e => !Placeholder().Matches(e.Key).Select(m => m.Value).Distinct().Order().SequenceEqual(Placeholder().Matches(e.Value).Select(m => m.Value).Distinct().Order()))
            .Select(e => $"{e.Key} → {e.Value}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Translation_keys_differ_by_more_than_case()
    {
        // The resource compiler keeps the first of two keys that differ only by case and drops the other with a mere
        // warning (MSB3568): "privée" hid "Privée", which English pages then showed in French.
        var clashes = XDocument.Load(Path.Combine(Root, "src/Portfolio.Web/Resources/SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!)
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only by case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void No_text_writes_a_plural_in_brackets()
    {
        var files = new[] { "src", "templates" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml") || f.EndsWith(".resx") || f.EndsWith(".scriban") || f.EndsWith(".js"))
                && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/lib/"));
        var found = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => BracketPlural().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Write a singular and a plural text (L.Plural) instead of:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Plural_forms_are_keys_of_their_own_in_both_languages()
    {
        var keys = PluralForms("""L.Plural(Model.Items.Count(), "{0} preuve", "{0} preuves", "aucune preuve")""").ToList();
        Assert.Equal(["{0} preuve", "{0} preuves", "aucune preuve"], keys);
        Assert.Equal("{0} preuve", PluralRule.Pick(0, "{0} preuve", "{0} preuves", culture: CultureInfo.GetCultureInfo("fr-BE")));
        Assert.Equal("{0} preuves", PluralRule.Pick(0, "{0} preuve", "{0} preuves", culture: CultureInfo.GetCultureInfo("en")));
        Assert.Equal("aucune preuve", PluralRule.Pick(0, "{0} preuve", "{0} preuves", "aucune preuve", CultureInfo.GetCultureInfo("en")));
        Assert.Equal("{0} preuve", PluralRule.Pick(1, "{0} preuve", "{0} preuves", "aucune preuve", CultureInfo.GetCultureInfo("en")));
        Assert.Equal("{0} preuves", PluralRule.Pick(3, "{0} preuve", "{0} preuves", "aucune preuve", CultureInfo.GetCultureInfo("fr-BE")));
    }

    [Fact]
    public void Dates_read_the_same_everywhere_in_brussels_time()
    {
        var french = CultureInfo.GetCultureInfo("fr-BE");
        var english = CultureInfo.GetCultureInfo("en");
        Assert.Equal("4 décembre 2026", Dates.Day(new DateOnly(2026, 12, 4), french));
        Assert.Equal("4 December 2026", Dates.Day(new DateOnly(2026, 12, 4), english));
        // 13:05 UTC is 14:05 in Brussels in winter; 23:30 UTC on 31 May is already 1 June there.
        Assert.Equal("4 décembre 2026 à 14:05", Dates.Moment(new DateTimeOffset(2026, 12, 4, 13, 5, 0, TimeSpan.Zero), french));
        Assert.Equal("4 December 2026 at 14:05", Dates.Moment(new DateTimeOffset(2026, 12, 4, 13, 5, 0, TimeSpan.Zero), english));
        Assert.Equal(new DateOnly(2026, 6, 1), Dates.InBrussels(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Pages_format_dates_through_one_helper()
    {
        // ToString("d"), ("D"), ("g"), ("f")... give "04/12/2026" on one page and "vendredi 4 décembre" on the next.
        var found = new[] { "src", "templates" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml") || f.EndsWith(".scriban")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => ShortDateFormat().IsMatch(l.Text) || l.Text.Contains("ToLocalTime()") || l.Text.Contains("ToShortDateString"))
            .Select(l => $"{Path.GetRelativePath(Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, "Use Dates.Day or Dates.Moment:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"ToString\(""[dDfFgGtT]""|:dd/MM|""dd/MM")]
    private static partial Regex ShortDateFormat();
}
