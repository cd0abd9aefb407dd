using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Scoring;

namespace Portfolio.Web.Pages.Coordinator.Results;

/// <summary>
/// A cohort's jury results as a coordinator reads them, for the results page, its export and the release: the decisions
/// and grades, and how much jurors agreed, computed from open marks only (<see cref="Sealing"/>: a candidate whose scorers
/// have not all submitted counts as "2 sur 4", nothing more). Eight commands whatever the numbers.
/// </summary>
public sealed class CohortResults
{
    public int CohortId { get; private init; }
    public string CohortName { get; private init; } = "";
    public int ProgrammeId { get; private init; }
    public DateTimeOffset? ReleasedAt { get; private init; }
    public ScoringGrid Grid { get; private init; } = null!;
    public IReadOnlyList<JuryResults> Juries { get; private init; } = [];
    public IReadOnlyList<CandidateResult> Candidates { get; private init; } = [];

    /// <summary>Per criterion over the whole cohort: mean and largest spread, number of flagged candidates.</summary>
    public IReadOnlyDictionary<int, (decimal MeanSpread, int MaxSpread, int Flagged)> CohortSpread { get; private init; } = new Dictionary<int, (decimal, int, int)>();

    public IEnumerable<CandidateResult> MissingDecisions => Candidates.Where(c => c.Decision is null);

    /// <summary>Null when the cohort is not one the coordinator manages (<paramref name="cohorts"/> is their scope).</summary>
    public static async Task<CohortResults?> LoadAsync(PortfolioDb db, IQueryable<Core.Cohorts.Cohort> cohorts, int cohortId)
    {
        var cohort = await cohorts.Where(c => c.Id == cohortId)
            .Select(c => new { c.Name, c.ProgrammeId, ReleasedAt = db.ResultsReleases.Where(r => r.CohortId == c.Id).Select(r => (DateTimeOffset?)r.ReleasedAt).FirstOrDefault() })
            .SingleOrDefaultAsync();
        if (cohort is null)
        {
            return null;
        }
        var grid = await ScoringGrids.OfCohort(db, cohortId).AsNoTracking().SingleOrDefaultAsync();
        if (grid is null)
        {
            return null;
        }
        var juries = await db.Juries.Where(j => j.CohortId == cohortId).OrderBy(j => j.Name).Select(j => new { j.Id, j.Name }).ToListAsync();
        var members = await db.JuryMembers.Where(m => m.Jury.CohortId == cohortId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.JuryId, u.Id, Name = u.FirstName + " " + u.LastName, u.LastName })
            .OrderBy(m => m.LastName).ToListAsync();
        var inCohort = db.JuryCandidates.Where(c => c.CohortId == cohortId);
        var candidates = await inCohort.Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new { c.Id, c.JuryId, c.ParticipantId, Name = u.FirstName + " " + u.LastName, u.LastName, u.FirstName, u.Email })
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync();
        var states = await Sealing.StatesAsync(db, inCohort);
        var marks = await Sealing.OpenMarks(db).Where(m => inCohort.Any(c => c.Id == m.JuryCandidateId)).ToListAsync();
        var deliberations = await db.Deliberations.AsNoTracking().Include(d => d.Marks)
            .Where(d => inCohort.Any(c => c.Id == d.JuryCandidateId)).ToDictionaryAsync(d => d.JuryCandidateId);

        var candidateOrder = candidates.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var criterionOrder = grid.Criteria.ToDictionary(c => c.Id, c => c.Position);
        IReadOnlyList<Calibration.Item> ItemsOf(IEnumerable<OpenMark> m) =>
            Calibration.Items(m, grid.PassMark, c => candidateOrder.GetValueOrDefault(c), c => criterionOrder.GetValueOrDefault(c));
        var juryOf = candidates.ToDictionary(c => c.Id, c => c.JuryId);
        return new CohortResults
        {
            CohortId = cohortId,
            CohortName = cohort.Name,
            ProgrammeId = cohort.ProgrammeId,
            ReleasedAt = cohort.ReleasedAt,
            Grid = grid,
            CohortSpread = Calibration.SpreadByCriterion(ItemsOf(marks), grid.PassMark),
            Juries = juries.Select(j =>
            {
                var juryMarks = marks.Where(m => juryOf.GetValueOrDefault(m.JuryCandidateId) == j.Id).ToList();
                var severity = Calibration.Severity(juryMarks);
                return new JuryResults(j.Id, j.Name,
                    members.Where(m => m.JuryId == j.Id).Select(m => new JurorAgreement(m.Name, severity.TryGetValue(m.Id, out var s) ? s : null)).ToList(),
                    Calibration.SpreadByCriterion(ItemsOf(juryMarks), grid.PassMark));
            }).ToList(),
            Candidates = candidates.Select(c =>
            {
                var d = deliberations.GetValueOrDefault(c.Id);
                return new CandidateResult(c.Id, c.ParticipantId, c.Name, c.Email ?? "", juries.FirstOrDefault(j => j.Id == c.JuryId)?.Name ?? "",
                    states.GetValueOrDefault(c.Id) ?? new SealState(0, 0), d?.Decision, d?.Grade, d?.CommentsForCandidate,
                    d?.Marks.Where(m => m.Level is not null).ToDictionary(m => m.CriterionId, m => m.Level!.Value) ?? new Dictionary<int, int>());
            }).ToList(),
        };
    }

    public sealed record JuryResults(int Id, string Name, IReadOnlyList<JurorAgreement> Jurors, IReadOnlyDictionary<int, (decimal MeanSpread, int MaxSpread, int Flagged)> Spread);

    /// <summary>A juror's severity: their mean level minus their jury's mean (negative: more severe); null before any open mark.</summary>
    public sealed record JurorAgreement(string Name, decimal? Severity);

    public sealed record CandidateResult(int Id, string ParticipantId, string Name, string Email, string Jury, SealState Seal, Decision? Decision, decimal? Grade,
        string? Comments, IReadOnlyDictionary<int, int> Agreed);
}
