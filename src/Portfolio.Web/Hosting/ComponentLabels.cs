using Portfolio.Core.Cohorts;

namespace Portfolio.Web.Hosting;

/// <summary>How the interface names each part of a programme, in French (the translation key).</summary>
public static class ComponentLabels
{
    private static readonly Dictionary<ProgrammeComponents, string> Labels = new()
    {
        [ProgrammeComponents.SelfAssessment] = "Campagnes d'auto-évaluation",
        [ProgrammeComponents.LeadershipSeminars] = "Séminaires de leadership",
        [ProgrammeComponents.CaseStudy] = "Étude de cas et rapport collectif",
        [ProgrammeComponents.IndividualReport] = "Rapport individuel et dépôt",
        [ProgrammeComponents.Evidence] = "Preuves du portfolio",
        [ProgrammeComponents.Journal] = "Journal de réflexion",
        [ProgrammeComponents.Intervision] = "Groupes d'intervision et retours entre pairs",
        [ProgrammeComponents.CoDevelopment] = "Groupes de codéveloppement",
        [ProgrammeComponents.Jury] = "Jury et grille d'évaluation",
        [ProgrammeComponents.JuryPacks] = "Dossiers du jury",
        [ProgrammeComponents.Sessions] = "Calendrier des modules et séances",
        [ProgrammeComponents.StudyTrip] = "Voyage d'études",
        [ProgrammeComponents.TransformationProject] = "Projet de transformation",
    };

    public static string Of(ProgrammeComponents component) => Labels.GetValueOrDefault(component, component.ToString());
}
