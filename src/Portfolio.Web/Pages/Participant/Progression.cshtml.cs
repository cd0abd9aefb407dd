using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>Progression between campaigns: a radar by pillar and each objective's level history, each with its data table.</summary>
public class ProgressionModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
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
        var o = await PortfolioOverview.LoadAsync(db, frameworks, cohort.OwnerId, cohort);
        Overview = o;
        ChartData = JsonSerializer.Serialize(new
        {
            maxLevel = o.Framework.MaxLevel,
            pillars = o.Framework.Pillars.Select(p => p.Code),
            objectives = o.Framework.Objectives.Select(obj => obj.Code),
            campaigns = o.Campaigns.Select(c => new
            {
                name = c.Name,
                pillarAverages = o.Framework.Pillars.Select(p => o.PillarAverage(p, c.Id)),
                objectiveLevels = o.Framework.Objectives.Select(obj => o.LevelIn(c.Id, obj.Id)),
            }),
        });
    }
}
