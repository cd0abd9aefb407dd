using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Core.Submissions;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Submissions;

/// <summary>
/// Downloads a file copied into a submitted snapshot, for whoever may read the snapshot (<see cref="SubmissionAccess"/>:
/// the participant who submitted it, a coordinator of the programme, a juror to whom the candidate is open); 404 for
/// anyone else. Never a file of the live portfolio.
/// </summary>
public class FileModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var file = await db.SubmissionFiles.ReadableBy(db, me).Where(f => f.Id == id)
            .Select(f => new { f.FileName, f.ContentType, f.StoredFileId }).SingleOrDefaultAsync();
        if (file is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, file.StoredFileId, file.ContentType, file.FileName);
    }
}
