using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>
/// Deletes one of the participant's evidence items after a confirmation, with its history and its attachments (the stored
/// files too: nothing of it is left in the database). Self-assessments that cited it keep their level and text; the link
/// simply no longer shows.
/// </summary>
public class DeleteModel(PortfolioDb db, FileStore files, MyCohorts myCohorts, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public IReadOnlyList<string> AttachmentNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var item = await db.Evidence.In(cohort).Where(e => e.Id == id)
            .Select(e => new { e.Title, e.OccurredOn, Attachments = e.Attachments.OrderBy(a => a.UploadedAt).Select(a => a.FileName).ToList() })
            .SingleOrDefaultAsync();
        if (item is null)
        {
            return NotFound();
        }
        (Id, Title, OccurredOn, AttachmentNames) = (id, item.Title, item.OccurredOn, item.Attachments);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var evidence = await db.Evidence.In(cohort).Include(e => e.Attachments).SingleOrDefaultAsync(e => e.Id == id);
        if (evidence is null)
        {
            return NotFound();
        }
        var storedFiles = evidence.Attachments.Select(a => a.StoredFileId).ToList();
        // The item, its attachments and their bytes go together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Evidence.Remove(evidence);
        await db.SaveChangesAsync();
        foreach (var file in storedFiles)
        {
            await files.DeleteAsync(file);
        }
        await transaction.CommitAsync();
        TempData["Message"] = l["La preuve « {0} » a été supprimée.", evidence.Title].Value;
        return RedirectToPage("Index");
    }
}
