using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Cohorts;

/// <summary>
/// The programmes shipped as data (templates/programmes/&lt;code&gt;.json): code, title, the framework they follow and
/// the parts they use. `migrate` creates each one, or brings its title and framework up to date.
/// </summary>
public static class ProgrammeDescriptions
{
    /// <summary>One file read: null with the problems when it cannot describe a programme.</summary>
    public sealed record Description(string Code, string Title, string Framework, ProgrammeComponents Components);

    public static (Description? Description, IReadOnlyList<string> Problems) Read(string json)
    {
        var problems = new List<string>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return (null, [$"not JSON: {e.Message}"]);
        }
        // Read node by node, so that every problem of the file is listed at once.
        string Text(string name)
        {
            if (root?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }
            problems.Add($"$.{name}: a non-empty string is required");
            return "";
        }
        var code = Text("code");
        if (code.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z0-9][a-z0-9-]{1,63}$"))
        {
            problems.Add("$.code: lower-case letters, digits and dashes only (2 to 64)");
        }
        var title = Text("title");
        if (title.Length > 200)
        {
            problems.Add("$.title: at most 200 characters");
        }
        var framework = Text("framework");
        var components = ProgrammeComponents.None;
        if (root?["components"] is JsonArray names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] is JsonValue v && v.TryGetValue<string>(out var name) && ProgrammeComponentNames.TryParse(name, out var component))
                {
                    components |= component;
                }
                else
                {
                    problems.Add($"$.components[{i}]: not one of {string.Join(", ", ProgrammeComponentNames.Each)}");
                }
            }
        }
        else
        {
            problems.Add("$.components: a list of component names is required");
        }
        return problems.Count > 0 ? (null, problems) : (new Description(code, title, framework, components), []);
    }

    /// <summary>
    /// Creates or updates every programme described in <paramref name="folder"/>; one line per file for the log. A
    /// programme whose framework is not loaded is skipped with a line saying so (its framework may come with a later
    /// release); an invalid file stops the load, as a shipped framework does, since it is our own mistake.
    /// On an existing programme the title and framework follow the file, while the components stay as set on the
    /// programme page: a coordinator's choice is not undone by the next `migrate` (a difference is reported).
    /// </summary>
    public static async Task<IReadOnlyList<string>> LoadShippedAsync(PortfolioDb db, string folder, CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        if (!Directory.Exists(folder))
        {
            return lines;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var (description, problems) = Read(await File.ReadAllTextAsync(file, cancellationToken));
            if (description is null)
            {
                throw new InvalidOperationException($"The shipped programme {file} is invalid:\n" + string.Join("\n", problems));
            }
            if (Path.GetFileNameWithoutExtension(file) != description.Code)
            {
                throw new InvalidOperationException($"The shipped programme {file} describes the code \"{description.Code}\": name the file {description.Code}.json");
            }
            if (!await db.Frameworks.AnyAsync(f => f.Code == description.Framework, cancellationToken))
            {
                lines.Add($"{description.Code}: skipped, its framework \"{description.Framework}\" is not loaded (templates/frameworks/{description.Framework}.json)");
                continue;
            }
            var programme = await db.Programmes.SingleOrDefaultAsync(p => p.Code == description.Code, cancellationToken);
            if (programme is null)
            {
                programme = new Programme(description.Code, description.Title, description.Components);
                programme.Describe(description.Title, description.Framework, description.Components);
                db.Programmes.Add(programme);
                await db.SaveChangesAsync(cancellationToken);
                lines.Add($"{description.Code}: created ({ProgrammeComponentNames.Describe(description.Components)})");
                continue;
            }
            var changed = programme.Title != description.Title || programme.FrameworkCode != description.Framework;
            programme.Describe(description.Title, description.Framework, programme.Components);
            await db.SaveChangesAsync(cancellationToken);
            var line = $"{description.Code}: {(changed ? "updated" : "unchanged")}";
            if (programme.Components != description.Components)
            {
                line += $"; components kept as set on the programme page ({ProgrammeComponentNames.Describe(programme.Components)}), the file says ({ProgrammeComponentNames.Describe(description.Components)})";
            }
            lines.Add(line);
        }
        return lines;
    }
}
