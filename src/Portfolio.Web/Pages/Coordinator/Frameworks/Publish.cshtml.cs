using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>Makes a draft (or a withdrawn version) public and usable by cohorts, after a confirmation.</summary>
public class PublishModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Framework Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int version)
    {
        if (await db.Frameworks.SingleOrDefaultAsync(f => f.Code == code && f.Version == version) is not { } framework)
        {
            return NotFound();
        }
        Framework = framework;
        return framework.IsPublished ? RedirectToPage("Preview", new { code, version }) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int version)
    {
        if (await db.Frameworks.SingleOrDefaultAsync(f => f.Code == code && f.Version == version) is not { } framework)
        {
            return NotFound();
        }
        if (!framework.IsPublished)
        {
            framework.Publish();
            await db.SaveChangesAsync();
            TempData["Message"] = l["La version {1} du référentiel « {0} » est publiée.", framework.Title, framework.Version].Value;
        }
        return RedirectToPage("/Frameworks/Details", new { code, version });
    }
}
