using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Participant.CaseStudy;

/// <summary>
/// A member submits one version as the group's final collective report, after a confirmation: the report is then locked
/// for every member. A second submission (by another member, or a double click) is refused with a message, never applied;
/// two submissions at the same moment meet the group's row version.
/// </summary>
public class SubmitModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string GroupName { get; private set; } = "";
    public int VersionNumber { get; private set; }
    public string FileName { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public bool IsSubmitted { get; private set; }
    public bool WouldBeLate { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        var me = (await myCohorts.CurrentAsync())!.OwnerId;
        var now = clock.GetUtcNow();
        try
        {
            group.SubmitFinal(id, me, now);
            foreach (var other in group.Members.Where(m => m.UserId != me))
            {
                db.Notify(other.UserId, NotificationKind.CollectiveReportSubmitted, group.Name, "/Participant/CaseStudy", me, now);
            }
            await db.SaveChangesAsync();
        }
        catch (CaseStudyRuleException e)
        {
            ModelState.AddModelError(string.Empty, CaseStudyTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(id) is null)
            {
                return NotFound();
            }
            ModelState.AddModelError(string.Empty, IsSubmitted
                ? CaseStudyTexts.Problem(l, CaseStudyProblem.AlreadySubmitted)
                : l["Le rapport a changé pendant que vous le regardiez : vérifiez les versions puis confirmez à nouveau."]);
            return Page();
        }
        TempData["Message"] = l["La version {0} est remise comme version finale du rapport collectif.", VersionNumber].Value;
        return RedirectToPage("Index");
    }

    /// <summary>The participant's group in their current cohort, when this version is one of its own; null otherwise (404).</summary>
    private async Task<CaseStudyGroup?> LoadAsync(int versionId)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return null;
        }
        var group = await MyCaseStudy.GroupOf(db, cohort).Where(g => g.Versions.Any(v => v.Id == versionId))
            .Include(g => g.Members).Include(g => g.Versions.Where(v => v.Id == versionId))
            .SingleOrDefaultAsync();
        if (group is null)
        {
            return null;
        }
        var version = group.Versions.Single();
        (GroupName, VersionNumber, FileName, Deadline, IsSubmitted) = (group.Name, version.Number, version.FileName, group.Deadline, group.IsSubmitted);
        WouldBeLate = Core.Text.Dates.InBrussels(clock.GetUtcNow()) > group.Deadline;
        return group;
    }
}
