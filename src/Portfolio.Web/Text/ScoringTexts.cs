using Microsoft.Extensions.Localization;
using Portfolio.Core.Scoring;

namespace Portfolio.Web.Text;

/// <summary>How the scoring pages word the grid's and the deliberation's refusals, decisions and mentions.</summary>
public static class ScoringTexts
{
    public static string Problem(IStringLocalizer l, ScoringProblem problem) => problem switch
    {
        ScoringProblem.GridInUse => l["Des évaluations existent déjà pour les promotions de ce programme : la grille ne peut plus changer, sinon les niveaux déjà donnés ne voudraient plus dire la même chose."],
        ScoringProblem.NoCriteria => l["La grille compte au moins un critère."],
        ScoringProblem.TooManyCriteria => l["La grille compte au plus {0} critères.", ScoringGrid.MaxCriteria],
        ScoringProblem.WeightOutOfRange => l["Chaque critère a un intitulé et un poids entre 1 et {0}.", ScoringGrid.MaxWeight],
        ScoringProblem.ScaleSize => l["L'échelle compte de {0} à {1} niveaux, chacun avec un libellé, sans trou.", ScoringGrid.MinLevels, ScoringGrid.MaxLevels],
        ScoringProblem.PassMarkOffScale => l["Le seuil de réussite est l'un des niveaux de l'échelle."],
        ScoringProblem.LevelOffScale => l["Choisissez un niveau de l'échelle."],
        ScoringProblem.UnknownCriterion => l["Ce critère ne fait pas partie de la grille : rechargez la page."],
        ScoringProblem.AlreadySubmitted => l["Cette évaluation a déjà été remise : elle ne peut plus être modifiée."],
        ScoringProblem.IncompleteScore => l["Choisissez un niveau pour chaque critère avant de remettre votre évaluation."],
        ScoringProblem.NotTheChair => l["Seul·e le·la président·e du jury enregistre la délibération."],
        ScoringProblem.ScoresSealed => l["Les évaluations restent scellées tant que tous les membres du jury n'ont pas remis la leur."],
        ScoringProblem.DecisionNeedsAgreedScores => l["Fixez le niveau retenu pour chaque critère avant d'enregistrer la décision."],
        ScoringProblem.ResultsReleased => l["Les résultats de cette promotion sont publiés : la délibération ne peut plus changer."],
        ScoringProblem.NoCandidates => l["Aucun candidat n'est assigné à un jury de cette promotion : il n'y a pas de résultats à publier."],
        _ => l["Chaque candidat doit avoir une décision avant la publication des résultats."],
    };

    public static string Decision(IStringLocalizer l, Decision? decision) => decision switch
    {
        Core.Scoring.Decision.Passed => l["Réussi"],
        Core.Scoring.Decision.Deferred => l["Ajourné"],
        _ => l["Pas encore de décision"],
    };

    public static string Mention(IStringLocalizer l, decimal? grade) => (grade is { } g ? ScoringGrid.MentionFor(g) : null) switch
    {
        Core.Scoring.Mention.Satisfaction => l["Satisfaction"],
        Core.Scoring.Mention.Distinction => l["Distinction"],
        Core.Scoring.Mention.GreatDistinction => l["Grande distinction"],
        Core.Scoring.Mention.HighestDistinction => l["La plus grande distinction"],
        _ => "",
    };

    /// <summary>"13,5 / 20" in the current culture.</summary>
    public static string Grade(IStringLocalizer l, decimal? grade) =>
        grade is { } g ? l["{0} / 20", g.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)] : "—";

    public static string Field(IStringLocalizer l, DeliberationField field) => field switch
    {
        DeliberationField.AgreedLevel => l["Niveau retenu"],
        DeliberationField.Rationale => l["Justification"],
        DeliberationField.Decision => l["Décision"],
        _ => l["Commentaires pour le candidat"],
    };
}
