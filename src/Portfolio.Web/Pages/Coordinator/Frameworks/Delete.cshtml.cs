using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>Deletes a draft, after a confirmation; a version once published is never deleted.</summary>
public class DeleteModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public Framework Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int version)
    {
        if (await db.Frameworks.SingleOrDefaultAsync(f => f.Code == code && f.Version == version) is not { } framework)
        {
            return NotFound();
        }
        Framework = framework;
        return framework.CanBeReplaced ? Page() : RedirectToPage("Preview", new { code, version });
    }

    public async Task<IActionResult> OnPostAsync(string code, int version)
    {
        var framework = await db.Frameworks.LoadWholeAsync(code, version);
        if (framework is null)
        {
            return NotFound();
        }
        if (!framework.CanBeReplaced)
        {
            return RedirectToPage("Preview", new { code, version });
        }
        db.Frameworks.Remove(framework);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Le brouillon de la version {1} du référentiel « {0} » est supprimé.", framework.Title, framework.Version].Value;
        return RedirectToPage("Index");
    }
}
