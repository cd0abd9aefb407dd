using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The participant's home: the cohorts they belong to. Their portfolio itself comes with the portfolio pages.</summary>
public class IndexModel(PortfolioDb db, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<CohortRow> Cohorts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User);
        Cohorts = await db.Enrolments.Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Cohort.StartsOn)
            .Select(e => new CohortRow(e.Cohort.Name, e.Cohort.Programme.Title, e.Cohort.Framework.Code, e.Cohort.Framework.Version, e.Cohort.StartsOn, e.Cohort.EndsOn))
            .ToListAsync();
    }

    public sealed record CohortRow(string Name, string Programme, string FrameworkCode, int FrameworkVersion, DateOnly StartsOn, DateOnly EndsOn);
}
