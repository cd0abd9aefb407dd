using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// The ZIP of the juror's jury pack, when <see cref="JuryAccess.PacksOpenTo"/> opens it to them; any other pack, or one
/// that does not exist, is not found (404).
/// </summary>
public class PackModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var pack = await JuryAccess.PacksOpenTo(db, me).AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.FileId, p.FileName }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (pack is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, pack.FileId, JuryPackBuilder.ContentType, pack.FileName);
    }
}
