using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// Marks one of the participant's evidence items for assessment, or unmarks it (the toggle on its details page): the
/// items so marked are copied into the snapshot when the participant submits.
/// </summary>
public class MarkModel(PortfolioDb db, MyCohorts myCohorts, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet(int id) => RedirectToPage("Details", new { id });

    public async Task<IActionResult> OnPostAsync(int id, bool marked)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var evidence = await db.Evidence.In(cohort).SingleOrDefaultAsync(e => e.Id == id);
        if (evidence is null)
        {
            return NotFound();
        }
        evidence.MarkForAssessment(marked);
        await db.SaveChangesAsync();
        TempData["Message"] = marked
            ? l["La preuve sera jointe à votre dépôt pour l'évaluation."].Value
            : l["La preuve ne sera plus jointe à votre dépôt pour l'évaluation."].Value;
        return RedirectToPage("Details", new { id });
    }
}
