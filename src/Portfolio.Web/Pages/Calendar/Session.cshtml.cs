using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Web.Pages.Participant;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>
/// One session of the participant's cohort ("module 3") with what they wrote about it: their own reflections and
/// evidence items tied to it, and links to write more. Only the person's own items of their current cohort
/// (<see cref="PortfolioItems"/>): sharing does not bring anyone else's here.
/// </summary>
public class SessionModel(PortfolioDb db, MyCohorts myCohorts, FrameworkModels frameworks) : PageModel
{
    public SessionView Session { get; private set; } = null!;
    public string? Tie { get; private set; }
    public IReadOnlyList<ItemView> Reflections { get; private set; } = [];
    public IReadOnlyList<ItemView> Evidence { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var session = await db.CohortSessions.Where(s => s.Id == id && s.CohortId == cohort.CohortId)
            .Select(s => new SessionView(s.Id, s.Kind, s.Title, s.StartsAt, s.EndsAt, s.Place, s.PillarId, s.LeadershipCompetencyId, s.CancelledAt != null))
            .SingleOrDefaultAsync();
        if (session is null)
        {
            return NotFound();
        }
        Session = session;
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        Tie = session.CompetencyId is { } c && framework.CompetenciesById.TryGetValue(c, out var competency) ? $"{competency.Code} — {competency.Title}"
            : session.PillarId is { } p && framework.PillarsById.TryGetValue(p, out var pillar) ? $"{pillar.Code} — {pillar.Title}"
            : null;
        Reflections = await db.JournalEntries.In(cohort).Where(j => j.SessionId == id)
            .OrderByDescending(j => j.WrittenOn).ThenByDescending(j => j.Id)
            .Select(j => new ItemView(j.Id, j.Title, j.WrittenOn)).ToListAsync();
        Evidence = await db.Evidence.In(cohort).Where(e => e.SessionId == id)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id)
            .Select(e => new ItemView(e.Id, e.Title, e.OccurredOn)).ToListAsync();
        return Page();
    }

    public sealed record SessionView(int Id, SessionKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place,
        int? PillarId, int? CompetencyId, bool Cancelled);

    public sealed record ItemView(int Id, string Title, DateOnly On);
}
