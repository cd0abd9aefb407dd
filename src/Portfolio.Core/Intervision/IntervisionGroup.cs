using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Core.Intervision;

/// <summary>
/// An intervision group inside a cohort: 2 to 10 participants who act as "critical and benevolent mirrors" for each
/// other (a pair is a group of two), optionally with a facilitator who runs its co-development sessions. A participant
/// belongs to at most one group per cohort; moving them is leaving one group and joining another.
/// </summary>
public class IntervisionGroup
{
    public const int MinMembers = 2;
    public const int MaxMembers = 10;
    public const int NameLength = 120;

    private IntervisionGroup() { }

    public IntervisionGroup(int cohortId, string name, DateTimeOffset now)
    {
        CohortId = cohortId;
        CreatedAt = now;
        Rename(name);
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>A person with the Facilitator role who runs the group's sessions; sees the group, never the portfolios.</summary>
    public string? FacilitatorId { get; private set; }

    public List<GroupMember> Members { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>Fewer than two members: the group exists (it is being formed) but nobody can mirror anybody yet.</summary>
    public bool IsIncomplete => Members.Count < MinMembers;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void AssignFacilitator(string? facilitatorId) => FacilitatorId = string.IsNullOrEmpty(facilitatorId) ? null : facilitatorId;

    /// <summary>Outside 2..10 (being formed, or left short by a move or a withdrawal): coordinators see a warning.</summary>
    public bool HasUsualSize => Members.Count is >= MinMembers and <= MaxMembers;

    /// <summary>Room for one more member.</summary>
    public bool HasRoom => Members.Count < MaxMembers;

    /// <summary>
    /// Forms a group with its first members: at least two (somebody to mirror), at most ten. Smaller groups exist only
    /// when people leave one; they are never formed on purpose.
    /// </summary>
    public static IntervisionGroup Form(int cohortId, string name, IReadOnlyCollection<string> memberIds, string? facilitatorId, DateTimeOffset now)
    {
        var distinct = memberIds.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count < MinMembers)
        {
            throw new GroupRuleException(GroupProblem.TooFewMembers);
        }
        if (distinct.Count > MaxMembers)
        {
            throw new GroupRuleException(GroupProblem.Full);
        }
        var group = new IntervisionGroup(cohortId, name, now);
        group.AssignFacilitator(facilitatorId);
        foreach (var id in distinct)
        {
            group.Add(id, now);
        }
        return group;
    }

    /// <summary>Adds a participant of the cohort; a full group refuses (the database refuses a second group in the same cohort).</summary>
    public GroupMember Add(string userId, DateTimeOffset now)
    {
        if (Members.Any(m => m.UserId == userId))
        {
            return Members.First(m => m.UserId == userId);
        }
        if (Members.Count >= MaxMembers)
        {
            throw new GroupRuleException(GroupProblem.Full);
        }
        var member = new GroupMember(this, userId, now);
        Members.Add(member);
        return member;
    }

    public void Remove(string userId) => Members.RemoveAll(m => m.UserId == userId);

    /// <summary>
    /// Moves a member to another group of the same cohort. Both groups change in the same save: the unique index
    /// (cohort, person) then still holds one group per person, and a full target refuses before anything changes.
    /// </summary>
    public void MoveTo(string userId, IntervisionGroup target, DateTimeOffset now)
    {
        if (target.CohortId != CohortId)
        {
            throw new GroupRuleException(GroupProblem.OtherCohort);
        }
        if (Members.All(m => m.UserId != userId))
        {
            throw new GroupRuleException(GroupProblem.NotAMember);
        }
        if (ReferenceEquals(target, this) || target.Id == Id && Id != 0)
        {
            return;
        }
        if (!target.HasRoom)
        {
            throw new GroupRuleException(GroupProblem.Full);
        }
        Remove(userId);
        target.Add(userId, now);
    }
}

/// <summary>What a group refused; pages turn it into a message for the coordinator.</summary>
public enum GroupProblem
{
    TooFewMembers,
    Full,
    OtherCohort,
    NotAMember,
}

/// <summary>A change the group's rules refuse; nothing was changed.</summary>
public sealed class GroupRuleException(GroupProblem problem) : InvalidOperationException($"Intervision group rule: {problem} (a group has {IntervisionGroup.MinMembers} to {IntervisionGroup.MaxMembers} members of one cohort).")
{
    public GroupProblem Problem { get; } = problem;
}

/// <summary>A participant's place in a group; <see cref="CohortId"/> is repeated so that the database keeps one group per person and cohort.</summary>
public class GroupMember
{
    private GroupMember() { }

    internal GroupMember(IntervisionGroup group, string userId, DateTimeOffset now)
    {
        Group = group;
        CohortId = group.CohortId;
        UserId = userId;
        JoinedAt = now;
    }

    public int GroupId { get; private set; }
    public IntervisionGroup Group { get; private set; } = null!;
    public int CohortId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset JoinedAt { get; private set; }
}

internal sealed class IntervisionGroupConfiguration : IEntityTypeConfiguration<IntervisionGroup>, IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<IntervisionGroup> g)
    {
        g.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        g.HasIndex(x => new { x.CohortId, x.Name }).IsUnique();
        g.Property(x => x.Name).HasMaxLength(IntervisionGroup.NameLength);
        g.HasOne<AppUser>().WithMany().HasForeignKey(x => x.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
        g.HasIndex(x => x.FacilitatorId);
        g.HasMany(x => x.Members).WithOne(x => x.Group).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        g.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<GroupMember> m)
    {
        m.HasKey(x => new { x.GroupId, x.UserId });
        // One group per person and cohort: moving someone is a removal and an addition in one save.
        m.HasIndex(x => new { x.CohortId, x.UserId }).IsUnique();
        m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class GroupQueries
{
    /// <summary>The other members of the person's group in a cohort: the people they may share with and ask for feedback.</summary>
    public static IQueryable<AppUser> PeersOf(PortfolioDb db, string userId, int cohortId) =>
        db.Users.Where(u => u.Id != userId
            && db.GroupMembers.Any(m => m.UserId == u.Id && m.CohortId == cohortId && m.Group.Members.Any(o => o.UserId == userId)));
}
