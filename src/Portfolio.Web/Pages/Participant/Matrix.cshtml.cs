using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The competency matrix: each objective's current level, evidence and outcome coverage; then objectives × axes.</summary>
public class MatrixModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public PortfolioOverview? Overview { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is { } cohort)
        {
            Overview = await PortfolioOverview.LoadAsync(db, frameworks, cohort.OwnerId, cohort);
        }
    }
}
