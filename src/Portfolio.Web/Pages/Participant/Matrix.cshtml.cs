using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// The competency matrix: one grid for every pillar, an objective a row, with its latest level, evidence, outcome
/// coverage and evidence per horizontal axis (a heat-map); each leadership competency after the pillar it follows.
/// </summary>
public class MatrixModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    /// <summary>Colour steps of the level scale (site.css .level-1 to .level-4), whatever the number of levels.</summary>
    private const int LevelSteps = 4;

    public PortfolioOverview? Overview { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is { } cohort)
        {
            Overview = await PortfolioOverview.LoadAsync(db, frameworks, cohort.OwnerId, cohort);
        }
    }

    /// <summary>The colour of a level by its place on the framework's scale: the lowest level is step 1, the highest step 4.</summary>
    public static string LevelClass(FrameworkModel framework, int level)
    {
        var index = framework.Scale.Select(l => l.Value).ToList().IndexOf(level);
        if (index < 0 || framework.Scale.Count < 2)
        {
            return "level-1";
        }
        return $"level-{1 + (int)Math.Round((LevelSteps - 1) * index / (double)(framework.Scale.Count - 1))}";
    }

    /// <summary>Heat of an objective × axis cell: none, one, two, three or more evidence items.</summary>
    public static string HeatClass(int count) => $"heat-{Math.Min(count, 3)}";
}
