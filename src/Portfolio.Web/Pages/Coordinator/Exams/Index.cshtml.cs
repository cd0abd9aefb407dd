using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Exams;

/// <summary>
/// The cohort's oral exams in time order (cancelled ones after, struck through in words), and the candidates whose
/// exam is still to plan. Three commands whatever the numbers.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<ExamView> Exams { get; private set; } = [];
    public IReadOnlyList<ToPlanView> ToPlan { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        Exams = await db.Exams.Where(e => e.JuryCandidate.CohortId == cohortId)
            .OrderBy(e => e.CancelledAt != null).ThenBy(e => e.StartsAt)
            .Select(e => new ExamView(
                e.Id,
                db.Users.Where(u => u.Id == e.JuryCandidate.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                e.JuryCandidate.Jury.Name,
                e.StartsAt, e.Minutes, e.Room, e.VideoLink, e.CancelledAt))
            .ToListAsync();
        ToPlan = await db.JuryCandidates.Where(c => c.CohortId == cohortId && !db.Exams.Any(e => e.JuryCandidateId == c.Id && e.CancelledAt == null))
            .Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new { c.Id, Jury = c.Jury.Name, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .Select(x => new ToPlanView(x.Id, x.FirstName + " " + x.LastName, x.Jury))
            .ToListAsync();
        return Page();
    }

    public sealed record ExamView(int Id, string Candidate, string Jury, DateTimeOffset StartsAt, int Minutes, string? Room, string? VideoLink, DateTimeOffset? CancelledAt)
    {
        public DateTimeOffset EndsAt => StartsAt.AddMinutes(Minutes);
    }

    public sealed record ToPlanView(int JuryCandidateId, string Candidate, string Jury);
}
