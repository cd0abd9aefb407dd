using Microsoft.Extensions.Localization;
using Portfolio.Core.CaseStudies;

namespace Portfolio.Web.Text;

/// <summary>What a person reads when a case-study group refuses a change (<see cref="CaseStudyRuleException"/>).</summary>
public static class CaseStudyTexts
{
    public static string Problem(IStringLocalizer l, CaseStudyProblem problem) => problem switch
    {
        CaseStudyProblem.NoMembers => l["Un groupe d'étude de cas compte au moins un membre : choisissez-en."],
        CaseStudyProblem.NotAMember => l["Vous n'êtes pas membre de ce groupe d'étude de cas."],
        CaseStudyProblem.Locked => l["Le rapport collectif a été remis en version finale : aucune nouvelle version ne peut être déposée tant que la coordination ne l'a pas rouvert."],
        CaseStudyProblem.AlreadySubmitted => l["Une version finale du rapport collectif a déjà été remise : une seule version finale est possible."],
        CaseStudyProblem.UnknownVersion => l["Cette version n'appartient pas au rapport de votre groupe."],
        CaseStudyProblem.NotSubmitted => l["Le rapport collectif n'est pas remis : il n'y a rien à rouvrir."],
        _ => l["Indiquez la raison de la réouverture."],
    };
}
