using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Peer.Project;

/// <summary>A peer's transformation project, read-only; 404 for anyone <see cref="ItemAccess"/> does not let read it.</summary>
public class DetailsModel(PortfolioDb db) : PageModel
{
    public ProjectSheet Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (await ProjectSheet.LoadAsync(db.TransformationProjects.ReadableBy(db, me).Where(p => p.Id == id), db.Users) is not { } project)
        {
            return NotFound();
        }
        Project = project;
        return Page();
    }
}
