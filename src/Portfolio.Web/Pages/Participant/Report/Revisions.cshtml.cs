using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Report;

/// <summary>The drafts of one section of the individual report, newest first, each with its word count and text.</summary>
public class RevisionsModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<Draft> Drafts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        if (ReportSections.For(framework).FirstOrDefault(p => p.Key == key) is not { } plan)
        {
            return NotFound();
        }
        (Key, Title) = (plan.Key, ReportText.SectionTitle(l, plan.Key, plan.Title));
        Drafts = await db.IndividualReports.Where(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId)
            .SelectMany(r => r.Sections).Where(s => s.Key == key).SelectMany(s => s.Revisions)
            .OrderByDescending(r => r.SavedAt).ThenByDescending(r => r.Id)
            .Select(r => new Draft(r.Id, r.SavedAt, r.Words, r.Text)).ToListAsync();
        return Page();
    }

    public sealed record Draft(int Id, DateTimeOffset SavedAt, int Words, string Text);
}
