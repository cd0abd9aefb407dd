using Microsoft.Extensions.Localization;
using Portfolio.Core.Juries;
using Portfolio.Core.Text;

namespace Portfolio.Web.Text;

/// <summary>What a coordinator or a juror reads when a jury or an exam refuses a change, and how a double booking is told.</summary>
public static class JuryTexts
{
    public static string Problem(IStringLocalizer l, JuryProblem problem) => problem switch
    {
        JuryProblem.ChairNotAMember => l["La présidence revient à l'un des membres du jury."],
        JuryProblem.CandidateIsJuror => l["Un membre du jury ne peut pas en être candidat."],
        JuryProblem.NotAJuror => l["Vous ne siégez pas dans ce jury."],
        JuryProblem.ConflictNeedsExplanation => l["Expliquez le conflit mineur : la coordination en décide sur cette base."],
        JuryProblem.OnlyMinorConflictsAreWaived => l["Seul un conflit mineur peut être levé ; un conflit majeur écarte le membre pour ce candidat."],
        JuryProblem.AlreadyDeclared => l["Vous avez déjà fait votre déclaration pour ce candidat ; pour la changer, adressez-vous à la coordination."],
        JuryProblem.AlreadyWaived => l["Ce conflit est déjà levé."],
        JuryProblem.WaiverNeedsReason => l["Indiquez la raison pour laquelle le conflit est levé."],
        _ => l["Ce jury a des examens planifiés : annulez-les d'abord."],
    };

    public static string Problem(IStringLocalizer l, ExamProblem problem) => problem switch
    {
        ExamProblem.Duration => l["La durée va de {0} à {1} minutes.", Exam.MinMinutes, Exam.MaxMinutes],
        ExamProblem.UnsafeLink => l["Le lien de visioconférence doit être une adresse web complète (https://…)."],
        ExamProblem.NoPlace => l["Indiquez une salle, un lien de visioconférence, ou les deux."],
        ExamProblem.RoomTooLong => l["Le nom de la salle compte au plus {0} caractères.", Exam.RoomLength],
        _ => l["Cet examen est annulé."],
    };

    /// <summary>"Marie Dubois siège déjà à l'examen de Paul Martin le 12 juin 2026 de 10:00 à 10:45."</summary>
    public static string Clash(IStringLocalizer l, ExamSchedule.Clash c)
    {
        var day = Dates.Day(c.StartsAt);
        var from = Dates.ToBrussels(c.StartsAt).ToString("HH:mm");
        var to = Dates.ToBrussels(c.EndsAt).ToString("HH:mm");
        return c.Role switch
        {
            BookingRole.Juror => l["{0} siège déjà à l'examen de {1} le {2} de {3} à {4}.", c.PersonName ?? "", c.OtherCandidate, day, from, to],
            BookingRole.Candidate => l["{0} passe déjà son examen le {1} de {2} à {3}.", c.PersonName ?? "", day, from, to],
            _ => l["La salle {0} est déjà prise par l'examen de {1} le {2} de {3} à {4}.", c.Room ?? "", c.OtherCandidate, day, from, to],
        };
    }
}
