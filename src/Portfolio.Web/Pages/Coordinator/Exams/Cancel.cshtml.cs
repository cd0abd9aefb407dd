using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;

namespace Portfolio.Web.Pages.Coordinator.Exams;

/// <summary>
/// Cancels an exam after a confirmation: the people and the room are free again; the exam stays in calendars as
/// cancelled (same UID, higher SEQUENCE), and the candidate and the jurors are told.
/// </summary>
public class CancelModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string CandidateName { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var exam = await LoadAsync(id);
        if (exam is null)
        {
            // Already cancelled (a double click) or not the coordinator's: nothing to cancel.
            return NotFound();
        }
        var now = clock.GetUtcNow();
        exam.Cancel(now);
        ExamSaving.Notify(db, await ExamSaving.PeopleAsync(db, exam.JuryCandidateId), exam.StartsAt, NotificationKind.ExamCancelled, User.FindFirstValue(ClaimTypes.NameIdentifier), now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = l["Cet examen a changé pendant que vous l'annuliez : vérifiez-le puis recommencez."].Value;
            return RedirectToPage("Index", new { cohortId = CohortId });
        }
        TempData["Message"] = l["L'examen de {0} est annulé.", CandidateName].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<Exam?> LoadAsync(int id)
    {
        if (await ExamSaving.InForceAsync(db, coordination, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, CandidateName, StartsAt) = (found.Exam.JuryCandidate.CohortId, found.CohortName, found.CandidateName, found.Exam.StartsAt);
        return found.Exam;
    }
}
