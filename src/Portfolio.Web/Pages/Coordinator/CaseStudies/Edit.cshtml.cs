using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>Changes a group's name, organisation and deadline; a form loaded before someone else's save is shown again, never applied blindly.</summary>
public class EditModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CaseStudyInput Input { get; set; } = new();

    [BindProperty]
    public uint RowVersion { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";

    /// <summary>The stored group when the save came too late, as someone else left it.</summary>
    public CaseStudyInput? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        Input = new CaseStudyInput { Name = group.Name, Organisation = group.Organisation, Deadline = group.Deadline };
        RowVersion = group.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        if (ModelState.IsValid && await db.CaseStudyGroups.AnyAsync(g => g.Id != id && g.CohortId == group.CohortId && g.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe d'étude de cas « {0} ».", Input.Name.Trim()]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The version the form was loaded with: if the group changed since (an edit, an upload, a submission), the save is refused.
        db.Entry(group).Property(g => g.RowVersion).OriginalValue = RowVersion;
        group.Describe(Input.Name, Input.Organisation, Input.Deadline!.Value);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.CaseStudyGroups.AsNoTracking().Where(g => g.Id == id)
                .Select(g => new { g.Name, g.Organisation, g.Deadline, g.RowVersion }).SingleOrDefaultAsync();
            if (stored is null)
            {
                return NotFound();
            }
            Conflict = new CaseStudyInput { Name = stored.Name, Organisation = stored.Organisation, Deadline = stored.Deadline };
            // Keep what the coordinator typed, armed with the current version: a second save is deliberate.
            ModelState.Remove(nameof(RowVersion));
            RowVersion = stored.RowVersion;
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe d'étude de cas « {0} ».", Input.Name.Trim()]);
            return Page();
        }
        TempData["Message"] = l["Le groupe « {0} » est enregistré.", group.Name].Value;
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<Core.CaseStudies.CaseStudyGroup?> LoadAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, GroupName) = (found.Group.CohortId, found.CohortName, found.Group.Name);
        return found.Group;
    }
}
