using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant.Journal;

/// <summary>Deletes one reflection of the participant's own journal, after a confirmation.</summary>
public class DeleteModel(PortfolioDb db, MyCohorts myCohorts, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly WrittenOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var entry = await db.JournalEntries.In(cohort).Where(j => j.Id == id).Select(j => new { j.Title, j.WrittenOn }).SingleOrDefaultAsync();
        if (entry is null)
        {
            return NotFound();
        }
        (Id, Title, WrittenOn) = (id, entry.Title, entry.WrittenOn);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var entry = await db.JournalEntries.In(cohort).SingleOrDefaultAsync(j => j.Id == id);
        if (entry is null)
        {
            return NotFound();
        }
        db.JournalEntries.Remove(entry);
        await db.SaveChangesAsync();
        TempData["Message"] = l["La réflexion « {0} » a été supprimée.", entry.Title].Value;
        return RedirectToPage("Index");
    }
}
