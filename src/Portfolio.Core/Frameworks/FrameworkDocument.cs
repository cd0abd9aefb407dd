using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Portfolio.Core.Text;

namespace Portfolio.Core.Frameworks;

/// <summary>
/// The framework's public JSON format (documented in the README and on the format help page). Every member is nullable
/// because <see cref="Read"/> fills what it can while it lists every problem of a bad document.
/// </summary>
public sealed partial class FrameworkDocument
{
    public string? Code { get; init; }
    public int? Version { get; init; }
    public string? Title { get; init; }
    public string? Language { get; init; }
    public string? PillarLabel { get; init; }

    /// <summary>What the programme is and, for a framework drawn from a fragmentary source, what was taken from where.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// False for a programme whose participants do not rate themselves (no scale, no campaign); written only then, so that
    /// a document without it keeps its old meaning: self-assessment on the given scale, or on <see cref="DefaultScale"/>.
    /// </summary>
    public bool? SelfAssessment { get; init; }

    public List<ScaleLevelEntry>? Scale { get; init; }
    public List<PillarEntry>? Pillars { get; init; }

    /// <summary>Objectives of the whole cycle, tied to no pillar (a programme that states its aims once, not per module).</summary>
    public List<CycleObjectiveEntry>? CycleObjectives { get; init; }

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

        /// <summary>What the pillar or module covers (a module's contents), shown under its title.</summary>
        public string? Description { get; init; }

