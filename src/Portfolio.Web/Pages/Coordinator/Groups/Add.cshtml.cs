using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>Adds a participant of the cohort who has no group yet to a group that has room.</summary>
public class AddModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choisissez une personne.")]
    [Display(Name = "Participant·e")]
    public string? UserId { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public int MemberCount { get; private set; }
    public IReadOnlyList<GroupChoices.Person> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var group = await LoadAsync(id);
        if (group is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid && Candidates.All(c => c.Id != UserId))
        {
            ModelState.AddModelError(nameof(UserId), l["Choisissez un participant de la promotion qui n'a pas encore de groupe."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            group.Add(UserId!, clock.GetUtcNow());
            CoordinatedGroup.GuardMembers(db, group);
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(id) is null)
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(UserId), l["Ce groupe a changé pendant que vous le modifiiez : vérifiez-le puis recommencez."]);
            return Page();
        }
        catch (GroupRuleException e)
        {
            ModelState.AddModelError(nameof(UserId), GroupTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Placed in another group in the meantime: the index keeps one group per person.
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            ModelState.AddModelError(nameof(UserId), l["Entre-temps, cette personne a été placée dans un autre groupe."]);
            return Page();
        }
        TempData["Message"] = l["{0} a rejoint le groupe « {1} ».", await CoordinatedGroup.NameAsync(db, UserId!) ?? "", group.Name].Value;
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<IntervisionGroup?> LoadAsync(int id)
    {
        if (await CoordinatedGroup.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, GroupName, MemberCount) = (found.Group.CohortId, found.CohortName, found.Group.Name, found.Group.Members.Count);
        Candidates = await GroupChoices.WithoutGroup(db, found.Group.CohortId).ToListAsync();
        return found.Group;
    }
}
