using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// Downloads an attachment of an evidence item the person may read — their own, or a peer's shared with them
/// (<see cref="ItemAccess"/>) — streamed from PostgreSQL; 404 for anyone else. Served as a download
/// (Content-Disposition: attachment) with the type the server chose when it checked the file, never the one the
/// browser sent.
/// </summary>
public class AttachmentModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var attachment = await db.Attachments.ReadableBy(db, me).Where(a => a.Id == id)
            .Select(a => new { a.FileName, a.ContentType, a.StoredFileId })
            .SingleOrDefaultAsync();
        if (attachment is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, attachment.StoredFileId, attachment.ContentType, attachment.FileName);
    }
}
