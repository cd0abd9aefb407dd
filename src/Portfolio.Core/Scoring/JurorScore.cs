using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;

namespace Portfolio.Core.Scoring;

/// <summary>
/// One juror's independent score of one candidate: a level and a comment per criterion of the programme's grid. The juror
/// keeps drafts, then submits, which is final. Nobody else reads it until every scorer of the candidate has submitted
/// (<see cref="Sealing"/>).
/// </summary>
public class JurorScore
{
    private JurorScore() { }

    public JurorScore(int juryCandidateId, string jurorId, DateTimeOffset now)
    {
        JuryCandidateId = juryCandidateId;
        JurorId = jurorId;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public int JuryCandidateId { get; private set; }
    public string JurorId { get; private set; } = "";
    public List<JurorMark> Marks { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public bool IsSubmitted => SubmittedAt is not null;

    /// <summary>Keeps a draft: a level (or none yet) and a comment per criterion; refused once submitted.</summary>
    public void Record(ScoringGrid grid, IReadOnlyList<MarkDraft> marks, DateTimeOffset now)
    {
        if (IsSubmitted)
        {
            throw new ScoringRuleException(ScoringProblem.AlreadySubmitted);
        }
        if (marks.Any(m => grid.Criteria.All(c => c.Id != m.CriterionId)) || marks.DistinctBy(m => m.CriterionId).Count() != marks.Count)
        {
            throw new ScoringRuleException(ScoringProblem.UnknownCriterion);
        }
        if (marks.Any(m => m.Level is { } level && !grid.IsOnScale(level)))
        {
            throw new ScoringRuleException(ScoringProblem.LevelOffScale);
        }
        Marks.RemoveAll(m => grid.Criteria.All(c => c.Id != m.CriterionId));
        foreach (var draft in marks)
        {
            var mark = Marks.FirstOrDefault(m => m.CriterionId == draft.CriterionId);
            if (mark is null)
            {
                mark = new JurorMark(draft.CriterionId);
                Marks.Add(mark);
            }
            mark.Set(draft.Level, draft.Comment);
        }
        UpdatedAt = now;
    }

    /// <summary>Makes the score final: every criterion needs a level; a second submission is refused.</summary>
    public void Submit(ScoringGrid grid, DateTimeOffset now)
    {
        if (IsSubmitted)
        {
            throw new ScoringRuleException(ScoringProblem.AlreadySubmitted);
        }
        if (grid.Criteria.Any(c => Marks.FirstOrDefault(m => m.CriterionId == c.Id)?.Level is null))
        {
            throw new ScoringRuleException(ScoringProblem.IncompleteScore);
        }
        SubmittedAt = now;
        UpdatedAt = now;
    }
}

/// <summary>A level (or none yet in a draft) and a comment for one criterion.</summary>
public sealed record MarkDraft(int CriterionId, int? Level, string? Comment);

public class JurorMark
{
    public const int CommentLength = 4000;

    private JurorMark() { }

    internal JurorMark(int criterionId) => CriterionId = criterionId;

    public int JurorScoreId { get; private set; }
    public int CriterionId { get; private set; }
    public int? Level { get; private set; }
    public string? Comment { get; private set; }

    internal void Set(int? level, string? comment)
    {
        Level = level;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }
}

internal sealed class JurorScoreConfiguration : IEntityTypeConfiguration<JurorScore>, IEntityTypeConfiguration<JurorMark>
{
    public void Configure(EntityTypeBuilder<JurorScore> s)
    {
        // One score per juror and candidate: a second first draft (another tab) is refused by the database.
        s.HasIndex(x => new { x.JuryCandidateId, x.JurorId }).IsUnique();
        s.HasOne<JuryCandidate>().WithMany().HasForeignKey(x => x.JuryCandidateId).OnDelete(DeleteBehavior.Cascade);
        s.HasOne<AppUser>().WithMany().HasForeignKey(x => x.JurorId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.Marks).WithOne().HasForeignKey(x => x.JurorScoreId).OnDelete(DeleteBehavior.Cascade);
        s.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<JurorMark> m)
    {
        m.HasKey(x => new { x.JurorScoreId, x.CriterionId });
        // A criterion that was scored cannot disappear: the grid is frozen once scores exist.
        m.HasOne<ScoringCriterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Restrict);
        m.Property(x => x.Comment).HasMaxLength(JurorMark.CommentLength);
    }
}
