using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

/// <summary>The public matrix of one published framework version: pillars and objectives, outcomes expandable, the axes across.</summary>
public class DetailsModel(PortfolioDb db, FrameworkModels models) : PageModel
{
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<int> OtherVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int? version)
    {
        // Drafts and withdrawn versions are not public: their URL answers as if they did not exist.
        var versions = await db.Frameworks.Published().Where(f => f.Code == code)
            .OrderByDescending(f => f.Version).Select(f => new { f.Id, f.Version, f.Revision }).ToListAsync();
        var chosen = version is null ? versions.FirstOrDefault() : versions.SingleOrDefault(v => v.Version == version);
        if (chosen is null)
        {
            return NotFound();
        }
        Framework = await models.GetAsync(db, chosen.Id, chosen.Revision);
        OtherVersions = versions.Where(v => v != chosen).Select(v => v.Version).ToList();
        return Page();
    }
}
