using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;

namespace Portfolio.Core.CaseStudies;

/// <summary>
/// A case-study group of a cohort: usually 2 or 3 participants who study one public organisation all along the programme
/// and write a collective report about it by a deadline. Members upload versions of the report; any member submits one
/// version as final, which locks the report for the whole group (no more uploads, no other final) until a coordinator
/// reopens it with a reason. Every submission and reopening stays in <see cref="Events"/>, the audit trail. Another size
/// than 2 or 3 is allowed (a participant withdrew, a group of four was agreed) but coordinators see a warning. A
/// participant is in at most one case-study group per cohort (the database refuses a second one).
/// </summary>
public class CaseStudyGroup
{
    public const int MinUsualMembers = 2;
    public const int MaxUsualMembers = 3;
    public const int NameLength = 120;
    public const int OrganisationLength = 200;
    public const int ReasonLength = 2000;

    private CaseStudyGroup() { }

    public CaseStudyGroup(int cohortId, string name, string organisation, DateOnly deadline, DateTimeOffset now)
    {
        CohortId = cohortId;
        CreatedAt = now;
        Describe(name, organisation, deadline);
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The public organisation the group studies.</summary>
    public string Organisation { get; private set; } = "";

    /// <summary>The last Brussels day to submit; a later submission is accepted and shown as late.</summary>
    public DateOnly Deadline { get; private set; }

    public List<CaseStudyMember> Members { get; private set; } = [];
    public List<ReportVersion> Versions { get; private set; } = [];
    public List<CaseStudyEvent> Events { get; private set; } = [];

    /// <summary>
    /// How many versions were ever uploaded: numbers the next one, and makes every upload rewrite the group's row, so that
    /// an upload racing a final submission is refused by the row version instead of slipping past the lock.
    /// </summary>
    public int VersionCount { get; private set; }

    /// <summary>The version submitted as final; null while the report is open.</summary>
    public int? FinalVersionId { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>A final version is submitted: nothing more can be uploaded or submitted until a coordinator reopens.</summary>
    public bool IsSubmitted => FinalVersionId is not null;

    /// <summary>Submitted after the deadline (a Brussels day).</summary>
    public bool SubmittedLate => SubmittedAt is { } at && Dates.InBrussels(at) > Deadline;

    /// <summary>Not 2 or 3 members: allowed, but coordinators see a warning.</summary>
    public bool HasUsualSize => HasUsualMemberCount(Members.Count);

    public static bool HasUsualMemberCount(int count) => count is >= MinUsualMembers and <= MaxUsualMembers;

    public bool IsMember(string userId) => Members.Any(m => m.UserId == userId);

    /// <summary>Forms a group with its members; at least one (somebody must write), other sizes than 2 or 3 are only flagged.</summary>
    public static CaseStudyGroup Form(int cohortId, string name, string organisation, DateOnly deadline, IReadOnlyCollection<string> memberIds, DateTimeOffset now)
    {
        var group = new CaseStudyGroup(cohortId, name, organisation, deadline, now);
        group.ChangeMembers(memberIds, now);
        return group;
    }

    public void Describe(string name, string organisation, DateOnly deadline)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        Name = name.Trim();
        Organisation = organisation.Trim();
        Deadline = deadline;
    }

    /// <summary>
    /// Sets who is in the group: those kept keep their date of joining. Versions uploaded by someone who leaves stay with
    /// the group (the report is collective). A group without anybody is refused.
    /// </summary>
    public void ChangeMembers(IReadOnlyCollection<string> memberIds, DateTimeOffset now)
    {
        var wanted = memberIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new CaseStudyRuleException(CaseStudyProblem.NoMembers);
        }
        Members.RemoveAll(m => !wanted.Contains(m.UserId));
        foreach (var id in wanted.Where(id => !IsMember(id)))
        {
            Members.Add(new CaseStudyMember(this, id, now));
        }
    }

    /// <summary>A member adds a version of the report; refused once a final version is submitted.</summary>
    public ReportVersion Upload(string userId, string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset now)
    {
        if (!IsMember(userId))
        {
            throw new CaseStudyRuleException(CaseStudyProblem.NotAMember);
        }
        if (IsSubmitted)
        {
            throw new CaseStudyRuleException(CaseStudyProblem.Locked);
        }
        VersionCount++;
        var version = new ReportVersion(this, VersionCount, userId, fileName, contentType, length, storedFileId, now);
        Versions.Add(version);
        return version;
    }

    /// <summary>A member submits one of the group's versions as the final report: it locks the report for the whole group.</summary>
    public void SubmitFinal(int versionId, string userId, DateTimeOffset now)
    {
        if (!IsMember(userId))
        {
            throw new CaseStudyRuleException(CaseStudyProblem.NotAMember);
        }
        if (IsSubmitted)
        {
            throw new CaseStudyRuleException(CaseStudyProblem.AlreadySubmitted);
        }
        var version = Versions.FirstOrDefault(v => v.Id == versionId) ?? throw new CaseStudyRuleException(CaseStudyProblem.UnknownVersion);
        FinalVersionId = version.Id;
        SubmittedAt = now;
        SubmittedById = userId;
        Events.Add(new CaseStudyEvent(this, CaseStudyEventKind.Submitted, userId, version.Number, null, now));
    }

    /// <summary>A coordinator reopens a submitted report, with the reason kept in the audit trail; members may upload and submit again.</summary>
    public void Reopen(string coordinatorId, string reason, DateTimeOffset now)
    {
        if (!IsSubmitted)
        {
            throw new CaseStudyRuleException(CaseStudyProblem.NotSubmitted);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new CaseStudyRuleException(CaseStudyProblem.ReasonRequired);
        }
        var number = Versions.FirstOrDefault(v => v.Id == FinalVersionId)?.Number;
        FinalVersionId = null;
        SubmittedAt = null;
        SubmittedById = null;
        Events.Add(new CaseStudyEvent(this, CaseStudyEventKind.Reopened, coordinatorId, number, WrittenText.AsTyped(reason).Trim(), now));
    }
}

