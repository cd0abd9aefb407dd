using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

/// <summary>The public matrix of one framework version: pillars and objectives, outcomes expandable, the axes across.</summary>
public class DetailsModel(PortfolioDb db) : PageModel
{
    public FrameworkDocumentView Framework { get; private set; } = null!;
    public IReadOnlyList<int> OtherVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int? version)
    {
        var versions = await db.Frameworks.Where(f => f.Code == code).Select(f => f.Version).OrderByDescending(v => v).ToListAsync();
        var chosen = version ?? (versions.Count > 0 ? versions[0] : 0);
        if (!versions.Contains(chosen))
        {
            return NotFound();
        }
        var framework = await db.Frameworks.AsNoTracking().LoadWholeAsync(code, chosen);
        Framework = FrameworkDocumentView.From(framework!);
        OtherVersions = versions.Where(v => v != chosen).ToList();
        return Page();
    }

    /// <summary>The framework ordered for display (entities keep their children unordered).</summary>
    public sealed record FrameworkDocumentView(
        string Code, int Version, string Title, string PillarLabel,
        IReadOnlyList<ScaleLevel> Scale, IReadOnlyList<PillarView> Pillars, IReadOnlyList<Axis> Axes,
        IReadOnlyList<LeadershipView> Leadership, string? CaseStudyTitle, string? CaseStudyDescription, IReadOnlyList<CaseStudyOutcome> CaseStudyOutcomes)
    {
        public static FrameworkDocumentView From(Framework f) => new(
            f.Code, f.Version, f.Title, f.PillarLabel,
            f.Scale.OrderBy(s => s.Value).ToList(),
            f.Pillars.OrderBy(p => p.Position).Select(p => new PillarView(p.Code, p.Title,
                p.Objectives.OrderBy(o => o.Position).Select(o => new ObjectiveView(o.Code, o.Title, o.Outcomes.OrderBy(lo => lo.Position).ToList())).ToList())).ToList(),
            f.Axes.OrderBy(a => a.Position).ToList(),
            f.LeadershipCompetencies.OrderBy(c => c.Position).Select(c => new LeadershipView(c.Code, c.Title, c.AfterPillar.Code)).ToList(),
            f.CaseStudyTitle, f.CaseStudyDescription,
            f.CaseStudyOutcomes.OrderBy(o => o.Position).ToList());
    }

    public sealed record PillarView(string Code, string Title, IReadOnlyList<ObjectiveView> Objectives);
    public sealed record ObjectiveView(string Code, string Title, IReadOnlyList<LearningOutcome> Outcomes);
    public sealed record LeadershipView(string Code, string Title, string AfterPillar);
}
