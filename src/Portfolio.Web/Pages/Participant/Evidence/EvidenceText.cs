using Microsoft.Extensions.Localization;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>How the evidence pages name kinds and sizes (French keys, translated by the localiser).</summary>
public static class EvidenceText
{
    public static readonly EvidenceKind[] Kinds = Enum.GetValues<EvidenceKind>();

    public static string KindLabel(IStringLocalizer l, EvidenceKind kind) => kind switch
    {
        EvidenceKind.ProfessionalSituation => l["Situation professionnelle"],
        EvidenceKind.Production => l["Production"],
        EvidenceKind.Seminar => l["Séminaire"],
        EvidenceKind.FieldVisit => l["Visite de terrain"],
        EvidenceKind.CaseStudy => l["Étude de cas"],
        EvidenceKind.Reading => l["Lecture"],
        EvidenceKind.FeedbackReceived => l["Feedback reçu"],
        _ => l["Autre"],
    };

    /// <summary>A file size as people read it: "820 octets", "12,5 Ko", "1,2 Mo".</summary>
    public static string Size(IStringLocalizer l, long bytes) => bytes switch
    {
        < 1024 => l["{0} octets", bytes],
        < 1024 * 1024 => l["{0} Ko", (bytes / 1024.0).ToString("0.#")],
        _ => l["{0} Mo", (bytes / 1024.0 / 1024.0).ToString("0.#")],
    };
}
