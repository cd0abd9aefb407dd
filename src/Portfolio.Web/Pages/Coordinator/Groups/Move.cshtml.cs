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

/// <summary>Moves a member to another group of the same cohort, in one save.</summary>
public class MoveModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choisissez un groupe.")]
    [Display(Name = "Nouveau groupe")]
    public int? TargetGroupId { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public string PersonName { get; private set; } = "";
    public IReadOnlyList<Target> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string userId) => await LoadAsync(id, userId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id, string userId)
    {
        var group = await LoadAsync(id, userId);
        if (group is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Only a group of the same cohort the coordinator manages: another cohort's id is simply not among them.
        var target = await coordination.Groups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == TargetGroupId && g.CohortId == group.CohortId && g.Id != id);
        if (target is null)
        {
            ModelState.AddModelError(nameof(TargetGroupId), l["Choisissez un autre groupe de la même promotion."]);
            return Page();
        }
        try
        {
            group.MoveTo(userId, target, clock.GetUtcNow());
        }
        catch (GroupRuleException e)
        {
            ModelState.AddModelError(nameof(TargetGroupId), GroupTexts.Problem(l, e.Problem));
            return Page();
        }
        CoordinatedGroup.GuardMembers(db, target);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The target filled up, or the person was moved elsewhere, since the page was read.
            db.ChangeTracker.Clear();
            if (await LoadAsync(id, userId) is null)
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(TargetGroupId), l["Ce groupe a changé pendant que vous le modifiiez : vérifiez-le puis recommencez."]);
            return Page();
        }
        TempData["Message"] = l["{0} est passé·e du groupe « {1} » au groupe « {2} ».", PersonName, group.Name, target.Name].Value;
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<IntervisionGroup?> LoadAsync(int id, string userId)
    {
        if (await CoordinatedGroup.LoadAsync(coordination, db, id) is not { } found || found.Group.Members.All(m => m.UserId != userId))
        {
            return null;
        }
        var group = found.Group;
        (CohortId, CohortName, GroupName) = (group.CohortId, found.CohortName, group.Name);
        PersonName = await CoordinatedGroup.NameAsync(db, userId) ?? "";
        Targets = await db.IntervisionGroups.Where(g => g.CohortId == group.CohortId && g.Id != id).OrderBy(g => g.Name)
            .Select(g => new Target(g.Id, g.Name, g.Members.Count))
            .ToListAsync();
        return group;
    }

    public sealed record Target(int Id, string Name, int Members)
    {
        public bool IsFull => Members >= IntervisionGroup.MaxMembers;
    }
}
