using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// Progression between campaigns: the mean level of each pillar (a radar, or bars while fewer than three pillars are
/// assessed, since a radar of one or two points draws nothing readable) and each objective's level history, each chart
/// with its data table.
/// </summary>
public class ProgressionModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    /// <summary>Below this many assessed pillars a radar degenerates into a point or a line.</summary>
    public const int RadarMinimum = 3;

    public PortfolioOverview? Overview { get; private set; }

    /// <summary>"radar" or "bar".</summary>
    public string PillarChart { get; private set; } = "radar";

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
        var f = o.Framework;
        var assessedPillars = f.Pillars.Count(p => o.Campaigns.Any(c => o.PillarAverage(p, c.Id) is not null));
        PillarChart = assessedPillars < RadarMinimum ? "bar" : "radar";
        ChartData = JsonSerializer.Serialize(new
        {
            pillarChart = PillarChart,
            maxLevel = f.MaxLevel,
            // Charts name each pillar: its code and its title (the script wraps long titles over several lines).
            pillars = f.Pillars.Select(p => new { code = p.Code, title = p.Title }),
            objectives = f.Objectives.Select(obj => obj.Code),
            campaigns = o.Campaigns.Select(c => new
            {
                name = c.Name,
                pillarAverages = f.Pillars.Select(p => o.PillarAverage(p, c.Id)),
                objectiveLevels = f.Objectives.Select(obj => o.LevelIn(c.Id, obj.Id)),
            }),
        });
    }
}
