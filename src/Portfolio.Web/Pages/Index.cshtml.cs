using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages;

public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<FrameworkLink> Frameworks { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var versions = await db.Frameworks.Published().OrderBy(f => f.Title).Select(f => new { f.Code, f.Version, f.Title }).ToListAsync();
        Frameworks = versions.GroupBy(f => f.Code).Select(g => g.MaxBy(f => f.Version)!).Select(f => new FrameworkLink(f.Code, f.Title)).ToList();
    }

    public sealed record FrameworkLink(string Code, string Title);
}
