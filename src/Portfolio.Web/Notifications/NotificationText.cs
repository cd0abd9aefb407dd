using Microsoft.Extensions.Localization;
using Portfolio.Core.Notifications;

namespace Portfolio.Web.Notifications;

/// <summary>
/// How a notification reads, in the current UI culture, from its facts: the one place that words each kind, for the
/// notification centre and the e-mails alike. The result is plain text: pages and mails escape it.
/// </summary>
public static class NotificationText
{
    public static string Sentence(IStringLocalizer l, NotificationKind kind, string subject, string? actor)
    {
        var who = actor is { Length: > 0 } ? actor : l["Un membre de votre groupe"].Value;
        return kind switch
        {
            NotificationKind.FeedbackRequested => l["{0} vous demande un retour : « {1} »", who, subject],
            NotificationKind.FeedbackAnswered => l["{0} a répondu à votre demande de retour « {1} »", who, subject],
            NotificationKind.FeedbackReplied => l["{0} a réagi à votre retour sur « {1} »", who, subject],
            NotificationKind.FeedbackRated => l["{0} a apprécié votre retour sur « {1} »", who, subject],
            NotificationKind.ItemShared => l["{0} a partagé « {1} » avec vous", who, subject],
            NotificationKind.SessionPlanned => l["Séance de codéveloppement planifiée : {0}", subject],
            NotificationKind.FeedbackDueSoon => l["Votre retour sur « {0} » est attendu dans les deux jours", subject],
            NotificationKind.FeedbackOverdue => l["Votre retour sur « {0} » est en retard", subject],
            NotificationKind.CampaignClosing => l["La campagne d'auto-évaluation « {0} » se clôture dans moins d'une semaine", subject],
            NotificationKind.SessionComing => l["Prochaine séance de codéveloppement : {0}", subject],
            NotificationKind.CollectiveReportSubmitted => l["{0} a remis la version finale du rapport collectif du groupe « {1} »", who, subject],
            NotificationKind.CollectiveReportReopened => l["{0} a rouvert le rapport collectif du groupe « {1} »", who, subject],
            NotificationKind.SubmissionReopened => l["La coordination a rouvert votre dépôt pour l'évaluation : {0}", subject],
            NotificationKind.ConflictDeclared => l["{0} a déclaré un conflit d'intérêts : {1}", who, subject],
            NotificationKind.ExamScheduled => l["Examen oral planifié : {0}", subject],
            NotificationKind.ExamMoved => l["Examen oral modifié : {0}", subject],
            NotificationKind.ExamCancelled => l["Examen oral annulé : {0}", subject],
            NotificationKind.ResultsReleased => l["Les résultats du jury sont publiés : {0}", subject],
            _ => subject,
        };
    }

    /// <summary>What a kind is, as the preferences page names it.</summary>
    public static string Kind(IStringLocalizer l, NotificationKind kind) => kind switch
    {
        NotificationKind.FeedbackRequested => l["Un pair me demande un retour"],
        NotificationKind.FeedbackAnswered => l["Un pair a répondu à ma demande de retour"],
        NotificationKind.FeedbackReplied => l["Réaction à un retour que j'ai donné"],
        NotificationKind.FeedbackRated => l["Appréciation d'un retour que j'ai donné"],
        NotificationKind.ItemShared => l["Un pair partage une preuve ou une réflexion avec moi"],
        NotificationKind.SessionPlanned => l["Séance de codéveloppement planifiée"],
        NotificationKind.FeedbackDueSoon => l["Rappel : un retour attendu dans les deux jours"],
        NotificationKind.FeedbackOverdue => l["Rappel : un retour en retard"],
        NotificationKind.CampaignClosing => l["Rappel : une campagne d'auto-évaluation se clôture bientôt"],
        NotificationKind.SessionComing => l["Rappel : prochaine séance de codéveloppement"],
        NotificationKind.CollectiveReportSubmitted => l["Un membre de mon groupe d'étude de cas remet le rapport collectif"],
        NotificationKind.CollectiveReportReopened => l["La coordination rouvre le rapport collectif de mon groupe"],
        NotificationKind.SubmissionReopened => l["Mon dépôt pour l'évaluation est rouvert"],
        NotificationKind.ConflictDeclared => l["Un membre de jury déclare un conflit d'intérêts"],
        NotificationKind.ExamScheduled => l["Un examen oral est planifié"],
        NotificationKind.ExamMoved => l["Un examen oral est déplacé ou modifié"],
        NotificationKind.ExamCancelled => l["Un examen oral est annulé"],
        NotificationKind.ResultsReleased => l["Mes résultats du jury sont publiés"],
        _ => kind.ToString(),
    };
}
