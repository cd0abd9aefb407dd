using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Facilitator;

/// <summary>The activity of one group the facilitator runs, in counts and dates; another facilitator's group answers 404.</summary>
public class ActivityModel(PortfolioDb db, TimeProvider clock) : PageModel
{
    public string CohortName { get; private set; } = "";
    public GroupSummary Group { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int groupId)
    {
        var group = FacilitatedGroups.Of(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!).Where(g => g.Id == groupId);
        var cohort = await group.Join(db.Cohorts, g => g.CohortId, c => c.Id, (g, c) => c.Name).SingleOrDefaultAsync();
        if (cohort is null)
        {
            return NotFound();
        }
        CohortName = cohort;
        Group = (await GroupActivity.LoadAsync(db, group, clock.Today())).Single();
        return Page();
    }
}
