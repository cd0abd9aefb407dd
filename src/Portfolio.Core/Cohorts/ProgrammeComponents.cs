namespace Portfolio.Core.Cohorts;

/// <summary>
/// The parts a programme uses. Pages, menus, notifications, exports and jobs of a part the programme does not use stay
/// out of its participants' and coordinators' way (Web/Hosting/ComponentAccess.cs maps the page folders to these).
/// Stored as one integer on the programme so that the header's single query can read it along with the cohort.
/// </summary>
[Flags]
public enum ProgrammeComponents
{
    None = 0,
    /// <summary>Self-assessment campaigns (positionnement initial, mi-parcours, bilan final), the matrix and progression.</summary>
    SelfAssessment = 1 << 0,
    /// <summary>The leadership-of-change seminars held at the end of some pillars (they lock a competency's self-assessment).</summary>
    LeadershipSeminars = 1 << 1,
    /// <summary>The real organisation's case studied in small groups, and their collective report.</summary>
    CaseStudy = 1 << 2,
    /// <summary>The individual reflective self-evaluation report and its submission for assessment.</summary>
    IndividualReport = 1 << 3,
    /// <summary>Evidence items (traces) tagged to objectives, outcomes and axes.</summary>
    Evidence = 1 << 4,
    /// <summary>The reflective journal.</summary>
    Journal = 1 << 5,
    /// <summary>Intervision groups and peer feedback ("critical and benevolent mirrors", vis-ma-vie pairs).</summary>
    Intervision = 1 << 6,
    /// <summary>Co-development groups (practice analysis) and their sessions.</summary>
    CoDevelopment = 1 << 7,
    /// <summary>Juries, the scoring grid, oral exams and released results.</summary>
    Jury = 1 << 8,
    /// <summary>Jury packs: the candidate report template and the packs built from it.</summary>
    JuryPacks = 1 << 9,
    /// <summary>The module calendar and its sessions.</summary>
    Sessions = 1 << 10,
    /// <summary>A study trip.</summary>
    StudyTrip = 1 << 11,
    /// <summary>Each participant's transformation project, followed by the programme.</summary>
    TransformationProject = 1 << 12,

    /// <summary>What a programme gets when nobody said otherwise: the certificate's parts (everything but the transformation project).</summary>
    Default = All & ~TransformationProject,
    All = (1 << 13) - 1,
}

public static class ProgrammeComponentNames
{
    /// <summary>The single components, in the order the pages list them.</summary>
    public static readonly IReadOnlyList<ProgrammeComponents> Each =
        Enum.GetValues<ProgrammeComponents>().Where(c => c != 0 && (c & (c - 1)) == 0).Order().ToList();

    /// <summary>"SelfAssessment, Journal": each part by name (the enum's own text would say "Default").</summary>
    public static string Describe(ProgrammeComponents components) =>
        components == ProgrammeComponents.None ? "none" : string.Join(", ", Each.Where(c => components.HasFlag(c)));

    /// <summary>The name used in templates/programmes/*.json ("SelfAssessment", "Journal"...), read without regard to case.</summary>
    public static bool TryParse(string name, out ProgrammeComponents component) =>
        Enum.TryParse(name, ignoreCase: true, out component) && Each.Contains(component);
}

/// <summary>Which cohorts' programmes use a part, for jobs and notifications that must leave the other cohorts alone.</summary>
public static class ComponentScope
{
    public static IQueryable<Cohort> Using(this IQueryable<Cohort> cohorts, ProgrammeComponents component) =>
        cohorts.Where(c => (c.Programme.Components & component) != 0);
}
