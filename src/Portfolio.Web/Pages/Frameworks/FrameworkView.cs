using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

/// <summary>
/// A framework version ordered for display (entities keep their children unordered), rendered by
/// Shared/_FrameworkContent for the public page and for the coordinators' preview of a draft alike.
/// </summary>
public sealed record FrameworkView(
    string Code, int Version, string Title, string PillarLabel, FrameworkState State,
    IReadOnlyList<ScaleLevel> Scale, IReadOnlyList<FrameworkView.PillarView> Pillars, IReadOnlyList<Axis> Axes,
    IReadOnlyList<FrameworkView.LeadershipView> Leadership, string? CaseStudyTitle, string? CaseStudyDescription, IReadOnlyList<CaseStudyOutcome> CaseStudyOutcomes)
{
    public static FrameworkView From(Framework f) => new(
        f.Code, f.Version, f.Title, f.PillarLabel, f.State,
        f.Scale.OrderBy(s => s.Value).ToList(),
        f.Pillars.OrderBy(p => p.Position).Select(p => new PillarView(p.Code, p.Title,
            p.Objectives.OrderBy(o => o.Position).Select(o => new ObjectiveView(o.Code, o.Title, o.Outcomes.OrderBy(lo => lo.Position).ToList())).ToList())).ToList(),
        f.Axes.OrderBy(a => a.Position).ToList(),
        f.LeadershipCompetencies.OrderBy(c => c.Position).Select(c => new LeadershipView(c.Code, c.Title, c.AfterPillar.Code)).ToList(),
        f.CaseStudyTitle, f.CaseStudyDescription,
        f.CaseStudyOutcomes.OrderBy(o => o.Position).ToList());

    public sealed record PillarView(string Code, string Title, IReadOnlyList<ObjectiveView> Objectives);
    public sealed record ObjectiveView(string Code, string Title, IReadOnlyList<LearningOutcome> Outcomes);
    public sealed record LeadershipView(string Code, string Title, string AfterPillar);
}
