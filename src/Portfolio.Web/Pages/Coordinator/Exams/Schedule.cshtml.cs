using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Exams;

/// <summary>
/// Plans a candidate's oral exam. The jurors, the candidate and the room are booked with it; the database refuses a
/// double booking and the page says what clashes with what. The candidate and the jurors are told.
/// </summary>
public class ScheduleModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, IExamForm
{
    [BindProperty]
    public ExamInput Input { get; set; } = new() { Minutes = 45 };

    public IReadOnlyList<string> Clashes { get; private set; } = [];
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string CandidateName { get; private set; } = "";
    public string JuryName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int juryCandidateId) => await LoadAsync(juryCandidateId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int juryCandidateId)
    {
        var candidate = await LoadAsync(juryCandidateId);
        if (candidate is null)
        {
            return NotFound();
        }
        var startsAt = Input.StartsAt(ModelState, l);
        if (!ModelState.IsValid || startsAt is null)
        {
            return Page();
        }
        if (await db.Exams.AnyAsync(e => e.JuryCandidateId == juryCandidateId && e.CancelledAt == null))
        {
            ModelState.AddModelError(string.Empty, l["Cet examen est déjà planifié."]);
            return Page();
        }
        var now = clock.GetUtcNow();
        var sitting = await ExamSchedule.SittingJurorsAsync(db, candidate.Jury.Members.Select(m => m.UserId).ToList(), [candidate.Id]);
        Exam exam;
        try
        {
            exam = new Exam(candidate, sitting[candidate.Id], startsAt.Value, Input.Minutes!.Value, Input.Room, Input.VideoLink, now);
        }
        catch (ExamRuleException e)
        {
            ModelState.AddModelError(string.Empty, JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        db.Exams.Add(exam);
        ExamSaving.Notify(db, await ExamSaving.PeopleAsync(db, juryCandidateId), exam.StartsAt, NotificationKind.ExamScheduled, User.FindFirstValue(ClaimTypes.NameIdentifier), now);
        Clashes = await ExamSaving.SaveAsync(db, exam, l);
        if (Clashes.Count > 0)
        {
            return Page();
        }
        TempData["Message"] = l["L'examen de {0} est planifié.", CandidateName].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<JuryCandidate?> LoadAsync(int juryCandidateId)
    {
        var found = await db.JuryCandidates.Where(c => c.Id == juryCandidateId && coordination.Cohorts.Any(k => k.Id == c.CohortId))
            .Include(c => c.Jury).ThenInclude(j => j.Members)
            .Select(c => new
            {
                Candidate = c,
                Cohort = db.Cohorts.Where(k => k.Id == c.CohortId).Select(k => k.Name).First(),
                Name = db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (CohortId, CohortName, CandidateName, JuryName) = (found.Candidate.CohortId, found.Cohort, found.Name, found.Candidate.Jury.Name);
        return found.Candidate;
    }
}
