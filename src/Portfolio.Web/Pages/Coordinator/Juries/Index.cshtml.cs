using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>
/// The juries of a cohort: members and chair, candidates, a warning when a jury is not four or its chair stepped aside
/// for a candidate (only the chair records a deliberation), and the minor conflicts waiting for a decision. The same four commands whatever the numbers.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<JuryView> Juries { get; private set; } = [];
    public int WithoutJury { get; private set; }

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        var juries = await db.Juries.Where(j => j.CohortId == cohortId).OrderBy(j => j.Name)
            .Select(j => new
            {
                j.Id, j.Name, j.ChairId,
                ToReview = db.ConflictDeclarations.Count(d => d.Level == ConflictLevel.Minor && d.WaivedAt == null && j.Candidates.Any(c => c.Id == d.JuryCandidateId)),
                Major = JuryAccess.SteppedAside(db).Count(d => j.Candidates.Any(c => c.Id == d.JuryCandidateId)),
                ChairAside = JuryAccess.SteppedAside(db).Count(d => d.JurorId == j.ChairId && j.Candidates.Any(c => c.Id == d.JuryCandidateId)),
            })
            .ToListAsync();
        var members = await db.JuryMembers.Where(m => m.Jury.CohortId == cohortId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.JuryId, u.Id, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        var candidates = await db.JuryCandidates.Where(c => c.CohortId == cohortId)
            .Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new { c.Id, c.JuryId, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        WithoutJury = await JuryChoices.WithoutJury(db, cohortId).CountAsync();
        Juries = juries.Select(j => new JuryView(j.Id, j.Name,
            members.Where(m => m.JuryId == j.Id).Select(m => new PersonView(m.Id, $"{m.FirstName} {m.LastName}", m.Id == j.ChairId)).ToList(),
            candidates.Where(c => c.JuryId == j.Id).Select(c => new CandidateView(c.Id, $"{c.FirstName} {c.LastName}")).ToList(),
            j.ToReview, j.Major, j.ChairAside)).ToList();
        return Page();
    }

    public sealed record JuryView(int Id, string Name, IReadOnlyList<PersonView> Members, IReadOnlyList<CandidateView> Candidates, int ConflictsToReview, int MajorConflicts,
        int ChairSteppedAside)
    {
        public bool HasUsualSize => Members.Count == Jury.UsualSize;
        public bool HasChair => Members.Any(m => m.IsChair);
    }

    public sealed record PersonView(string Id, string Name, bool IsChair);
    public sealed record CandidateView(int Id, string Name);
}
