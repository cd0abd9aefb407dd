using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Juries;

namespace Portfolio.Core.Scoring;

/// <summary>réussi / ajourné.</summary>
public enum Decision { Passed, Deferred }

/// <summary>
/// What the jury agreed about a candidate, recorded by its chair once every scorer has submitted: an agreed level and
/// its rationale per criterion, the decision, the grade (derived from the agreed levels and the weights), the comments
/// for the candidate. Every change leaves an entry in <see cref="Changes"/> (who, when, what changed from what); after
/// the cohort's results are released nothing changes any more.
/// </summary>
public class Deliberation
{
    public const int CommentsLength = 8000;

    private Deliberation() { }

    public Deliberation(int juryCandidateId, DateTimeOffset now)
    {
        JuryCandidateId = juryCandidateId;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public int JuryCandidateId { get; private set; }
    public List<AgreedMark> Marks { get; private set; } = [];
    public Decision? Decision { get; private set; }
    public decimal? Grade { get; private set; }
    public string? CommentsForCandidate { get; private set; }
    public List<DeliberationChange> Changes { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>
    /// Records the chair's entries. Refused to anyone but the chair, while scores are still sealed, after the release,
    /// for a criterion not in the grid or a level off the scale, and for a decision without every agreed level.
    /// </summary>
    public void Record(string byId, Jury jury, SealState seal, bool released, ScoringGrid grid,
        IReadOnlyList<AgreedDraft> marks, Decision? decision, string? comments, DateTimeOffset now)
    {
        if (jury.ChairId != byId)
        {
            throw new ScoringRuleException(ScoringProblem.NotTheChair);
        }
        if (!seal.IsOpen)
        {
            throw new ScoringRuleException(ScoringProblem.ScoresSealed);
        }
        if (released)
        {
            throw new ScoringRuleException(ScoringProblem.ResultsReleased);
        }
        if (marks.Any(m => grid.Criteria.All(c => c.Id != m.CriterionId)) || marks.DistinctBy(m => m.CriterionId).Count() != marks.Count)
        {
            throw new ScoringRuleException(ScoringProblem.UnknownCriterion);
        }
        if (marks.Any(m => m.Level is { } level && !grid.IsOnScale(level)))
        {
            throw new ScoringRuleException(ScoringProblem.LevelOffScale);
        }
        var complete = grid.Criteria.All(c => marks.FirstOrDefault(m => m.CriterionId == c.Id)?.Level is not null);
        if (decision is not null && !complete)
        {
            throw new ScoringRuleException(ScoringProblem.DecisionNeedsAgreedScores);
        }
        foreach (var draft in marks)
        {
            var mark = Marks.FirstOrDefault(m => m.CriterionId == draft.CriterionId);
            if (mark is null)
            {
                mark = new AgreedMark(draft.CriterionId);
                Marks.Add(mark);
            }
            var rationale = string.IsNullOrWhiteSpace(draft.Rationale) ? null : draft.Rationale.Trim();
            Audit(byId, now, DeliberationField.AgreedLevel, draft.CriterionId, mark.Level?.ToString(), draft.Level?.ToString());
            Audit(byId, now, DeliberationField.Rationale, draft.CriterionId, mark.Rationale, rationale);
            mark.Set(draft.Level, rationale);
        }
        var newComments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        Audit(byId, now, DeliberationField.Decision, null, Decision?.ToString(), decision?.ToString());
        Audit(byId, now, DeliberationField.Comments, null, CommentsForCandidate, newComments);
        Decision = decision;
        CommentsForCandidate = newComments;
        Grade = grid.Grade(Marks.Where(m => m.Level is not null).ToDictionary(m => m.CriterionId, m => m.Level!.Value));
        UpdatedAt = now;
    }

    private void Audit(string byId, DateTimeOffset now, DeliberationField field, int? criterionId, string? before, string? after)
    {
        if (before != after)
        {
            Changes.Add(new DeliberationChange(byId, now, field, criterionId, before, after));
        }
    }
}

/// <summary>An agreed level (or none yet) and its rationale for one criterion.</summary>
public sealed record AgreedDraft(int CriterionId, int? Level, string? Rationale);

public class AgreedMark
{
    public const int RationaleLength = 4000;

    private AgreedMark() { }

    internal AgreedMark(int criterionId) => CriterionId = criterionId;

    public int DeliberationId { get; private set; }
    public int CriterionId { get; private set; }
    public int? Level { get; private set; }
    public string? Rationale { get; private set; }

    internal void Set(int? level, string? rationale)
    {
        Level = level;
        Rationale = rationale;
    }
}

public enum DeliberationField { AgreedLevel, Rationale, Decision, Comments }

/// <summary>One change of a deliberation: the audit trail shown on the page. Values are kept as stored (a level, "Passed").</summary>
public class DeliberationChange
{
    private DeliberationChange() { }

    internal DeliberationChange(string byId, DateTimeOffset at, DeliberationField field, int? criterionId, string? before, string? after)
    {
        ById = byId;
        At = at;
        Field = field;
        CriterionId = criterionId;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public int DeliberationId { get; private set; }
    public string? ById { get; private set; }
    public DateTimeOffset At { get; private set; }
    public DeliberationField Field { get; private set; }
    public int? CriterionId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}

/// <summary>
/// The coordinator released a cohort's results: from then on each candidate reads their decision, grade, agreed scores
/// and comments, and deliberations are frozen. All candidates at once, and only when every one has a decision.
/// </summary>
public class ResultsRelease
{
    private ResultsRelease() { }

    public int CohortId { get; private set; }
    public string? ReleasedById { get; private set; }
    public DateTimeOffset ReleasedAt { get; private set; }

    /// <param name="missingDecisions">The candidates of the cohort without a decision yet; the release waits for them.</param>
    /// <summary>
    /// Releases once every candidate has a decision; a cohort without candidates has nothing to release, and releasing it
    /// would freeze the deliberations of candidates assigned later.
    /// </summary>
    public static ResultsRelease Release(int cohortId, int candidates, IReadOnlyCollection<string> missingDecisions, string byId, DateTimeOffset now)
    {
        if (candidates == 0)
        {
            throw new ScoringRuleException(ScoringProblem.NoCandidates);
        }
        if (missingDecisions.Count > 0)
        {
            throw new ScoringRuleException(ScoringProblem.DecisionsMissing);
        }
        return new ResultsRelease { CohortId = cohortId, ReleasedById = byId, ReleasedAt = now };
    }
}

internal sealed class DeliberationConfiguration : IEntityTypeConfiguration<Deliberation>, IEntityTypeConfiguration<AgreedMark>,
    IEntityTypeConfiguration<DeliberationChange>, IEntityTypeConfiguration<ResultsRelease>
{
    public void Configure(EntityTypeBuilder<Deliberation> d)
    {
        d.HasIndex(x => x.JuryCandidateId).IsUnique();
        d.HasOne<JuryCandidate>().WithMany().HasForeignKey(x => x.JuryCandidateId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Marks).WithOne().HasForeignKey(x => x.DeliberationId).OnDelete(DeleteBehavior.Cascade);
        d.HasMany(x => x.Changes).WithOne().HasForeignKey(x => x.DeliberationId).OnDelete(DeleteBehavior.Cascade);
        d.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Grade).HasPrecision(4, 1);
        d.Property(x => x.CommentsForCandidate).HasMaxLength(Deliberation.CommentsLength);
        d.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<AgreedMark> m)
    {
        m.HasKey(x => new { x.DeliberationId, x.CriterionId });
        m.HasOne<ScoringCriterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
        m.Property(x => x.Rationale).HasMaxLength(AgreedMark.RationaleLength);
    }

    public void Configure(EntityTypeBuilder<DeliberationChange> c)
    {
        c.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
        c.Property(x => x.Field).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.Before).HasMaxLength(Deliberation.CommentsLength);
        c.Property(x => x.After).HasMaxLength(Deliberation.CommentsLength);
    }

    public void Configure(EntityTypeBuilder<ResultsRelease> r)
    {
        // Released once per cohort: a second release (double click, two coordinators) is refused by the database.
        r.HasKey(x => x.CohortId);
        r.HasOne<Cohort>().WithOne().HasForeignKey<ResultsRelease>(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReleasedById).OnDelete(DeleteBehavior.SetNull);
    }
}
