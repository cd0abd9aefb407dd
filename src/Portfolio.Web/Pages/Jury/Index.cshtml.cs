using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// The juror's home: each jury they sit on, its candidates, and for each candidate whether the juror has declared on
/// conflicts of interest and may open the candidate's work (<see cref="JuryAccess"/>). Two commands whatever the numbers.
/// </summary>
public class IndexModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<JuryView> Juries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // Juries of programmes that no longer use a jury (or their packs) stay out of sight, as their pages answer 404.
        var juries = await db.Juries.Where(j => j.Members.Any(m => m.UserId == me) && db.Cohorts.Using(ProgrammeComponents.Jury).Any(c => c.Id == j.CohortId))
            .Select(j => new
            {
                j.Id,
                j.Name,
                Cohort = db.Cohorts.Where(c => c.Id == j.CohortId).Select(c => c.Programme.Title + " — " + c.Name).First(),
                IsChair = j.ChairId == me,
                // The jury's pack, and whether it is open to this juror (same command).
                Pack = db.JuryPacks.Where(p => p.JuryId == j.Id && db.Cohorts.Using(ProgrammeComponents.JuryPacks).Any(c => c.Id == j.CohortId))
                    .Select(p => new PackView(p.Id, p.Length, p.BuiltAt, JuryAccess.PacksOpenTo(db, me).Any(o => o.Id == p.Id))).FirstOrDefault(),
            })
            .OrderBy(j => j.Cohort).ThenBy(j => j.Name)
            .ToListAsync();
        var candidates = await db.JuryCandidates.Where(c => c.Jury.Members.Any(m => m.UserId == me) && db.Cohorts.Using(ProgrammeComponents.Jury).Any(k => k.Id == c.CohortId))
            .Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new
            {
                c.Id,
                c.JuryId,
                u.FirstName,
                u.LastName,
                Declaration = db.ConflictDeclarations.Where(d => d.JuryCandidateId == c.Id && d.JurorId == me)
                    .Select(d => new { d.Level, d.WaivedAt }).FirstOrDefault(),
                // Case-study groups: whether the candidate's group submitted its collective report (same command).
                HasCollectiveReport = db.CaseStudyGroups.Any(g => g.CohortId == c.CohortId && g.FinalVersionId != null && g.Members.Any(m => m.UserId == c.ParticipantId)),
            })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        Juries = juries.Select(j => new JuryView(j.Id, j.Name, j.Cohort, j.IsChair, j.Pack,
            candidates.Where(c => c.JuryId == j.Id)
                .Select(c => new CandidateView(c.Id, $"{c.FirstName} {c.LastName}", c.Declaration switch
                {
                    null => CandidateState.AwaitingDeclaration,
                    { Level: ConflictLevel.None } => CandidateState.Open,
                    { Level: ConflictLevel.Minor, WaivedAt: not null } => CandidateState.Open,
                    { Level: ConflictLevel.Minor } => CandidateState.AwaitingWaiver,
                    _ => CandidateState.SteppedAside,
                }) { HasCollectiveReport = c.HasCollectiveReport }).ToList())).ToList();
    }

    public enum CandidateState { AwaitingDeclaration, AwaitingWaiver, Open, SteppedAside }

    public sealed record JuryView(int Id, string Name, string Cohort, bool IsChair, PackView? Pack, IReadOnlyList<CandidateView> Candidates);

    /// <summary>The jury's pack as the coordination last built it; <see cref="Open"/>: the juror may download it.</summary>
    public sealed record PackView(int Id, long Length, DateTimeOffset BuiltAt, bool Open);
    public sealed record CandidateView(int Id, string Name, CandidateState State)
    {
        /// <summary>The candidate's case-study group submitted its collective report (downloadable once the candidate is open).</summary>
        public bool HasCollectiveReport { get; init; }
    }
}
