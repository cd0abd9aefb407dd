using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>How the cohort's groups work: per group and per person, counts and dates, never what people wrote.</summary>
public class ActivityModel(PortfolioDb db, Coordination coordination, TimeProvider clock) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        Groups = await GroupActivity.LoadAsync(db, db.IntervisionGroups.Where(g => g.CohortId == cohortId), clock.Today());
        return Page();
    }
}
