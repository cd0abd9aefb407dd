using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant.Journal;

/// <summary>Deletes one reflection of the participant's own journal, after a confirmation.</summary>
public class DeleteModel(PortfolioDb db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly WrittenOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var userId = users.GetUserId(User)!;
        var entry = await db.JournalEntries.Where(j => j.Id == id && j.OwnerId == userId).Select(j => new { j.Title, j.WrittenOn }).SingleOrDefaultAsync();
        if (entry is null)
        {
            return NotFound();
        }
        (Id, Title, WrittenOn) = (id, entry.Title, entry.WrittenOn);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var userId = users.GetUserId(User)!;
        var entry = await db.JournalEntries.SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == userId);
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
