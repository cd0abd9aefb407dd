using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Juries;
using Portfolio.Core.Scoring;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Juries;

/// <summary>Juries, declarations, scores and deliberations stored directly with the entities, for the scoring tests.</summary>
public static class ScoringBuilder
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A jury of these members (the first chairs) with these candidates; every member declares no conflict.</summary>
    public static async Task<(int JuryId, int[] CandidateIds)> CreateDeclaredJuryAsync(this PortfolioFactory factory, int cohortId, string name, string[] jurors, string[] candidates)
    {
        var juryId = await factory.CreateJuryAsync(cohortId, name, jurors, candidates);
        await using var db = factory.NewDb();
        var assigned = await db.JuryCandidates.Include(c => c.Jury).ThenInclude(j => j.Members).Where(c => c.JuryId == juryId).ToListAsync();
        foreach (var candidate in assigned)
        {
            foreach (var juror in jurors)
            {
                db.ConflictDeclarations.Add(new ConflictDeclaration(candidate, juror, ConflictLevel.None, null, Now));
            }
        }
        await db.SaveChangesAsync();
        return (juryId, candidates.Select(p => assigned.Single(c => c.ParticipantId == p).Id).ToArray());
    }

    /// <summary>The criteria ids of the cohort's grid, in order.</summary>
    public static async Task<int[]> CriteriaAsync(this PortfolioFactory factory, int cohortId)
    {
        await using var db = factory.NewDb();
        var grid = await ScoringGrids.OfCohort(db, cohortId).SingleAsync();
        return grid.OrderedCriteria.Select(c => c.Id).ToArray();
    }

    /// <summary>A juror's score: these levels in criterion order (the same comment on each), submitted unless told.</summary>
    public static async Task ScoreAsync(this PortfolioFactory factory, int cohortId, int juryCandidateId, string jurorId, int[] levels, string? comment = null, bool submit = true)
    {
        await using var db = factory.NewDb();
        var grid = await ScoringGrids.OfCohort(db, cohortId).SingleAsync();
        var score = new JurorScore(juryCandidateId, jurorId, Now);
        score.Record(grid, grid.OrderedCriteria.Select((c, i) => new MarkDraft(c.Id, levels[i], comment)).ToList(), Now);
        if (submit)
        {
            score.Submit(grid, Now);
        }
        db.JurorScores.Add(score);
        await db.SaveChangesAsync();
    }

    /// <summary>The chair's deliberation: these agreed levels and a decision.</summary>
    public static async Task DeliberateAsync(this PortfolioFactory factory, int cohortId, int juryCandidateId, int[] levels, Decision decision, string? comments = null)
    {
        await using var db = factory.NewDb();
        var grid = await ScoringGrids.OfCohort(db, cohortId).SingleAsync();
        var candidate = await db.JuryCandidates.Include(c => c.Jury).SingleAsync(c => c.Id == juryCandidateId);
        var deliberation = new Deliberation(juryCandidateId, Now);
        deliberation.Record(candidate.Jury.ChairId!, candidate.Jury, await Sealing.StateAsync(db, juryCandidateId), false, grid,
            grid.OrderedCriteria.Select((c, i) => new AgreedDraft(c.Id, levels[i], "Consensus")).ToList(), decision, comments, Now);
        db.Deliberations.Add(deliberation);
        await db.SaveChangesAsync();
    }
}
