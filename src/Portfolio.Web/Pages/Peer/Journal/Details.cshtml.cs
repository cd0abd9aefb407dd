using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Web.Pages.Participant.Journal;

namespace Portfolio.Web.Pages.Peer.Journal;

/// <summary>A peer's reflection, read-only; 404 for anyone <see cref="ItemAccess"/> does not let read it.</summary>
public class DetailsModel(PortfolioDb db, FrameworkModels frameworks) : PageModel
{
    public Entry Reflection { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var found = await db.JournalEntries.ReadableBy(db, me).Where(j => j.Id == id)
            .Join(db.Users, j => j.OwnerId, u => u.Id, (j, u) => new { j, Owner = u.FirstName + " " + u.LastName })
            .Join(db.Cohorts, x => x.j.CohortId, c => c.Id, (x, c) => new
            {
                x.j.Id, x.j.Title, x.j.Body, x.j.WrittenOn, x.j.PillarId, x.j.LeadershipCompetencyId, x.j.ObjectiveId, x.Owner, c.FrameworkId, c.Framework.Revision,
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        var ties = new JournalTies(await frameworks.GetAsync(db, found.FrameworkId, found.Revision));
        Reflection = new Entry(found.Id, found.Title, found.Body, found.WrittenOn, found.Owner, ties.Describe(found.PillarId, found.LeadershipCompetencyId, found.ObjectiveId));
        return Page();
    }

    public sealed record Entry(int Id, string Title, string Body, DateOnly WrittenOn, string Owner, string? Tie);
}
