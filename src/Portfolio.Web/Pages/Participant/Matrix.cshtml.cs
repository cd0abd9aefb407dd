using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The competency matrix: each objective's current level, evidence and outcome coverage; then objectives × axes.</summary>
public class MatrixModel(PortfolioDb db, FrameworkModels frameworks, UserManager<AppUser> users) : PageModel
{
    public PortfolioOverview? Overview { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        if (await ParticipantCohort.FindAsync(db, userId) is { } cohort)
        {
            Overview = await PortfolioOverview.LoadAsync(db, frameworks, userId, cohort);
        }
    }
}
