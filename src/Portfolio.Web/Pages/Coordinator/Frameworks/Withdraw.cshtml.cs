using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>Takes a published version back from the public pages and the cohorts' choices, when no cohort follows it.</summary>
public class WithdrawModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Framework Framework { get; private set; } = null!;
    public bool FollowedByACohort { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int version)
    {
        if (!await LoadAsync(code, version))
        {
            return NotFound();
        }
        return Framework.IsPublished ? Page() : RedirectToPage("Preview", new { code, version });
    }

    public async Task<IActionResult> OnPostAsync(string code, int version)
    {
        if (!await LoadAsync(code, version))
        {
            return NotFound();
        }
        if (!Framework.IsPublished)
        {
            return RedirectToPage("Preview", new { code, version });
        }
        if (FollowedByACohort)
        {
            // Someone created a cohort on it since the page was shown: say so rather than fail.
            return Page();
        }
        Framework.Withdraw(FollowedByACohort);
        await db.SaveChangesAsync();
        TempData["Message"] = l["La version {1} du référentiel « {0} » est retirée.", Framework.Title, Framework.Version].Value;
        return RedirectToPage("Preview", new { code, version });
    }

    private async Task<bool> LoadAsync(string code, int version)
    {
        if (await db.Frameworks.SingleOrDefaultAsync(f => f.Code == code && f.Version == version) is not { } framework)
        {
            return false;
        }
        Framework = framework;
        FollowedByACohort = await db.Cohorts.AnyAsync(c => c.FrameworkId == framework.Id);
        return true;
    }
}
