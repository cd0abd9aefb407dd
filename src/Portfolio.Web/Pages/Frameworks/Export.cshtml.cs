using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Frameworks;

/// <summary>A published framework in its public JSON format; importing this file gives back the same framework.</summary>
public class ExportModel(PortfolioDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, int? version)
    {
        var published = db.Frameworks.Published();
        var chosen = version ?? await published.Where(f => f.Code == code).MaxAsync(f => (int?)f.Version);
        if (chosen is null)
        {
            return NotFound();
        }
        var framework = await published.AsNoTracking().LoadWholeAsync(code, chosen.Value);
        if (framework is null)
        {
            return NotFound();
        }
        return File(Encoding.UTF8.GetBytes(framework.ToDocument().ToJson()), "application/json; charset=utf-8", $"{framework.Code}-v{framework.Version}.json");
    }
}
