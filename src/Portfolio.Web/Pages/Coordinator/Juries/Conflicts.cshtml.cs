using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Coordinator.Juries;

/// <summary>
/// The conflict-of-interest declarations of a jury: who declared what about whom and when, the minor conflicts waiting
/// for a decision first, and each waiver with who granted it, when and why. Two commands whatever the numbers.
/// </summary>
public class ConflictsModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public IReadOnlyList<DeclarationView> Declarations { get; private set; } = [];
    public int Awaiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var jury = await CoordinatedJury.All(coordination, db).Where(j => j.Id == id)
            .Select(j => new { j.CohortId, j.Name, Cohort = db.Cohorts.Where(c => c.Id == j.CohortId).Select(c => c.Name).First(), Expected = j.Members.Count * j.Candidates.Count })
            .SingleOrDefaultAsync();
        if (jury is null)
        {
            return NotFound();
        }
        (CohortId, CohortName, JuryName) = (jury.CohortId, jury.Cohort, jury.Name);
        Declarations = await db.ConflictDeclarations.Where(d => db.JuryCandidates.Any(c => c.Id == d.JuryCandidateId && c.JuryId == id))
            .Select(d => new DeclarationView(
                d.Id,
                db.Users.Where(u => u.Id == d.JurorId).Select(u => u.FirstName + " " + u.LastName).First(),
                db.JuryCandidates.Where(c => c.Id == d.JuryCandidateId).Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => u.FirstName + " " + u.LastName).First(),
                d.Level, d.Explanation, d.DeclaredAt, d.WaivedAt,
                db.Users.Where(u => u.Id == d.WaivedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                d.WaiverReason))
            .ToListAsync();
        Declarations = Declarations.OrderByDescending(d => d.AwaitsDecision).ThenBy(d => d.Candidate).ThenBy(d => d.Juror).ToList();
        Awaiting = jury.Expected - Declarations.Count;
        return Page();
    }

    public sealed record DeclarationView(int Id, string Juror, string Candidate, ConflictLevel Level, string? Explanation, DateTimeOffset DeclaredAt,
        DateTimeOffset? WaivedAt, string? WaivedBy, string? WaiverReason)
    {
        public bool AwaitsDecision => Level == ConflictLevel.Minor && WaivedAt is null;
    }
}
