using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>Submits the final presentation for the jury, after a confirmation; from then on it is frozen.</summary>
public class SubmitModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public uint RowVersion { get; set; }

    public string Title { get; private set; } = "";
    public DateOnly? PresentationOn { get; private set; }
    public string? FileName { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ProjectAsync(tracked: false) is not { } project)
        {
            return NotFound();
        }
        Show(project);
        RowVersion = project.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ProjectAsync(tracked: true) is not { } project)
        {
            return NotFound();
        }
        Show(project);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            project.SubmitPresentation(clock.GetUtcNow());
        }
        catch (ProjectRuleException refused)
        {
            ModelState.AddModelError(string.Empty, ProjectTexts.Problem(l, refused.Problem));
            return Page();
        }
        if (!await ProjectTexts.SaveUnlessStaleAsync(db, project, RowVersion, ModelState, l))
        {
            return Page();
        }
        TempData["Message"] = l["Votre présentation finale a été remise."].Value;
        return RedirectToPage("Index");
    }

    private void Show(TransformationProject project) =>
        (Title, PresentationOn, FileName, SubmittedAt) = (project.Title, project.PresentationOn, project.PresentationFileName, project.PresentationSubmittedAt);

    private async Task<TransformationProject?> ProjectAsync(bool tracked)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return null;
        }
        var query = db.TransformationProjects.In(cohort);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }
}
