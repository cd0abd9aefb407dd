using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>Downloads a project's presentation file for a participant who may read the project (<see cref="ItemAccess"/>); 404 otherwise.</summary>
public class FileModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var file = await db.TransformationProjects.ReadableBy(db, me).Where(p => p.Id == id && p.PresentationFileId != null)
            .Select(p => new { p.PresentationFileName, p.PresentationContentType, p.PresentationFileId })
            .SingleOrDefaultAsync();
        if (file is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, file.PresentationFileId!.Value, file.PresentationContentType!, file.PresentationFileName!);
    }
}
