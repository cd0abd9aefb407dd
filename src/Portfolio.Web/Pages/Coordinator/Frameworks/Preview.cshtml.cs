using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>A version of any state as the public page shows it (or will, once published), with what may be done with it.</summary>
public class PreviewModel(PortfolioDb db, FrameworkModels models) : PageModel
{
    public FrameworkModel Framework { get; private set; } = null!;
    public FrameworkState State { get; private set; }
    public int Cohorts { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int version)
    {
        var found = await db.Frameworks.Where(f => f.Code == code && f.Version == version)
            .Select(f => new { f.Id, f.Revision, f.State, Cohorts = db.Cohorts.Count(c => c.FrameworkId == f.Id) })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        // The revision read here changes when the draft is imported again: the preview never shows an older tree.
        Framework = await models.GetAsync(db, found.Id, found.Revision);
        State = found.State;
        Cohorts = found.Cohorts;
        return Page();
    }
}
