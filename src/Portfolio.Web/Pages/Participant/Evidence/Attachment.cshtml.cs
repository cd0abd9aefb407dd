using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// Downloads an attachment of one's own evidence, streamed from PostgreSQL. Served as a download (Content-Disposition:
/// attachment) with the type the server chose when it checked the file, never the one the browser sent.
/// </summary>
public class AttachmentModel(PortfolioDb db, FileStore files, MyCohorts myCohorts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var attachment = await db.Attachments.In(cohort).Where(a => a.Id == id)
            .Select(a => new { a.FileName, a.ContentType, a.StoredFileId })
            .SingleOrDefaultAsync();
        if (attachment is null)
        {
            return NotFound();
        }
        var content = await files.OpenReadAsync(attachment.StoredFileId, HttpContext.RequestAborted);
        Response.MarkPrivate();
        return File(content, attachment.ContentType, fileDownloadName: attachment.FileName);
    }
}
