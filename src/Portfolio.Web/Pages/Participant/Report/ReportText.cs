using Microsoft.Extensions.Localization;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Report;

/// <summary>How a section of the individual report is named in the reader's language: pillar sections carry the framework's own title.</summary>
public static class ReportText
{
    public static string SectionTitle(IStringLocalizer l, string key, string storedTitle) => key switch
    {
        ReportSections.Leadership => l["Compétences de leadership du changement"],
        ReportSections.Axes => l["Axes horizontaux"],
        ReportSections.Synthesis => l["Synthèse générale"],
        _ => storedTitle,
    };
}
