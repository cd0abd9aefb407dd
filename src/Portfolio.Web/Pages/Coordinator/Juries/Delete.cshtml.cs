using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Storage;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>Deletes a jury after a confirmation; refused while one of its exams is planned (cancel them first).</summary>
public class DeleteModel(PortfolioDb db, Coordination coordination, FileStore files, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public int CandidateCount { get; private set; }
    public bool HasExams { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var jury = await LoadAsync(id);
        if (jury is null)
        {
            return NotFound();
        }
        if (HasExams)
        {
            ModelState.AddModelError(string.Empty, JuryTexts.Problem(l, JuryProblem.HasExams));
            return Page();
        }
        // Members, candidates, declarations, cancelled exams and the jury's pack go with the jury (cascade); the pack's
        // stored file is not referenced by anything else, so it goes too (the row cascade cannot reach it).
        await using var transaction = await db.Database.BeginTransactionAsync();
        var packFiles = await db.JuryPacks.Where(p => p.JuryId == jury.Id).Select(p => p.FileId).ToListAsync();
        db.Juries.Remove(jury);
        await db.SaveChangesAsync();
        foreach (var file in packFiles)
        {
            await files.DeleteAsync(file);
        }
        await transaction.CommitAsync();
        TempData["Message"] = l["Le jury « {0} » est supprimé ; ses candidats sont sans jury.", jury.Name].Value;
        return RedirectToPage("Index", new { cohortId = jury.CohortId });
    }

    private async Task<Jury?> LoadAsync(int id)
    {
        if (await CoordinatedJury.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, JuryName, CandidateCount) = (found.Jury.CohortId, found.CohortName, found.Jury.Name, found.Jury.Candidates.Count);
        HasExams = await db.Exams.AnyAsync(e => e.JuryCandidate.JuryId == id && e.CancelledAt == null);
        return found.Jury;
    }
}
