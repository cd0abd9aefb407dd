using System.Text.RegularExpressions;
using System.Xml.Linq;

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
}
