using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;

namespace Portfolio.Core.Juries;

/// <summary>None; minor (explained: the juror knows the candidate a little); major (the juror steps aside for that candidate).</summary>
public enum ConflictLevel { None, Minor, Major }

/// <summary>
/// A juror's declaration of conflicts of interest with one candidate, made before they see anything of the candidate.
/// A minor conflict keeps the candidate closed to the juror until a coordinator waives it with a recorded reason; a
/// major one makes the juror step aside for that candidate for good (they neither read nor score). Declarations are
/// final for the juror: a change of mind goes through the coordinator, who can see who declared what and when.
/// </summary>
public class ConflictDeclaration
{
    public const int ExplanationLength = 2000;
    public const int WaiverReasonLength = 2000;

    private ConflictDeclaration() { }

    public ConflictDeclaration(JuryCandidate candidate, string jurorId, ConflictLevel level, string? explanation, DateTimeOffset now)
    {
        if (!candidate.Jury.IsMember(jurorId))
        {
            throw new JuryRuleException(JuryProblem.NotAJuror);
        }
        if (level == ConflictLevel.Minor && string.IsNullOrWhiteSpace(explanation))
        {
            throw new JuryRuleException(JuryProblem.ConflictNeedsExplanation);
        }
        JuryCandidateId = candidate.Id;
        JurorId = jurorId;
        Level = level;
        Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        DeclaredAt = now;
    }

    public int Id { get; private set; }
    public int JuryCandidateId { get; private set; }
    public string JurorId { get; private set; } = "";
    public ConflictLevel Level { get; private set; }
    public string? Explanation { get; private set; }
    public DateTimeOffset DeclaredAt { get; private set; }

    public DateTimeOffset? WaivedAt { get; private set; }
    public string? WaivedById { get; private set; }
    public string? WaiverReason { get; private set; }

    /// <summary>The juror may read and score the candidate: nothing to declare, or a minor conflict a coordinator waived.</summary>
    public bool AllowsAccess => Level == ConflictLevel.None || (Level == ConflictLevel.Minor && WaivedAt is not null);

    /// <summary>A coordinator lets the juror go on despite a minor conflict; a major conflict cannot be waived.</summary>
    public void Waive(string coordinatorId, string reason, DateTimeOffset now)
    {
        if (Level != ConflictLevel.Minor)
        {
            throw new JuryRuleException(JuryProblem.OnlyMinorConflictsAreWaived);
        }
        if (WaivedAt is not null)
        {
            throw new JuryRuleException(JuryProblem.AlreadyWaived);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new JuryRuleException(JuryProblem.WaiverNeedsReason);
        }
        WaivedById = coordinatorId;
        WaiverReason = reason.Trim();
        WaivedAt = now;
    }
}

internal sealed class ConflictDeclarationConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> d)
    {
        // One declaration per juror and candidate: the database refuses a second one.
        d.HasIndex(x => new { x.JuryCandidateId, x.JurorId }).IsUnique();
        d.HasOne<JuryCandidate>().WithMany().HasForeignKey(x => x.JuryCandidateId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<AppUser>().WithMany().HasForeignKey(x => x.JurorId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<AppUser>().WithMany().HasForeignKey(x => x.WaivedById).OnDelete(DeleteBehavior.SetNull);
        d.Property(x => x.Level).HasConversion<string>().HasMaxLength(10);
        d.Property(x => x.Explanation).HasMaxLength(ConflictDeclaration.ExplanationLength);
        d.Property(x => x.WaiverReason).HasMaxLength(ConflictDeclaration.WaiverReasonLength);
    }
}
