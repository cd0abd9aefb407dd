using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>Every framework version, drafts and withdrawn ones included, with the cohorts that follow each.</summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Versions = await db.Frameworks
            .OrderBy(f => f.Title).ThenBy(f => f.Code).ThenByDescending(f => f.Version)
            .Select(f => new VersionRow(f.Code, f.Version, f.Title, f.State, f.ImportedAt, db.Cohorts.Count(c => c.FrameworkId == f.Id)))
            .ToListAsync();
    }

    public sealed record VersionRow(string Code, int Version, string Title, FrameworkState State, DateTimeOffset ImportedAt, int Cohorts);
}
