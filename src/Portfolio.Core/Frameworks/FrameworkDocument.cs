using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Portfolio.Core.Frameworks;

/// <summary>
/// The framework's public JSON format (documented in the README). Every member is nullable so that a bad document
/// still reads and <see cref="Validate"/> can list every problem with its path, instead of stopping at the first.
/// </summary>
public sealed partial class FrameworkDocument
{
    public string? Code { get; init; }
    public int? Version { get; init; }
    public string? Title { get; init; }
    public string? Language { get; init; }
    public string? PillarLabel { get; init; }
    public List<ScaleLevelEntry>? Scale { get; init; }
    public List<PillarEntry>? Pillars { get; init; }
    public List<AxisEntry>? Axes { get; init; }
    public List<LeadershipCompetencyEntry>? LeadershipCompetencies { get; init; }
    public CaseStudyEntry? CaseStudy { get; init; }

    public sealed class ScaleLevelEntry
    {
        public int? Value { get; init; }
        public string? Label { get; init; }
        public string? Description { get; init; }
    }

    public sealed class PillarEntry
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
        public List<ObjectiveEntry>? Objectives { get; init; }
    }

    public sealed class ObjectiveEntry
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
        public List<OutcomeEntry>? Outcomes { get; init; }
    }

    public sealed class OutcomeEntry
    {
        public string? Code { get; init; }
        public string? Text { get; init; }
    }

    public sealed class AxisEntry
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
        public string? Description { get; init; }
    }

    public sealed class LeadershipCompetencyEntry
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
        public string? AfterPillar { get; init; }
    }

    public sealed class CaseStudyEntry
    {
        public string? Title { get; init; }
        public string? Description { get; init; }
        public List<OutcomeEntry>? Outcomes { get; init; }
    }

    /// <summary>The scale used when a document gives none: four levels, from discovery to mastery shared with others.</summary>
    public static readonly IReadOnlyList<ScaleLevelEntry> DefaultScale =
    [
        new() { Value = 1, Label = "Débutant", Description = "Je découvre cette compétence et j'ai besoin d'être guidé·e pour la mettre en oeuvre." },
        new() { Value = 2, Label = "En développement", Description = "Je mets en oeuvre cette compétence dans des situations simples ou avec un soutien ponctuel." },
        new() { Value = 3, Label = "Maîtrisé", Description = "Je mets en oeuvre cette compétence de manière autonome et adaptée dans la plupart des situations." },
        new() { Value = 4, Label = "Expert", Description = "Je mobilise cette compétence dans des situations complexes et j'accompagne les autres dans son développement." },
    ];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The export is a JSON file, never inlined in HTML: accents and apostrophes stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Reads and validates a document; on any problem the document is null and every problem is listed.</summary>
    public static (FrameworkDocument? Document, IReadOnlyList<DocumentProblem> Problems) Read(string json)
    {
        FrameworkDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<FrameworkDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            return (null, [e.LineNumber is { } line
                ? new DocumentProblem(path, "Le fichier n'est pas un JSON valide, ou une valeur n'a pas le bon type (ligne {0}, position {1}).", line + 1, (e.BytePositionInLine ?? 0) + 1)
                : new DocumentProblem(path, "Le fichier n'est pas un JSON valide.")]);
        }
        if (document is null)
        {
            return (null, [new DocumentProblem("$", "Le document est vide.")]);
        }
        var problems = document.Validate();
        return problems.Count == 0 ? (document, problems) : (null, problems);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex FrameworkCodePattern();

    /// <summary>Every problem of the document, each with its JSON path (for instance <c>$.pillars[1].objectives[0].title</c>).</summary>
    public IReadOnlyList<DocumentProblem> Validate()
    {
        var problems = new List<DocumentProblem>();
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);

        void Required(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
            }
        }

        void UniqueCode(string? value, string path)
        {
            Required(value, path);
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }
            if (codes.TryGetValue(value, out var first))
            {
                problems.Add(new DocumentProblem(path, "Le code « {0} » est déjà utilisé en {1}.", value, first));
            }
            else
            {
                codes[value] = path;
            }
        }

        Required(Code, "$.code");
        if (!string.IsNullOrWhiteSpace(Code) && !FrameworkCodePattern().IsMatch(Code))
        {
            problems.Add(new DocumentProblem("$.code", "Le code « {0} » doit contenir uniquement des minuscules, des chiffres et des tirets.", Code));
        }
        if (Version is null)
        {
            problems.Add(new DocumentProblem("$.version", "Valeur obligatoire manquante ou vide."));
        }
        else if (Version < 1)
        {
            problems.Add(new DocumentProblem("$.version", "La version doit être un entier positif."));
        }
        Required(Title, "$.title");
        Required(Language, "$.language");
        Required(PillarLabel, "$.pillarLabel");

        if (Scale is not null)
        {
            if (Scale.Count < 2)
            {
                problems.Add(new DocumentProblem("$.scale", "L'échelle doit compter au moins deux niveaux."));
            }
            var values = new HashSet<int>();
            for (var i = 0; i < Scale.Count; i++)
            {
                var path = $"$.scale[{i}]";
                if (Scale[i] is not { } level)
                {
                    problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                    continue;
                }
                if (level.Value is not { } value)
                {
                    problems.Add(new DocumentProblem(path + ".value", "Valeur obligatoire manquante ou vide."));
                }
                else if (!values.Add(value))
                {
                    problems.Add(new DocumentProblem(path + ".value", "Le niveau {0} figure deux fois dans l'échelle.", value));
                }
                Required(level.Label, path + ".label");
            }
        }

        if (Pillars is null || Pillars.Count == 0)
        {
            problems.Add(new DocumentProblem("$.pillars", "Le référentiel doit compter au moins un pilier."));
        }
        for (var i = 0; i < (Pillars?.Count ?? 0); i++)
        {
            var path = $"$.pillars[{i}]";
            if (Pillars![i] is not { } pillar)
            {
                problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                continue;
            }
            UniqueCode(pillar.Code, path + ".code");
            Required(pillar.Title, path + ".title");
            if (pillar.Objectives is null || pillar.Objectives.Count == 0)
            {
                problems.Add(new DocumentProblem(path + ".objectives", "Chaque pilier doit compter au moins un objectif."));
            }
            for (var j = 0; j < (pillar.Objectives?.Count ?? 0); j++)
            {
                var objectivePath = $"{path}.objectives[{j}]";
                if (pillar.Objectives![j] is not { } objective)
                {
                    problems.Add(new DocumentProblem(objectivePath, "Valeur obligatoire manquante ou vide."));
                    continue;
                }
                UniqueCode(objective.Code, objectivePath + ".code");
                Required(objective.Title, objectivePath + ".title");
                Outcomes(objective.Outcomes, objectivePath + ".outcomes");
            }
        }

        for (var i = 0; i < (Axes?.Count ?? 0); i++)
        {
            var path = $"$.axes[{i}]";
            if (Axes![i] is not { } axis)
            {
                problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                continue;
            }
            UniqueCode(axis.Code, path + ".code");
            Required(axis.Title, path + ".title");
        }

        var pillarCodes = (Pillars ?? []).Where(p => p?.Code is not null).Select(p => p.Code!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (LeadershipCompetencies?.Count ?? 0); i++)
        {
            var path = $"$.leadershipCompetencies[{i}]";
            if (LeadershipCompetencies![i] is not { } competency)
            {
                problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                continue;
            }
            UniqueCode(competency.Code, path + ".code");
            Required(competency.Title, path + ".title");
            Required(competency.AfterPillar, path + ".afterPillar");
            if (!string.IsNullOrWhiteSpace(competency.AfterPillar) && !pillarCodes.Contains(competency.AfterPillar))
            {
                problems.Add(new DocumentProblem(path + ".afterPillar", "Le pilier « {0} » n'existe pas dans ce référentiel.", competency.AfterPillar));
            }
        }

        if (CaseStudy is not null)
        {
            Outcomes(CaseStudy.Outcomes, "$.caseStudy.outcomes");
        }
        return problems;

        void Outcomes(List<OutcomeEntry>? outcomes, string listPath)
        {
            for (var k = 0; k < (outcomes?.Count ?? 0); k++)
            {
                var path = $"{listPath}[{k}]";
                if (outcomes![k] is not { } outcome)
                {
                    problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                    continue;
                }
                UniqueCode(outcome.Code, path + ".code");
                Required(outcome.Text, path + ".text");
            }
        }
    }
}

/// <summary>
/// A problem found in an uploaded document. <see cref="Message"/> is a French format string, also the key under which
/// the interface finds its translation; <see cref="Arguments"/> fill its placeholders.
/// </summary>
public sealed record DocumentProblem(string Path, string Message, params object[] Arguments)
{
    public override string ToString() => $"{Path}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Arguments)}";
}
