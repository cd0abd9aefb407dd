using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Exams;

/// <summary>
/// Moves an exam or changes its room or link: the bookings follow, a clash is named, a form loaded before someone
/// else's change is shown again instead of applied; calendars get the same event with a higher SEQUENCE.
/// </summary>
public class MoveModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IExamForm
{
    [BindProperty]
    public ExamInput Input { get; set; } = new();

    public IReadOnlyList<string> Clashes { get; private set; } = [];
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string CandidateName { get; private set; } = "";

    /// <summary>The exam as stored when the save came too late (someone else changed it).</summary>
    public string? Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var exam = await LoadAsync(id);
        if (exam is null)
        {
            return NotFound();
        }
        Input = ExamInput.From(exam);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var exam = await LoadAsync(id);
        if (exam is null)
        {
            return NotFound();
        }
        var startsAt = Input.StartsAt(ModelState, l);
        if (!ModelState.IsValid || startsAt is null)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        db.Entry(exam).Property(e => e.RowVersion).OriginalValue = Input.RowVersion;
        var sequence = exam.Sequence;
        try
        {
            exam.Move(startsAt.Value, Input.Minutes!.Value, Input.Room, Input.VideoLink, now);
        }
        catch (ExamRuleException e)
        {
            ModelState.AddModelError(string.Empty, JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        if (exam.Sequence == sequence)
        {
            TempData["Message"] = l["Rien n'a changé."].Value;
            return RedirectToPage("Index", new { cohortId = CohortId });
        }
        ExamSaving.Notify(db, await ExamSaving.PeopleAsync(db, exam.JuryCandidateId), exam.StartsAt, NotificationKind.ExamMoved, User.FindFirstValue(ClaimTypes.NameIdentifier), now);
        try
        {
            Clashes = await ExamSaving.SaveAsync(db, exam, l);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Exams.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.StartsAt, e.Minutes, e.Room, e.VideoLink, e.RowVersion, e.CancelledAt }).SingleOrDefaultAsync();
            if (stored is null)
            {
                return NotFound();
            }
            Stale = stored.CancelledAt is not null
                ? l["Cet examen a été annulé entre-temps."]
                : $"{Dates.Moment(stored.StartsAt)}, {stored.Minutes} min, {stored.Room} {stored.VideoLink}".Trim();
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        if (Clashes.Count > 0)
        {
            return Page();
        }
        TempData["Message"] = l["L'examen de {0} est modifié.", CandidateName].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<Exam?> LoadAsync(int id)
    {
        if (await ExamSaving.InForceAsync(db, coordination, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, CandidateName) = (found.Exam.JuryCandidate.CohortId, found.CohortName, found.CandidateName);
        return found.Exam;
    }
}
