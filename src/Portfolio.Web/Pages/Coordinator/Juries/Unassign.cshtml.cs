using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>Takes a candidate off a jury after a confirmation; refused while their exam is planned (cancel it first).</summary>
public class UnassignModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public string PersonName { get; private set; } = "";
    public bool HasExam { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var candidate = await LoadAsync(id);
        if (candidate is null)
        {
            return NotFound();
        }
        if (HasExam)
        {
            ModelState.AddModelError(string.Empty, JuryTexts.Problem(l, JuryProblem.HasExams));
            return Page();
        }
        // Declarations about this candidate and cancelled exams go with the assignment (cascade).
        db.JuryCandidates.Remove(candidate);
        await db.SaveChangesAsync();
        TempData["Message"] = l["{0} n'est plus candidat·e du jury « {1} ».", PersonName, JuryName].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<JuryCandidate?> LoadAsync(int id)
    {
        var found = await db.JuryCandidates.Where(c => c.Id == id && coordination.Cohorts.Any(k => k.Id == c.CohortId))
            .Select(c => new
            {
                Candidate = c,
                Jury = c.Jury.Name,
                Cohort = db.Cohorts.Where(k => k.Id == c.CohortId).Select(k => k.Name).First(),
                Name = db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                HasExam = db.Exams.Any(e => e.JuryCandidateId == c.Id && e.CancelledAt == null),
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (CohortId, CohortName, JuryName, PersonName, HasExam) = (found.Candidate.CohortId, found.Cohort, found.Jury, found.Name, found.HasExam);
        return found.Candidate;
    }
}
