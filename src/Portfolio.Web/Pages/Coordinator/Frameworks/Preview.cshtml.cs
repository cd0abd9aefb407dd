using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Web.Pages.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>A version of any state as the public page shows it (or will, once published), with what may be done with it.</summary>
public class PreviewModel(PortfolioDb db) : PageModel
{
    public FrameworkView Framework { get; private set; } = null!;
    public int Cohorts { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int version)
    {
        var framework = await db.Frameworks.AsNoTracking().LoadWholeAsync(code, version);
        if (framework is null)
        {
            return NotFound();
        }
        Framework = FrameworkView.From(framework);
        Cohorts = await db.Cohorts.CountAsync(c => c.FrameworkId == framework.Id);
        return Page();
    }
}
