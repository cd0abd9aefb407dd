using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Facilitator;

/// <summary>The groups the signed-in facilitator runs, with their cohort and members; the same two commands for one group or twenty.</summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<GroupView> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var mine = FacilitatedGroups.Of(db, me);
        var groups = await mine
            .Join(db.Cohorts, g => g.CohortId, c => c.Id, (g, c) => new { g.Id, g.Name, Cohort = c.Name, Programme = c.Programme.Title, c.StartsOn })
            .OrderByDescending(x => x.StartsOn).ThenBy(x => x.Name)
            .ToListAsync();
        var members = await db.GroupMembers.Where(m => mine.Any(g => g.Id == m.GroupId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.FirstName, u.LastName, u.Organisation })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        Groups = groups.Select(g => new GroupView(g.Id, g.Name, g.Cohort, g.Programme,
            members.Where(m => m.GroupId == g.Id).Select(m => new MemberView($"{m.FirstName} {m.LastName}", m.Organisation)).ToList())).ToList();
    }

    public sealed record GroupView(int Id, string Name, string Cohort, string Programme, IReadOnlyList<MemberView> Members);
    public sealed record MemberView(string Name, string? Organisation);
}
