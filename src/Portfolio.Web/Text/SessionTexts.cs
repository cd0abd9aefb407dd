using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;

namespace Portfolio.Web.Text;

/// <summary>How a cohort session's kind is named and what a coordinator reads when a session refuses a change.</summary>
public static class SessionTexts
{
    public static string Kind(IStringLocalizer l, SessionKind kind) => kind switch
    {
        SessionKind.Module => l["Module"],
        SessionKind.LeadershipSeminar => l["Séminaire de leadership"],
        SessionKind.StudyTrip => l["Voyage d'étude"],
        SessionKind.CoDevelopment => l["Codéveloppement"],
        _ => l["Autre"],
    };

    public static string Problem(IStringLocalizer l, SessionProblem problem) => problem switch
    {
        SessionProblem.EndsBeforeStart => l["La fin de la séance doit suivre son début."],
        SessionProblem.SeminarWithoutCompetency => l["Un séminaire de leadership porte sur une compétence de leadership : choisissez-la."],
        SessionProblem.CompetencyOnlyForSeminars => l["Seul un séminaire de leadership porte sur une compétence de leadership."],
        SessionProblem.TitleMissing => l["Donnez un titre à la séance."],
        SessionProblem.TooLong => l["Le titre et le lieu comptent au plus {0} caractères.", CohortSession.TitleLength],
        _ => l["Cette séance est annulée."],
    };
}
