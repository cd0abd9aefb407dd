using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>Takes a member out of their group, after a confirmation: they become "sans groupe", their peers stop sharing with them.</summary>
public class RemoveModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public string PersonName { get; private set; } = "";

    /// <summary>How many members stay: fewer than two leaves nobody to mirror, the coordinator is told before confirming.</summary>
    public int Remaining { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string userId) => await LoadAsync(id, userId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        var group = await LoadAsync(id, userId);
        if (group is null)
        {
            return NotFound();
        }
        group.Remove(userId);
        await db.SaveChangesAsync();
        TempData["Message"] = l["{0} n'est plus dans le groupe « {1} ».", PersonName, group.Name].Value;
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<IntervisionGroup?> LoadAsync(int id, string userId)
    {
        if (await CoordinatedGroup.LoadAsync(coordination, db, id) is not { } found || found.Group.Members.All(m => m.UserId != userId))
        {
            return null;
        }
        (CohortId, CohortName, GroupName, Remaining) = (found.Group.CohortId, found.CohortName, found.Group.Name, found.Group.Members.Count - 1);
        PersonName = await CoordinatedGroup.NameAsync(db, userId) ?? "";
        return found.Group;
    }
}
