using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>Renames a group or changes its facilitator; a form loaded before someone else's save is shown again, never applied blindly.</summary>
public class EditModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public GroupEditInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<GroupChoices.Person> Facilitators { get; private set; } = [];

    /// <summary>The stored group when the save came too late: its name and facilitator as someone else left them.</summary>
    public (string Name, string? Facilitator)? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var group = await LoadAsync(id);
        if (group is null)
        {
            return NotFound();
        }
        Input = new GroupEditInput { Name = group.Name, FacilitatorId = group.FacilitatorId, RowVersion = group.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var group = await LoadAsync(id);
        if (group is null)
        {
            return NotFound();
        }
        if (!string.IsNullOrEmpty(Input.FacilitatorId) && Facilitators.All(f => f.Id != Input.FacilitatorId))
        {
            ModelState.AddModelError("Input.FacilitatorId", l["Choisissez une personne qui a le rôle de facilitateur·rice."]);
        }
        if (ModelState.IsValid && await db.IntervisionGroups.AnyAsync(g => g.Id != id && g.CohortId == group.CohortId && g.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe « {0} ».", Input.Name.Trim()]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The version the form was loaded with: if the group changed since, the save is refused.
        db.Entry(group).Property(g => g.RowVersion).OriginalValue = Input.RowVersion;
        group.Rename(Input.Name);
        group.AssignFacilitator(Input.FacilitatorId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.IntervisionGroups.AsNoTracking().Where(g => g.Id == id)
                .Select(g => new { g.Name, g.RowVersion, Facilitator = db.Users.Where(u => u.Id == g.FacilitatorId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault() })
                .SingleOrDefaultAsync();
            if (stored is null)
            {
                return NotFound();
            }
            Conflict = (stored.Name, stored.Facilitator);
            // Keep what the coordinator typed, armed with the current version: a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe « {0} ».", Input.Name.Trim()]);
            return Page();
        }
        TempData["Message"] = l["Le groupe « {0} » est enregistré.", group.Name].Value;
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<IntervisionGroup?> LoadAsync(int id)
    {
        var found = await coordination.Groups.Where(g => g.Id == id)
            .Select(g => new { Group = g, Cohort = db.Cohorts.Where(c => c.Id == g.CohortId).Select(c => c.Name).First() })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (Id, CohortId, CohortName) = (id, found.Group.CohortId, found.Cohort);
        Facilitators = await GroupChoices.Facilitators(db).ToListAsync();
        return found.Group;
    }

    public sealed class GroupEditInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(IntervisionGroup.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom du groupe")]
        public string Name { get; set; } = "";

        [Display(Name = "Facilitateur·rice")]
        public string? FacilitatorId { get; set; }

        public uint RowVersion { get; set; }
    }
}
