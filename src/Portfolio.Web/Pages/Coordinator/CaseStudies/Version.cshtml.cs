using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>Downloads a version of a collective report of a cohort the coordinator manages (<see cref="CaseStudyAccess"/>); 404 otherwise.</summary>
public class VersionModel(PortfolioDb db, Coordination coordination, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // This page serves coordinators: the version must also be of a cohort they manage, not merely readable as a member.
        var version = await db.ReportVersions.ReadableBy(db, me).Where(v => v.Id == id && coordination.Cohorts.Any(c => c.Id == v.Group.CohortId))
            .Select(v => new { v.FileName, v.ContentType, v.StoredFileId })
            .SingleOrDefaultAsync();
        if (version is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, version.StoredFileId, version.ContentType, version.FileName);
    }
}