/// <summary>What a case-study group refused; pages turn it into a message.</summary>
public enum CaseStudyProblem
{
    NoMembers,
    NotAMember,
    Locked,
    AlreadySubmitted,
    UnknownVersion,
    NotSubmitted,
    ReasonRequired,
}

/// <summary>A change the case-study group's rules refuse; nothing was changed.</summary>
public sealed class CaseStudyRuleException(CaseStudyProblem problem) : InvalidOperationException($"Case-study group rule: {problem}.")
{
    public CaseStudyProblem Problem { get; } = problem;
}

/// <summary>A participant's place in a case-study group; <see cref="CohortId"/> is repeated so that the database keeps one group per person and cohort.</summary>
public class CaseStudyMember
{
    private CaseStudyMember() { }

    internal CaseStudyMember(CaseStudyGroup group, string userId, DateTimeOffset now)
    {
        Group = group;
        CohortId = group.CohortId;
        UserId = userId;
        JoinedAt = now;
    }

    public int GroupId { get; private set; }
    public CaseStudyGroup Group { get; private set; } = null!;
    public int CohortId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset JoinedAt { get; private set; }
}

/// <summary>One uploaded version of the collective report; the bytes live in PostgreSQL (<see cref="StoredFile"/>).</summary>
public class ReportVersion
{
    public const int FileNameLength = 200;

    private ReportVersion() { }

    internal ReportVersion(CaseStudyGroup group, int number, string uploadedById, string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset now)
    {
        Group = group;
        Number = number;
        UploadedById = uploadedById;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        StoredFileId = storedFileId;
        UploadedAt = now;
    }

    public int Id { get; private set; }
    public int GroupId { get; private set; }
    public CaseStudyGroup Group { get; private set; } = null!;

    /// <summary>1, 2, 3... in the order of upload within the group.</summary>
    public int Number { get; private set; }

    /// <summary>Null when the uploader's account was deleted; the version stays the group's.</summary>
    public string? UploadedById { get; private set; }

    /// <summary>The name the member gave the file, cleaned; downloads use it, never a path.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Chosen by the server from the checked file type, never taken from the upload.</summary>
    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }
    public Guid StoredFileId { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
}

public enum CaseStudyEventKind { Submitted, Reopened }

/// <summary>One line of the audit trail: a final submission (by a member) or a reopening (by a coordinator, with its reason).</summary>
public class CaseStudyEvent
{
    private CaseStudyEvent() { }

    internal CaseStudyEvent(CaseStudyGroup group, CaseStudyEventKind kind, string byId, int? versionNumber, string? reason, DateTimeOffset now)
    {
        Group = group;
        Kind = kind;
        ById = byId;
        VersionNumber = versionNumber;
        Reason = reason;
        At = now;
    }

    public int Id { get; private set; }
    public int GroupId { get; private set; }
    public CaseStudyGroup Group { get; private set; } = null!;
    public CaseStudyEventKind Kind { get; private set; }

    /// <summary>Null when the person's account was deleted; the line stays.</summary>
    public string? ById { get; private set; }

    /// <summary>The version submitted, or the one that was final when the report was reopened.</summary>
    public int? VersionNumber { get; private set; }

    public string? Reason { get; private set; }
    public DateTimeOffset At { get; private set; }
}

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudyGroup>, IEntityTypeConfiguration<CaseStudyMember>,
    IEntityTypeConfiguration<ReportVersion>, IEntityTypeConfiguration<CaseStudyEvent>
{
    public void Configure(EntityTypeBuilder<CaseStudyGroup> g)
    {
        g.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        g.HasIndex(x => new { x.CohortId, x.Name }).IsUnique();
        g.Property(x => x.Name).HasMaxLength(CaseStudyGroup.NameLength);
        g.Property(x => x.Organisation).HasMaxLength(CaseStudyGroup.OrganisationLength);
        g.HasMany(x => x.Members).WithOne(x => x.Group).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        g.HasMany(x => x.Versions).WithOne(x => x.Group).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        g.HasMany(x => x.Events).WithOne(x => x.Group).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        // The final version is one of the group's own. NO ACTION is checked at the end of the statement, so deleting the
        // group (which takes its versions along) works, while deleting a final version alone is refused.
        g.HasOne<ReportVersion>().WithMany().HasForeignKey(x => x.FinalVersionId).OnDelete(DeleteBehavior.NoAction);
        g.HasOne<AppUser>().WithMany().HasForeignKey(x => x.SubmittedById).OnDelete(DeleteBehavior.SetNull);
        g.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<CaseStudyMember> m)
    {
        m.HasKey(x => new { x.GroupId, x.UserId });
        // One case-study group per person and cohort.
        m.HasIndex(x => new { x.CohortId, x.UserId }).IsUnique();
        m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReportVersion> v)
    {
        v.HasIndex(x => new { x.GroupId, x.Number }).IsUnique();
        v.Property(x => x.FileName).HasMaxLength(ReportVersion.FileNameLength);
        v.Property(x => x.ContentType).HasMaxLength(120);
        v.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UploadedById).OnDelete(DeleteBehavior.SetNull);
        v.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CaseStudyEvent> e)
    {
        e.HasIndex(x => new { x.GroupId, x.At });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(CaseStudyGroup.ReasonLength);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
    }
}
