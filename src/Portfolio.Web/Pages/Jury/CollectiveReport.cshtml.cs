using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// Downloads the final collective report of a candidate's case-study group, for a juror to whom the candidate is open
/// (<see cref="CaseStudyAccess.FinalReportOf"/>, built on JuryAccess); 404 when the candidate is not open to them, has no
/// case-study group in that cohort, or the group has not submitted its report. Never a draft version.
/// </summary>
public class CollectiveReportModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int juryCandidateId)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var report = await CaseStudyAccess.FinalReportOf(db, me, juryCandidateId)
            .Select(v => new { v.FileName, v.ContentType, v.StoredFileId })
            .SingleOrDefaultAsync();
        if (report is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, report.StoredFileId, report.ContentType, report.FileName);
    }
}