        public List<ObjectiveEntry>? Objectives { get; init; }
    }

    public sealed class CycleObjectiveEntry
    {
        public string? Code { get; init; }
        public string? Title { get; init; }
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

    /// <summary>
    /// Reads and checks a document in one pass; on any problem the document is null and every problem is listed, each
    /// with its JSON path. The JSON is walked by hand rather than deserialised, so that a value of the wrong type (a
    /// version written "2025", a number where a text belongs) is one problem among the others, not the end of reading.
    /// </summary>
    public static (FrameworkDocument? Document, IReadOnlyList<DocumentProblem> Problems) Read(string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, [e.LineNumber is { } line
                ? new DocumentProblem("$", "Le fichier n'est pas un JSON valide (ligne {0}, position {1}).", line + 1, (e.BytePositionInLine ?? 0) + 1)
                : new DocumentProblem("$", "Le fichier n'est pas un JSON valide.")]);
        }
        using (parsed)
        {
            var reader = new DocumentReader();
            var document = reader.Read(parsed.RootElement);
            return reader.Problems.Count == 0 ? (document, reader.Problems) : (null, reader.Problems);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex FrameworkCodePattern();

    /// <summary>Walks the JSON in document order, building the document and noting every problem on the way.</summary>
    private sealed class DocumentReader
    {
        private readonly Dictionary<string, string> codes = new(StringComparer.Ordinal);

        public List<DocumentProblem> Problems { get; } = [];

        public FrameworkDocument Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new DocumentProblem("$", "Le fichier n'est pas un référentiel : le document doit être un objet JSON, entre accolades."));
                return new FrameworkDocument();
            }
            var code = Text(root, "$", "code", FrameworkLimits.FrameworkCode);
            if (code is not null && !FrameworkCodePattern().IsMatch(code))
            {
                Problems.Add(new DocumentProblem("$.code", "Le code « {0} » doit contenir uniquement des minuscules, des chiffres et des tirets.", code));
            }
            var version = Integer(root, "$", "version");
            if (version < 1)
            {
                Problems.Add(new DocumentProblem("$.version", "La version doit être un entier positif."));
            }
            var title = Text(root, "$", "title", FrameworkLimits.Title);
            var language = Text(root, "$", "language", FrameworkLimits.Language);
            var pillarLabel = Text(root, "$", "pillarLabel", FrameworkLimits.PillarLabel);
            var description = Text(root, "$", "description", FrameworkLimits.Description, required: false);
            var selfAssessment = Boolean(root, "$", "selfAssessment");
            var scale = ReadScale(root);
            if (selfAssessment == false && scale is not null)
            {
                Problems.Add(new DocumentProblem("$.scale", "Un référentiel sans auto-évaluation (« selfAssessment » : false) n'a pas d'échelle : retirez l'une ou l'autre."));
            }
            var pillars = List(root, "$", "pillars", required: true, (pillar, path) =>
            {
                var pillarCode = UniqueCode(pillar, path);
                var pillarTitle = Text(pillar, path, "title", FrameworkLimits.Title);
                var pillarDescription = Text(pillar, path, "description", FrameworkLimits.Description, required: false);
                var objectives = List(pillar, path, "objectives", required: true, (objective, objectivePath) => new ObjectiveEntry
                {
                    Code = UniqueCode(objective, objectivePath),
                    Title = Text(objective, objectivePath, "title", FrameworkLimits.Title),
                    Outcomes = Outcomes(objective, objectivePath),
                });
                // Objectives are what participants rate: only a programme without self-assessment may have a pillar without any.
                if (objectives is { Count: 0 } && selfAssessment != false)
                {
                    Problems.Add(new DocumentProblem(path + ".objectives", "Chaque pilier doit compter au moins un objectif."));
                }
                return new PillarEntry { Code = pillarCode, Title = pillarTitle, Description = pillarDescription, Objectives = objectives };
            });
            if (pillars is { Count: 0 })
            {
                Problems.Add(new DocumentProblem("$.pillars", "Le référentiel doit compter au moins un pilier."));
            }
            var cycleObjectives = List(root, "$", "cycleObjectives", required: false, (objective, path) => new CycleObjectiveEntry
            {
                Code = UniqueCode(objective, path),
                Title = Text(objective, path, "title", FrameworkLimits.Title),
            });
            var axes = List(root, "$", "axes", required: false, (axis, path) => new AxisEntry
            {
                Code = UniqueCode(axis, path),
                Title = Text(axis, path, "title", FrameworkLimits.Title),
                Description = Text(axis, path, "description", FrameworkLimits.Description, required: false),
            });
            var pillarCodes = (pillars ?? []).Where(p => p.Code is not null).Select(p => p.Code!).ToHashSet(StringComparer.Ordinal);
            var leadership = List(root, "$", "leadershipCompetencies", required: false, (competency, path) =>
            {
                var entry = new LeadershipCompetencyEntry
                {
                    Code = UniqueCode(competency, path),
                    Title = Text(competency, path, "title", FrameworkLimits.Title),
                    AfterPillar = Text(competency, path, "afterPillar", FrameworkLimits.Code),
                };
                if (entry.AfterPillar is not null && !pillarCodes.Contains(entry.AfterPillar))
                {
                    Problems.Add(new DocumentProblem(path + ".afterPillar", "Le pilier « {0} » n'existe pas dans ce référentiel.", entry.AfterPillar));
                }
                return entry;
            });
            var caseStudy = Object(root, "$", "caseStudy", (caseStudy, path) => new CaseStudyEntry
            {
                Title = Text(caseStudy, path, "title", FrameworkLimits.Title, required: false),
                Description = Text(caseStudy, path, "description", FrameworkLimits.Description, required: false),
                Outcomes = Outcomes(caseStudy, path),
            });
            return new FrameworkDocument
            {
                Code = code,
                Version = version,
                Title = title,
                Language = language,
                PillarLabel = pillarLabel,
                Description = description,
                SelfAssessment = selfAssessment,
                Scale = scale,
                Pillars = pillars,
                CycleObjectives = cycleObjectives,
                Axes = axes,
                LeadershipCompetencies = leadership,
                CaseStudy = caseStudy,
            };
        }

        private List<ScaleLevelEntry>? ReadScale(JsonElement root)
        {
            var values = new HashSet<int>();
            var scale = List(root, "$", "scale", required: false, (level, path) =>
            {
                var value = Integer(level, path, "value");
                if (value is { } v && !values.Add(v))
                {
                    Problems.Add(new DocumentProblem(path + ".value", "Le niveau {0} figure deux fois dans l'échelle.", v));
                }
                return new ScaleLevelEntry
                {
                    Value = value,
                    Label = Text(level, path, "label", FrameworkLimits.ScaleLabel),
                    Description = Text(level, path, "description", FrameworkLimits.Description, required: false),
                };
            });
            if (scale is { Count: < 2 })
            {
                Problems.Add(new DocumentProblem("$.scale", "L'échelle doit compter au moins deux niveaux."));
            }
            return scale;
        }

        private List<OutcomeEntry>? Outcomes(JsonElement parent, string parentPath) =>
            List(parent, parentPath, "outcomes", required: false, (outcome, path) => new OutcomeEntry
            {
                Code = UniqueCode(outcome, path),
                Text = Text(outcome, path, "text", FrameworkLimits.OutcomeText),
            });

        /// <summary>A code, unique across the whole document (pillars, objectives, outcomes, axes and competencies alike).</summary>
        private string? UniqueCode(JsonElement parent, string parentPath)
        {
            var code = Text(parent, parentPath, "code", FrameworkLimits.Code);
            if (code is null)
            {
                return null;
            }
            var path = parentPath + ".code";
            if (codes.TryGetValue(code, out var first))
            {
                Problems.Add(new DocumentProblem(path, "Le code « {0} » est déjà utilisé en {1}.", code, first));
            }
            else
            {
                codes[code] = path;
            }
            return code;
        }

        /// <summary>A text member; null when absent, blank (a problem when required), of another type or too long (both problems).</summary>
        private string? Text(JsonElement parent, string parentPath, string name, int maxLength, bool required = true)
        {
            var path = parentPath + "." + name;
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null
                || (element.ValueKind == JsonValueKind.String && element.ValueEquals("")))
            {
                if (required)
                {
                    Problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                }
                return null;
            }
            if (element.ValueKind != JsonValueKind.String)
            {
                Problems.Add(new DocumentProblem(path, "Un texte entre guillemets est attendu ici, pas {0}.", Excerpt(element)));
                return null;
            }
            string text;
            try
            {
                text = element.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // An escaped half of a character ("\ud800") decodes to no text at all.
                Problems.Add(new DocumentProblem(path, "Ce texte contient un caractère invalide."));
                return null;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    Problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                }
                return null;
            }
            if (StorableText.FirstRefused(text) is { } refused)
            {
                Problems.Add(new DocumentProblem(path, "Ce texte contient un caractère de contrôle invisible ({0}) qui ne peut pas être enregistré.", StorableText.Name(refused)));
                return null;
            }
            if (text.Length > maxLength)
            {
                Problems.Add(new DocumentProblem(path, "Ce texte compte {0} caractères ; {1} au plus sont permis.", text.Length, maxLength));
                return null;
            }
            return text;
        }

        /// <summary>What was found instead, short enough to quote.</summary>
        private static string Excerpt(JsonElement element) =>
            element.GetRawText() is { Length: > 40 } raw ? raw[..40] + "…" : element.GetRawText();

        /// <summary>A whole number written as a JSON number; "2025" between quotes is a text, and said so.</summary>
        private int? Integer(JsonElement parent, string parentPath, string name)
        {
            var path = parentPath + "." + name;
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                Problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                return null;
            }
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value))
            {
                return value;
            }
            if (element.ValueKind == JsonValueKind.String)
            {
                Problems.Add(new DocumentProblem(path, "« {0} » est écrit comme un texte : un nombre entier s'écrit sans guillemets.", Excerpt(element).Trim('"')));
            }
            else
            {
                Problems.Add(new DocumentProblem(path, "Un nombre entier est attendu ici, pas {0}.", Excerpt(element)));
            }
            return null;
        }

        /// <summary>An optional true or false, written without quotes; null when absent.</summary>
        private bool? Boolean(JsonElement parent, string parentPath, string name)
        {
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return element.GetBoolean();
            }
            Problems.Add(new DocumentProblem(parentPath + "." + name, "true ou false (sans guillemets) est attendu ici, pas {0}.", Excerpt(element)));
            return null;
        }

        /// <summary>A list whose items are objects, each read by <paramref name="item"/>; null when absent (a problem when required) or not a list.</summary>
        private List<T>? List<T>(JsonElement parent, string parentPath, string name, bool required, Func<JsonElement, string, T> item)
        {
            var path = parentPath + "." + name;
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Problems.Add(new DocumentProblem(path, "Valeur obligatoire manquante ou vide."));
                }
                return null;
            }
            if (element.ValueKind != JsonValueKind.Array)
            {
                Problems.Add(new DocumentProblem(path, "Une liste entre crochets est attendue ici."));
                return null;
            }
            var items = new List<T>();
            var index = 0;
            foreach (var entry in element.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add(new DocumentProblem(itemPath, "Un objet entre accolades est attendu ici."));
                    continue;
                }
                items.Add(item(entry, itemPath));
            }
            return items;
        }

        private T? Object<T>(JsonElement parent, string parentPath, string name, Func<JsonElement, string, T> read) where T : class
        {
            var path = parentPath + "." + name;
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new DocumentProblem(path, "Un objet entre accolades est attendu ici."));
                return null;
            }
            return read(element, path);
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
