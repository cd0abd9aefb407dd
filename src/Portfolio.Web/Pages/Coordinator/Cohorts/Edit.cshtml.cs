using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Cohorts;

/// <summary>Renames or reschedules a cohort; a stale form (someone saved in between) is shown, never applied blindly.</summary>
public class EditModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CohortEditInput Input { get; set; } = new();

    public int Id { get; private set; }
    public CohortEditInput? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var cohort = await coordination.Cohorts.SingleOrDefaultAsync(c => c.Id == id);
        if (cohort is null)
        {
            return NotFound();
        }
        Id = id;
        Input = CohortEditInput.From(cohort);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        Id = id;
        var cohort = await coordination.Cohorts.SingleOrDefaultAsync(c => c.Id == id);
        if (cohort is null)
        {
            return NotFound();
        }
        if (Input.EndsOn <= Input.StartsOn)
        {
            ModelState.AddModelError("Input.EndsOn", l["La fin doit suivre le début."]);
        }
        if (ModelState.IsValid && await db.Cohorts.AnyAsync(c => c.Id != id && c.ProgrammeId == cohort.ProgrammeId && c.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Ce programme a déjà une promotion « {0} ».", Input.Name]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The version the form was loaded with: if the row changed since, SaveChanges refuses.
        db.Entry(cohort).Property(c => c.RowVersion).OriginalValue = Input.RowVersion;
        cohort.Rename(Input.Name);
        cohort.Reschedule(Input.StartsOn, Input.EndsOn);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Cohorts.AsNoTracking().SingleAsync(c => c.Id == id);
            Conflict = CohortEditInput.From(current);
            // Keep what the person typed, but arm the form with the current version so a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current.RowVersion;
            return Page();
        }
        TempData["Message"] = l["La promotion a été enregistrée."].Value;
        return RedirectToPage("Details", new { id });
    }

    public sealed class CohortEditInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom de la promotion")]
        public string Name { get; set; } = "";

        [Display(Name = "Début")]
        public DateOnly StartsOn { get; set; }

        [Display(Name = "Fin")]
        public DateOnly EndsOn { get; set; }

        public uint RowVersion { get; set; }

        public static CohortEditInput From(Portfolio.Core.Cohorts.Cohort c) =>
            new() { Name = c.Name, StartsOn = c.StartsOn, EndsOn = c.EndsOn, RowVersion = c.RowVersion };
    }
}
