using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>Marks a milestone of the participant's project as reached, on a day; the entity refuses a second time.</summary>
public class CompleteModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CompleteInput Input { get; set; } = new();

    public string MilestoneTitle { get; private set; } = "";
    public DateOnly? DoneOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await ProjectAsync(tracked: false) is not { } project || project.Milestones.FirstOrDefault(m => m.Id == id) is not { } milestone)
        {
            return NotFound();
        }
        (MilestoneTitle, DoneOn) = (milestone.Title, milestone.DoneOn);
        Input = new CompleteInput { DoneOn = clock.Today(), RowVersion = project.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await ProjectAsync(tracked: true) is not { } project || project.Milestones.FirstOrDefault(m => m.Id == id) is not { } milestone)
        {
            return NotFound();
        }
        (MilestoneTitle, DoneOn) = (milestone.Title, milestone.DoneOn);
        if (Input.DoneOn is { } day && day > clock.Today())
        {
            ModelState.AddModelError("Input.DoneOn", l["Un jalon est atteint aujourd'hui ou à une date passée."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            project.CompleteMilestone(id, Input.DoneOn!.Value, clock.GetUtcNow());
        }
        catch (ProjectRuleException refused)
        {
            ModelState.AddModelError(string.Empty, ProjectTexts.Problem(l, refused.Problem));
            return Page();
        }
        if (!await ProjectTexts.SaveUnlessStaleAsync(db, project, Input.RowVersion, ModelState, l))
        {
            return Page();
        }
        TempData["Message"] = l["Jalon « {0} » atteint.", milestone.Title].Value;
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

    public sealed class CompleteInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Atteint le")]
        public DateOnly? DoneOn { get; set; }

        public uint RowVersion { get; set; }
    }
}
