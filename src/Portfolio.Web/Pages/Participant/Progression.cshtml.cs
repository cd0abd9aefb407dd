using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>Progression between campaigns: a radar by pillar and each objective's level history, each with its data table.</summary>
public class ProgressionModel(PortfolioDb db, MyCohorts myCohorts) : PageModel
{
    public PortfolioOverview? Overview { get; private set; }

    /// <summary>The charts' data as JSON; System.Text.Json escapes &lt; and &gt;, so it is safe inside a script element.</summary>
    public string ChartData { get; private set; } = "{}";

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return;
        }
        var o = await PortfolioOverview.LoadAsync(db, cohort.OwnerId, cohort);
        Overview = o;
        ChartData = JsonSerializer.Serialize(new
        {
            maxLevel = o.Scale.Count == 0 ? 4 : o.Scale.Max(s => s.Value),
            pillars = o.Pillars.Select(p => p.Code),
            objectives = o.Objectives.Select(obj => obj.Code),
            campaigns = o.Campaigns.Select(c => new
            {
                name = c.Name,
                pillarAverages = o.Pillars.Select(p => o.PillarAverage(p, c.Id)),
                objectiveLevels = o.Objectives.Select(obj => o.LevelIn(c.Id, obj.Id)),
            }),
        });
    }
}
