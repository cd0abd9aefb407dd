using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>Reopens a submitted collective report with a reason, kept in the audit trail that members and coordinators read.</summary>
public class ReopenModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [StringLength(CaseStudyGroup.ReasonLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Raison de la réouverture")]
    public string? Reason { get; set; }

    [BindProperty]
    public uint RowVersion { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public bool IsSubmitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        RowVersion = group.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            // The version the page was loaded with: a report submitted again since is not reopened by an old page.
            db.Entry(group).Property(g => g.RowVersion).OriginalValue = RowVersion;
            var (me, now) = (User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow());
            group.Reopen(me, Reason!, now);
            foreach (var member in group.Members)
            {
                db.Notify(member.UserId, NotificationKind.CollectiveReportReopened, group.Name, "/Participant/CaseStudy", me, now);
            }
            await db.SaveChangesAsync();
        }
        catch (CaseStudyRuleException e)
        {
            ModelState.AddModelError(e.Problem == CaseStudyProblem.ReasonRequired ? nameof(Reason) : string.Empty, CaseStudyTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(id) is not { } current)
            {
                return NotFound();
            }
            ModelState.Remove(nameof(RowVersion));
            RowVersion = current.RowVersion;
            ModelState.AddModelError(string.Empty, l["Le rapport a changé pendant que vous le regardiez : vérifiez son état puis confirmez à nouveau."]);
            return Page();
        }
        TempData["Message"] = l["Le rapport du groupe « {0} » est rouvert : ses membres peuvent déposer et remettre une nouvelle version.", group.Name].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<CaseStudyGroup?> LoadAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        // The final version must be known to the rule (its number goes into the audit trail).
        await db.Entry(found.Group).Collection(g => g.Versions).Query().Where(v => v.Id == found.Group.FinalVersionId).LoadAsync();
        (CohortId, CohortName, GroupName, IsSubmitted) = (found.Group.CohortId, found.CohortName, found.Group.Name, found.Group.IsSubmitted);
        return found.Group;
    }
}
