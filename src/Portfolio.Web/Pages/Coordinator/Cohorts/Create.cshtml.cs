using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Cohorts;

public class CreateModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CohortInput Input { get; set; } = new();

    public List<SelectListItem> Programmes { get; private set; } = [];
    public List<SelectListItem> Frameworks { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        Input.StartsOn = today;
        Input.EndsOn = today.AddMonths(10);
        await LoadChoicesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.EndsOn <= Input.StartsOn)
        {
            ModelState.AddModelError("Input.EndsOn", l["La fin doit suivre le début."]);
        }
        var programme = await coordination.Programmes.SingleOrDefaultAsync(p => p.Id == Input.ProgrammeId);
        // No framework chosen: the latest published version of the one the programme is described with (templates/programmes).
        var framework = Input.FrameworkId == 0 && programme?.FrameworkCode is { } own
            ? await db.Frameworks.Published().Where(f => f.Code == own).OrderByDescending(f => f.Version).FirstOrDefaultAsync()
            : await db.Frameworks.Published().SingleOrDefaultAsync(f => f.Id == Input.FrameworkId);
        if (programme is null)
        {
            ModelState.AddModelError("Input.ProgrammeId", l["Choisissez un programme."]);
        }
        if (framework is null)
        {
            ModelState.AddModelError("Input.FrameworkId", l["Choisissez un référentiel publié."]);
        }
        if (programme is not null && ModelState.IsValid && await db.Cohorts.AnyAsync(c => c.ProgrammeId == programme.Id && c.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Ce programme a déjà une promotion « {0} ».", Input.Name]);
        }
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        var cohort = new Cohort(programme!, Input.Name, framework!, Input.StartsOn, Input.EndsOn);
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync();
        TempData["Message"] = l["La promotion « {0} » a été créée.", cohort.Name].Value;
        return RedirectToPage("Details", new { id = cohort.Id });
    }

    private async Task LoadChoicesAsync()
    {
        Programmes = await coordination.Programmes.OrderBy(p => p.Title).Select(p => new SelectListItem(p.Title, p.Id.ToString())).ToListAsync();
        Frameworks = await db.Frameworks.Published().OrderBy(f => f.Title).ThenByDescending(f => f.Version)
            .Select(f => new SelectListItem(f.Title + " — v" + f.Version, f.Id.ToString())).ToListAsync();
        Frameworks.Insert(0, new SelectListItem(l["Celui du programme (dernière version publiée)"], "0"));
    }

    public sealed class CohortInput
    {
        [Display(Name = "Programme")]
        public int ProgrammeId { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom de la promotion")]
        public string Name { get; set; } = "";

        [Display(Name = "Référentiel")]
        public int FrameworkId { get; set; }

        [Display(Name = "Début")]
        public DateOnly StartsOn { get; set; }

        [Display(Name = "Fin")]
        public DateOnly EndsOn { get; set; }
    }
}
