using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<FrameworkRow> Frameworks { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Frameworks = await db.Frameworks.Published()
            .OrderBy(f => f.Title).ThenByDescending(f => f.Version)
            .Select(f => new FrameworkRow(f.Code, f.Version, f.Title, f.PillarLabel, f.Pillars.Count, f.Pillars.SelectMany(p => p.Objectives).Count()))
            .ToListAsync();
    }

    public sealed record FrameworkRow(string Code, int Version, string Title, string PillarLabel, int Pillars, int Objectives);
}
