using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Participant.CaseStudy;

/// <summary>Downloads a version of the collective report for a member of the group (<see cref="CaseStudyAccess"/>); 404 for anyone else.</summary>
public class VersionModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var version = await db.ReportVersions.ReadableBy(db, me).Where(v => v.Id == id)
            .Select(v => new { v.FileName, v.ContentType, v.StoredFileId })
            .SingleOrDefaultAsync();
        if (version is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, version.StoredFileId, version.ContentType, version.FileName);
    }
}
