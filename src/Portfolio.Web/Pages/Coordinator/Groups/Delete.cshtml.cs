using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>Deletes a group after a confirmation: its members become "sans groupe"; what they wrote stays theirs.</summary>
public class DeleteModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public int MemberCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await CoordinatedGroup.LoadAsync(coordination, db, id) is not { } found)
        {
            return NotFound();
        }
        (CohortId, CohortName, GroupName, MemberCount) = (found.Group.CohortId, found.CohortName, found.Group.Name, found.Group.Members.Count);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await CoordinatedGroup.LoadAsync(coordination, db, id) is not { } found)
        {
            return NotFound();
        }
        // The memberships go with the group (cascade); feedback requests and shares belong to people, not groups.
        db.IntervisionGroups.Remove(found.Group);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Le groupe « {0} » est supprimé ; ses membres sont sans groupe.", found.Group.Name].Value;
        return RedirectToPage("Index", new { cohortId = found.Group.CohortId });
    }
}
