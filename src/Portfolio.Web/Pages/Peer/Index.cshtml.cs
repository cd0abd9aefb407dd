using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Peer;

/// <summary>What peers shared with the signed-in participant: evidence items, reflections and transformation projects, newest first, read-only.</summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<SharedItem> Evidence { get; private set; } = [];
    public IReadOnlyList<SharedItem> Reflections { get; private set; } = [];
    public IReadOnlyList<SharedItem> Projects { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Evidence = await db.Evidence.SharedWith(db, me)
            .Join(db.Users, e => e.OwnerId, u => u.Id, (e, u) => new { e, u })
            .OrderByDescending(x => x.e.OccurredOn).ThenByDescending(x => x.e.Id)
            .Select(x => new SharedItem(x.e.Id, x.e.Title, x.e.OccurredOn, x.u.FirstName + " " + x.u.LastName, x.e.Visibility, x.e.UpdatedAt))
            .ToListAsync();
        Reflections = await db.JournalEntries.SharedWith(db, me)
            .Join(db.Users, j => j.OwnerId, u => u.Id, (j, u) => new { j, u })
            .OrderByDescending(x => x.j.WrittenOn).ThenByDescending(x => x.j.Id)
            .Select(x => new SharedItem(x.j.Id, x.j.Title, x.j.WrittenOn, x.u.FirstName + " " + x.u.LastName, x.j.Visibility, x.j.UpdatedAt))
            .ToListAsync();
        Projects = await db.TransformationProjects.SharedWith(db, me)
            .Join(db.Users, p => p.OwnerId, u => u.Id, (p, u) => new { p, u })
            .OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName)
            .Select(x => new SharedItem(x.p.Id, x.p.Title, DateOnly.FromDateTime(x.p.UpdatedAt.UtcDateTime), x.u.FirstName + " " + x.u.LastName, x.p.Visibility, x.p.UpdatedAt))
            .ToListAsync();
    }

    /// <param name="Visibility">How the owner shares it; a private item reached here is shared by a feedback request.</param>
    public sealed record SharedItem(int Id, string Title, DateOnly On, string Owner, Visibility Visibility, DateTimeOffset UpdatedAt);
}
