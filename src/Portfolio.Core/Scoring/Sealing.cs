using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Core.Scoring;

/// <summary>How many of a candidate's scorers have submitted; the scores open when all have (and there is at least one).</summary>
public sealed record SealState(int Submitted, int Expected)
{
    public bool IsOpen => Expected > 0 && Submitted == Expected;
}

/// <summary>
/// When jurors' scores stop being sealed, decided here and nowhere else: once every scorer of the candidate
/// (<see cref="JuryAccess.ScorersOf"/>) has submitted. Before that, every page, download and figure shows only the
/// counts ("3 sur 4"); a juror reads their own draft on the Score page, nothing more.
/// </summary>
public static class Sealing
{
    /// <summary>One candidate: how far its scoring is, with <see cref="JuryAccess.ScorersOf"/>. One command.</summary>
    public static async Task<SealState> StateAsync(PortfolioDb db, int juryCandidateId)
    {
        var submitted = await JuryAccess.ScorersOf(db, juryCandidateId)
            .Select(m => db.JurorScores.Any(s => s.JuryCandidateId == juryCandidateId && s.JurorId == m.UserId && s.SubmittedAt != null))
            .ToListAsync();
        return new SealState(submitted.Count(x => x), submitted.Count);
    }

    /// <summary>
    /// Every (candidate, scorer) pair, for pages that list many candidates in one command: the same rule as
    /// <see cref="JuryAccess.ScorersOf"/> (every member of the jury except those who declared a major conflict), which
    /// cannot be composed per row; ScoringTests checks that both agree.
    /// </summary>
    public static IQueryable<CandidateScorer> Scorers(PortfolioDb db) =>
        from c in db.JuryCandidates
        join m in db.JuryMembers on c.JuryId equals m.JuryId
        where !JuryAccess.SteppedAside(db).Any(d => d.JuryCandidateId == c.Id && d.JurorId == m.UserId)
        select new CandidateScorer { JuryCandidateId = c.Id, UserId = m.UserId };

    /// <summary>The candidates whose scores are open: at least one scorer, and none who has not submitted.</summary>
    public static IQueryable<JuryCandidate> Unsealed(PortfolioDb db)
    {
        var scorers = Scorers(db);
        return db.JuryCandidates.Where(c => scorers.Any(s => s.JuryCandidateId == c.Id)
            && !scorers.Any(s => s.JuryCandidateId == c.Id
                && !db.JurorScores.Any(j => j.JuryCandidateId == c.Id && j.JurorId == s.UserId && j.SubmittedAt != null)));
    }

    /// <summary>The submitted marks that may be read: those of unsealed candidates only.</summary>
    public static IQueryable<OpenMark> OpenMarks(PortfolioDb db)
    {
        var unsealed = Unsealed(db);
        return from s in db.JurorScores
               where s.SubmittedAt != null && unsealed.Any(c => c.Id == s.JuryCandidateId)
               from m in s.Marks
               where m.Level != null
               select new OpenMark { JuryCandidateId = s.JuryCandidateId, JurorId = s.JurorId, CriterionId = m.CriterionId, Level = m.Level!.Value, Comment = m.Comment };
    }

    /// <summary>For lists: the seal state of each candidate among <paramref name="candidates"/>, in one command.</summary>
    public static async Task<IReadOnlyDictionary<int, SealState>> StatesAsync(PortfolioDb db, IQueryable<JuryCandidate> candidates)
    {
        var pairs = await Scorers(db).Where(s => candidates.Any(c => c.Id == s.JuryCandidateId))
            .Select(s => new { s.JuryCandidateId, Submitted = db.JurorScores.Any(j => j.JuryCandidateId == s.JuryCandidateId && j.JurorId == s.UserId && j.SubmittedAt != null) })
            .ToListAsync();
        return pairs.GroupBy(p => p.JuryCandidateId).ToDictionary(g => g.Key, g => new SealState(g.Count(p => p.Submitted), g.Count()));
    }
}

public sealed class CandidateScorer
{
    public int JuryCandidateId { get; init; }
    public string UserId { get; init; } = "";
}

public sealed class OpenMark
{
    public int JuryCandidateId { get; init; }
    public string JurorId { get; init; } = "";
    public int CriterionId { get; init; }
    public int Level { get; init; }
    public string? Comment { get; init; }
}
