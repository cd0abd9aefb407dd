using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Portfolio.Web.Pages.Coordinator;

public class IndexModel(Coordination coordination) : PageModel
{
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Programmes = await coordination.Programmes
            .OrderBy(p => p.Title)
            .Select(p => new ProgrammeRow(p.Id, p.Code, p.Title, p.Components, p.Cohorts
                .OrderByDescending(c => c.StartsOn)
                .Select(c => new CohortRow(c.Id, c.Name, c.Framework.Title, c.Framework.Version, c.StartsOn, c.EndsOn, c.Enrolments.Count(e => e.WithdrawnAt == null)))
                .ToList()))
            .ToListAsync();
    }

    public sealed record ProgrammeRow(int Id, string Code, string Title, Portfolio.Core.Cohorts.ProgrammeComponents Components, IReadOnlyList<CohortRow> Cohorts);
    public sealed record CohortRow(int Id, string Name, string Framework, int FrameworkVersion, DateOnly StartsOn, DateOnly EndsOn, int Participants);
}
