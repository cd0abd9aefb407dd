using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Sessions;

/// <summary>A cohort's calendar: its modules, leadership seminars, study trip and other sessions, cancelled ones included.</summary>
public class IndexModel(PortfolioDb db, Coordination coordination, FrameworkModels frameworks) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == cohortId)
            .Select(c => new { c.Id, c.Name, c.StartsOn, c.EndsOn, c.FrameworkId, c.Framework.Revision }).SingleOrDefaultAsync();
        if (cohort is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohort.Id, cohort.Name);
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.Revision);
        var sessions = await db.CohortSessions.AsNoTracking().Where(s => s.CohortId == cohortId)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync();
        Sessions = sessions.Select(s => new Row(s.Id, s.Kind, s.Title, s.StartsAt, s.EndsAt, s.Place,
            Tie(framework, s), s.IsCancelled, s.FallsOutside(cohort.StartsOn, cohort.EndsOn))).ToList();
        return Page();
    }

    private static string? Tie(FrameworkModel framework, CohortSession s) =>
        s.LeadershipCompetencyId is { } c && framework.CompetenciesById.TryGetValue(c, out var competency) ? $"{competency.Code} — {competency.Title}"
        : s.PillarId is { } p && framework.PillarsById.TryGetValue(p, out var pillar) ? $"{pillar.Code} — {pillar.Title}"
        : null;

    public sealed record Row(int Id, SessionKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, string? Tie,
        bool Cancelled, bool OutsideCohort);
}
