namespace Portfolio.Core.Frameworks;

/// <summary>
/// How long each text of a framework may be: the database columns are sized from these numbers and the import checks
/// them, so a document the import accepts always fits, and the format help page shows the same figures.
/// </summary>
public static class FrameworkLimits
{
    /// <summary>The framework's own code, part of its public URL.</summary>
    public const int FrameworkCode = 64;
    public const int Language = 16;
    public const int PillarLabel = 50;

    /// <summary>Codes of pillars, objectives, outcomes, axes and competencies ("P1.2.3").</summary>
    public const int Code = 32;

    /// <summary>Titles: the framework's, a pillar's, an objective's, an axis', a competency's, the case study's.</summary>
    public const int Title = 300;

    public const int ScaleLabel = 100;

    /// <summary>The text of a learning outcome.</summary>
    public const int OutcomeText = 2000;

    /// <summary>Descriptions of scale levels, axes and the case study.</summary>
    public const int Description = 4000;
}
