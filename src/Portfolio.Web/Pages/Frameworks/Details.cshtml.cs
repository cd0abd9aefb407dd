using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

/// <summary>The public matrix of one published framework version: pillars and objectives, outcomes expandable, the axes across.</summary>
public class DetailsModel(PortfolioDb db) : PageModel
{
    public FrameworkView Framework { get; private set; } = null!;
    public IReadOnlyList<int> OtherVersions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int? version)
    {
        // Drafts and withdrawn versions are not public: their URL answers as if they did not exist.
        var versions = await db.Frameworks.Published().Where(f => f.Code == code).Select(f => f.Version).OrderByDescending(v => v).ToListAsync();
        var chosen = version ?? (versions.Count > 0 ? versions[0] : 0);
        if (!versions.Contains(chosen))
        {
            return NotFound();
        }
        var framework = await db.Frameworks.AsNoTracking().LoadWholeAsync(code, chosen);
        Framework = FrameworkView.From(framework!);
        OtherVersions = versions.Where(v => v != chosen).ToList();
        return Page();
    }
}
