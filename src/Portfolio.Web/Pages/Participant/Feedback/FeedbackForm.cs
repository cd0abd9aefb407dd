using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using FeedbackEntity = Portfolio.Core.Intervision.Feedback;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>What the answer form sends: the three parts with their tags, the suggested levels and the version it was loaded with.</summary>
public sealed class FeedbackInput
{
    [StringLength(FeedbackEntity.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Ce qui fonctionne")]
    public string? Strengths { get; set; }

    [Display(Name = "Objectifs concernés (ce qui fonctionne)")]
    public List<int> StrengthsObjectiveIds { get; set; } = [];

    [Display(Name = "Axes concernés (ce qui fonctionne)")]
    public List<int> StrengthsAxisIds { get; set; } = [];

    [StringLength(FeedbackEntity.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Les questions que cela soulève")]
    public string? Questions { get; set; }

    [Display(Name = "Objectifs concernés (questions)")]
    public List<int> QuestionsObjectiveIds { get; set; } = [];

    [Display(Name = "Axes concernés (questions)")]
    public List<int> QuestionsAxisIds { get; set; } = [];

    [StringLength(FeedbackEntity.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Suggestions")]
    public string? Suggestions { get; set; }

    [Display(Name = "Objectifs concernés (suggestions)")]
    public List<int> SuggestionsObjectiveIds { get; set; } = [];

    [Display(Name = "Axes concernés (suggestions)")]
    public List<int> SuggestionsAxisIds { get; set; } = [];

    public List<LevelInput> Levels { get; set; } = [];

    public uint RowVersion { get; set; }

    public static FeedbackInput From(FeedbackContent c, uint rowVersion) => new()
    {
        Strengths = c.Strengths.Text,
        StrengthsObjectiveIds = [.. c.Strengths.ObjectiveIds],
        StrengthsAxisIds = [.. c.Strengths.AxisIds],
        Questions = c.Questions.Text,
        QuestionsObjectiveIds = [.. c.Questions.ObjectiveIds],
        QuestionsAxisIds = [.. c.Questions.AxisIds],
        Suggestions = c.Suggestions.Text,
        SuggestionsObjectiveIds = [.. c.Suggestions.ObjectiveIds],
        SuggestionsAxisIds = [.. c.Suggestions.AxisIds],
        Levels = [.. c.Levels.Select(l => new LevelInput { ObjectiveId = l.ObjectiveId, Level = l.Level })],
        RowVersion = rowVersion,
    };

    /// <summary>
    /// The content to save, checked against the cohort's framework and the request (the entity refuses the same, this
    /// says why in the person's language); null with messages when something must be corrected.
    /// </summary>
    public FeedbackContent? Validate(ModelStateDictionary modelState, FrameworkModel framework, int[] requestObjectiveIds, IStringLocalizer l)
    {
        FeedbackPart Part(string name, string? text, List<int> objectives, List<int> axes)
        {
            if (objectives.Any(id => !framework.ObjectivesById.ContainsKey(id)))
            {
                modelState.AddModelError($"Input.{name}ObjectiveIds", l["Un objectif choisi n'appartient pas au référentiel de votre promotion : choisissez dans la liste."]);
            }
            if (axes.Any(id => !framework.AxesById.ContainsKey(id)))
            {
                modelState.AddModelError($"Input.{name}AxisIds", l["Un axe choisi n'appartient pas au référentiel de votre promotion : choisissez dans la liste."]);
            }
            return new FeedbackPart(text ?? "", [.. objectives.Distinct()], [.. axes.Distinct()]);
        }
        var strengths = Part(nameof(Strengths), Strengths, StrengthsObjectiveIds, StrengthsAxisIds);
        var questions = Part(nameof(Questions), Questions, QuestionsObjectiveIds, QuestionsAxisIds);
        var suggestions = Part(nameof(Suggestions), Suggestions, SuggestionsObjectiveIds, SuggestionsAxisIds);
        var concerned = FeedbackEntity.ObjectivesConcerned(new FeedbackContent(strengths, questions, suggestions, []), requestObjectiveIds).ToHashSet();
        var levels = new List<SuggestedLevel>();
        for (var i = 0; i < Levels.Count; i++)
        {
            if (Levels[i].Level is not { } level)
            {
                continue;
            }
            if (!framework.LevelsByValue.ContainsKey(level))
            {
                modelState.AddModelError($"Input.Levels[{i}].Level", l["Le niveau {0} n'existe pas sur l'échelle du programme (de {1} à {2}).", level, framework.Scale.Count > 0 ? framework.Scale[0].Value : 0, framework.MaxLevel]);
            }
            else if (!concerned.Contains(Levels[i].ObjectiveId))
            {
                modelState.AddModelError($"Input.Levels[{i}].Level", l["Un niveau est suggéré pour un objectif que ce retour ne concerne pas : rattachez d'abord une partie à cet objectif."]);
            }
            else
            {
                levels.Add(new SuggestedLevel(Levels[i].ObjectiveId, level));
            }
        }
        return modelState.IsValid ? new FeedbackContent(strengths, questions, suggestions, [.. levels]) : null;
    }

    /// <summary>The objectives a level may be suggested for, as the form stands: the request's and those tagged.</summary>
    public IReadOnlyList<ObjectiveNode> LevelObjectives(FrameworkModel framework, int[] requestObjectiveIds) =>
        framework.ObjectivesOf(requestObjectiveIds.Concat(StrengthsObjectiveIds).Concat(QuestionsObjectiveIds).Concat(SuggestionsObjectiveIds));

    public int? LevelFor(int objectiveId) => Levels.LastOrDefault(l => l.ObjectiveId == objectiveId)?.Level;
}

public sealed class LevelInput
{
    public int ObjectiveId { get; set; }

    [Display(Name = "Niveau suggéré")]
    public int? Level { get; set; }
}
