using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>Who has brought a case in the current cycle, and who comes next (never-owners first, then the longest ago).</summary>
public class RotationModel(PortfolioDb db) : PageModel
{
    public CodevGroup Group { get; private set; } = null!;
    public CodevRotation.Proposal Rotation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int groupId)
    {
        var group = await CodevAccess.GroupAsync(db, groupId, User.Me());
        if (group is null)
        {
            return NotFound();
        }
        Group = group;
        var names = await CodevPages.NamesAsync(db, group.MemberIds);
        var sessions = await db.CodevSessions.Where(s => s.GroupId == groupId).Select(s => new { s.CaseOwnerIds, s.StartsAt }).ToListAsync();
        Rotation = CodevRotation.Propose(
            [.. group.MemberIds.Select(id => new CodevRotation.Member(id, names.Name(id)))],
            [.. sessions.SelectMany(s => s.CaseOwnerIds.Select(id => (id, s.StartsAt)))]);
        return Page();
    }
}
