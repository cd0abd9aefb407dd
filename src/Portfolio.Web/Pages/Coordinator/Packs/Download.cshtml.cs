using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Coordinator.Packs;

/// <summary>A jury pack's current ZIP, for the coordinators of its cohort; anyone else, or a pack that does not exist, gets 404.</summary>
public class DownloadModel(PortfolioDb db, Coordination coordination, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var pack = await db.JuryPacks.AsNoTracking().Where(p => p.Id == id && coordination.Cohorts.Any(c => c.Id == p.CohortId))
            .Select(p => new { p.FileId, p.FileName }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (pack is null)
        {
            return NotFound();
        }
        // The pack holds its file (a foreign key keeps it): it is there to be read.
        return await this.StoredFileAsync(files, pack.FileId, JuryPackBuilder.ContentType, pack.FileName);
    }
}
