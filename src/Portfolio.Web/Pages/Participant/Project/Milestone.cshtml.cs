using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>Adds a milestone to the participant's project, or edits one (its title, due date and note).</summary>
public class MilestoneModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public MilestoneInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (await ProjectAsync(tracked: false) is not { } project)
        {
            return NotFound();
        }
        IsNew = id is null;
        if (id is null)
        {
            Input = new MilestoneInput { DueOn = clock.Today().AddMonths(1), RowVersion = project.RowVersion };
            return Page();
        }
        if (project.Milestones.FirstOrDefault(m => m.Id == id) is not { } milestone)
        {
            return NotFound();
        }
        Input = new MilestoneInput { Title = milestone.Title, DueOn = milestone.DueOn, Note = milestone.Note, RowVersion = project.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (await ProjectAsync(tracked: true) is not { } project)
        {
            return NotFound();
        }
        IsNew = id is null;
        if (id is not null && project.Milestones.All(m => m.Id != id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        if (id is null)
        {
            project.AddMilestone(Input.Title, Input.DueOn!.Value, Input.Note ?? "", now);
        }
        else
        {
            project.EditMilestone(id.Value, Input.Title, Input.DueOn!.Value, Input.Note ?? "", now);
        }
        if (!await ProjectTexts.SaveUnlessStaleAsync(db, project, Input.RowVersion, ModelState, l))
        {
            return Page();
        }
        TempData["Message"] = l["Le jalon a été enregistré."].Value;
        return RedirectToPage("Index");
    }

    private async Task<TransformationProject?> ProjectAsync(bool tracked)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return null;
        }
        var query = db.TransformationProjects.In(cohort).Include(p => p.Milestones);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public sealed class MilestoneInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(TransformationProject.TitleLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Jalon")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Échéance")]
        public DateOnly? DueOn { get; set; }

        [StringLength(TransformationProject.NoteLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Note")]
        public string? Note { get; set; }

        public uint RowVersion { get; set; }
    }
}
