using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;

namespace Portfolio.Core.Juries;

/// <summary>
/// An academic jury of a cohort: people with the JuryMember role, four by default with a chair among them, and the
/// candidates (participants of the cohort) it examines. Another size is allowed (a juror falls ill) but coordinators see
/// a warning. A candidate is examined by one jury per cohort.
/// </summary>
public class Jury
{
    public const int UsualSize = 4;
    public const int NameLength = 120;

    private Jury() { }

    public Jury(int cohortId, string name, DateTimeOffset now)
    {
        CohortId = cohortId;
        CreatedAt = now;
        Rename(name);
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The member who leads the deliberation and records the jury's decision; always one of <see cref="Members"/>.</summary>
    public string? ChairId { get; private set; }

    public List<JuryMember> Members { get; private set; } = [];
    public List<JuryCandidate> Candidates { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>Not four members: allowed, but the coordinator is warned.</summary>
    public bool HasUsualSize => Members.Count == UsualSize;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Forms a jury with its members and chair; the chair must be one of the members.</summary>
    public static Jury Form(int cohortId, string name, IReadOnlyCollection<string> memberIds, string chairId, DateTimeOffset now)
    {
        var jury = new Jury(cohortId, name, now);
        foreach (var id in memberIds.Distinct(StringComparer.Ordinal))
        {
            jury.AddMember(id);
        }
        jury.AppointChair(chairId);
        return jury;
    }

    public bool IsMember(string userId) => Members.Any(m => m.UserId == userId);

    public void AddMember(string userId)
    {
        if (!IsMember(userId))
        {
            Members.Add(new JuryMember(this, userId));
        }
    }

    /// <summary>Removing the chair leaves the jury without one until another is appointed.</summary>
    public void RemoveMember(string userId)
    {
        Members.RemoveAll(m => m.UserId == userId);
        if (ChairId == userId)
        {
            ChairId = null;
        }
    }

    public void AppointChair(string userId)
    {
        if (!IsMember(userId))
        {
            throw new JuryRuleException(JuryProblem.ChairNotAMember);
        }
        ChairId = userId;
    }

    /// <summary>Assigns a participant of the cohort; the database refuses a second jury for the same candidate and cohort.</summary>
    public JuryCandidate Assign(string participantId, DateTimeOffset now)
    {
        if (IsMember(participantId))
        {
            throw new JuryRuleException(JuryProblem.CandidateIsJuror);
        }
        var existing = Candidates.FirstOrDefault(c => c.ParticipantId == participantId);
        if (existing is not null)
        {
            return existing;
        }
        var candidate = new JuryCandidate(this, participantId, now);
        Candidates.Add(candidate);
        return candidate;
    }

    public void Unassign(string participantId) => Candidates.RemoveAll(c => c.ParticipantId == participantId);
}

/// <summary>What a jury refused; pages turn it into a message for the coordinator.</summary>
public enum JuryProblem
{
    ChairNotAMember,
    CandidateIsJuror,
    NotAJuror,
    ConflictNeedsExplanation,
    OnlyMinorConflictsAreWaived,
    AlreadyDeclared,
    AlreadyWaived,
    WaiverNeedsReason,
    HasExams,
}

/// <summary>A change the jury's rules refuse; nothing was changed.</summary>
public sealed class JuryRuleException(JuryProblem problem) : InvalidOperationException($"Jury rule: {problem}.")
{
    public JuryProblem Problem { get; } = problem;
}

public class JuryMember
{
    private JuryMember() { }

    internal JuryMember(Jury jury, string userId)
    {
        Jury = jury;
        UserId = userId;
    }

    public int JuryId { get; private set; }
    public Jury Jury { get; private set; } = null!;
    public string UserId { get; private set; } = "";
}

/// <summary>A participant examined by a jury; <see cref="CohortId"/> is repeated so that the database keeps one jury per candidate and cohort.</summary>
public class JuryCandidate
{
    private JuryCandidate() { }

    internal JuryCandidate(Jury jury, string participantId, DateTimeOffset now)
    {
        Jury = jury;
        CohortId = jury.CohortId;
        ParticipantId = participantId;
        AssignedAt = now;
    }

    public int Id { get; private set; }
    public int JuryId { get; private set; }
    public Jury Jury { get; private set; } = null!;
    public int CohortId { get; private set; }
    public string ParticipantId { get; private set; } = "";
    public DateTimeOffset AssignedAt { get; private set; }
}

internal sealed class JuryConfiguration : IEntityTypeConfiguration<Jury>, IEntityTypeConfiguration<JuryMember>, IEntityTypeConfiguration<JuryCandidate>
{
    public void Configure(EntityTypeBuilder<Jury> j)
    {
        j.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        j.HasIndex(x => new { x.CohortId, x.Name }).IsUnique();
        j.Property(x => x.Name).HasMaxLength(Jury.NameLength);
        j.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ChairId).OnDelete(DeleteBehavior.SetNull);
        j.HasMany(x => x.Members).WithOne(x => x.Jury).HasForeignKey(x => x.JuryId).OnDelete(DeleteBehavior.Cascade);
        j.HasMany(x => x.Candidates).WithOne(x => x.Jury).HasForeignKey(x => x.JuryId).OnDelete(DeleteBehavior.Cascade);
        j.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<JuryMember> m)
    {
        m.HasKey(x => new { x.JuryId, x.UserId });
        m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // A juror's home page looks up their juries by person.
        m.HasIndex(x => x.UserId);
    }

    public void Configure(EntityTypeBuilder<JuryCandidate> c)
    {
        // One jury per candidate and cohort.
        c.HasIndex(x => new { x.CohortId, x.ParticipantId }).IsUnique();
        c.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
