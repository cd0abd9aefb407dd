using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;
using Portfolio.Core.Scoring;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Results;

/// <summary>
/// Releases a cohort's results, all at once: refused while a candidate has no decision (the page names them), done once
/// (a second release finds it done). Each candidate is notified in the same save.
/// </summary>
public class ReleaseModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public CohortResults Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var results = await CohortResults.LoadAsync(db, coordination.Cohorts, cohortId);
        if (results is null)
        {
            return NotFound();
        }
        Results = results;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int cohortId)
    {
        var results = await CohortResults.LoadAsync(db, coordination.Cohorts, cohortId);
        if (results is null)
        {
            return NotFound();
        }
        Results = results;
        if (results.ReleasedAt is not null)
        {
            return RedirectToPage("Index", new { cohortId });
        }
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var now = clock.GetUtcNow();
        try
        {
            db.ResultsReleases.Add(ResultsRelease.Release(cohortId, results.Candidates.Count, results.MissingDecisions.Select(c => c.Name).ToList(), me, now));
        }
        catch (ScoringRuleException e)
        {
            ModelState.AddModelError(string.Empty, ScoringTexts.Problem(l, e.Problem));
            return Page();
        }
        foreach (var candidate in results.Candidates)
        {
            db.Notify(candidate.ParticipantId, NotificationKind.ResultsReleased, results.CohortName, "/Participant/Results", me, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another coordinator released them meanwhile (one release per cohort): nothing more to do.
            return RedirectToPage("Index", new { cohortId });
        }
        TempData["Message"] = l["Les résultats de {0} sont publiés : {1}.", results.CohortName,
            l.Plural(results.Candidates.Count, "{0} candidat en est averti", "{0} candidats en sont avertis")].Value;
        return RedirectToPage("Index", new { cohortId });
    }
}
