using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Journal;

public class IndexModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public bool Enrolled { get; private set; }
    public IReadOnlyList<EntryView> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cohort = await myCohorts.CurrentAsync();
        Enrolled = cohort is not null;
        if (cohort is null)
        {
            return;
        }
        var ties = new JournalTies(await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision));
        var entries = await db.JournalEntries.In(cohort)
            .OrderByDescending(j => j.WrittenOn).ThenByDescending(j => j.Id)
            .Select(j => new { j.Id, j.WrittenOn, j.Title, j.Body, j.PillarId, j.LeadershipCompetencyId, j.ObjectiveId, j.Visibility })
            .ToListAsync();
        Entries = entries.Select(j => new EntryView(j.Id, j.WrittenOn, j.Title, j.Body, ties.Describe(j.PillarId, j.LeadershipCompetencyId, j.ObjectiveId), j.Visibility)).ToList();
    }

    public sealed record EntryView(int Id, DateOnly WrittenOn, string Title, string Body, string? Tie, Visibility Visibility);
}
