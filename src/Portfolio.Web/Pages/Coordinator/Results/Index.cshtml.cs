using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Results;

/// <summary>
/// A cohort's jury results for its coordinators (another cohort: 404): per jury and for the cohort how much jurors
/// agreed (spread per criterion, each juror's severity), the decisions and grades, the export and the release.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public CohortResults Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var results = await CohortResults.LoadAsync(db, coordination.Cohorts, cohortId);
        if (results is null)
        {
            return NotFound();
        }
        Results = results;
        return Page();
    }
}
