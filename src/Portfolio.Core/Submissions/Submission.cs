using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Storage;

namespace Portfolio.Core.Submissions;

/// <summary>What submitting refused; pages turn it into a message.</summary>
public enum SubmissionProblem { AlreadySubmitted, NotSubmitted, ReasonRequired }

public sealed class SubmissionRuleException(SubmissionProblem problem) : InvalidOperationException($"Submission rule: {problem}.")
{
    public SubmissionProblem Problem { get; } = problem;
}

/// <summary>
/// A participant's submissions for assessment in one cohort. They submit once; the record is then locked until a
/// coordinator reopens it with a reason (who, when and why are kept); submitting again takes a new snapshot. Every
/// snapshot is kept with its date, and the jury reads the latest. <see cref="RowVersion"/> changes on every submit and
/// reopening, so that two submits sent together (a double click, two tabs) make one snapshot.
/// </summary>
public class SubmissionRecord
{
    public const int ReasonLength = 2000;

    private SubmissionRecord() { }

    public SubmissionRecord(string participantId, int cohortId)
    {
        ParticipantId = participantId;
        CohortId = cohortId;
    }

    public int Id { get; private set; }
    public string ParticipantId { get; private set; } = "";
    public int CohortId { get; private set; }
    public List<Submission> Submissions { get; private set; } = [];
    public List<SubmissionReopening> Reopenings { get; private set; } = [];
    public DateTimeOffset? LastSubmittedAt { get; private set; }
    public DateTimeOffset? LastReopenedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>Submitted and not reopened since: nothing more can be submitted.</summary>
    public bool IsLocked => Locks(LastSubmittedAt, LastReopenedAt);

    /// <summary>The rule behind <see cref="IsLocked"/>, for lists that read the two dates without loading the record.</summary>
    public static bool Locks(DateTimeOffset? lastSubmittedAt, DateTimeOffset? lastReopenedAt) =>
        lastSubmittedAt is { } submitted && (lastReopenedAt is not { } reopened || reopened < submitted);

    /// <summary>Takes the snapshot as the next submission; refused while the last one stands.</summary>
    public Submission Submit(SnapshotDocument snapshot, IEnumerable<SubmissionFile> files, DateTimeOffset now)
    {
        if (IsLocked)
        {
            throw new SubmissionRuleException(SubmissionProblem.AlreadySubmitted);
        }
        var submission = new Submission(this, Submissions.Count + 1, snapshot, files, now);
        Submissions.Add(submission);
        LastSubmittedAt = now;
        return submission;
    }

    /// <summary>A coordinator lets the participant submit again; the reason is kept with who and when.</summary>
    public SubmissionReopening Reopen(string coordinatorId, string reason, DateTimeOffset now)
    {
        if (!IsLocked)
        {
            throw new SubmissionRuleException(SubmissionProblem.NotSubmitted);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SubmissionRuleException(SubmissionProblem.ReasonRequired);
        }
        var reopening = new SubmissionReopening(coordinatorId, reason.Trim(), now);
        Reopenings.Add(reopening);
        LastReopenedAt = now;
        return reopening;
    }
}

/// <summary>
/// One immutable snapshot of what a participant submitted: the textual part as a versioned JSON document (jsonb) and
/// the files copied at that moment, so that later edits or deletions in the portfolio never change it. Nothing on this
/// class can change it after it is made.
/// </summary>
public class Submission
{
    private Submission() { }

    internal Submission(SubmissionRecord record, int number, SnapshotDocument snapshot, IEnumerable<SubmissionFile> files, DateTimeOffset now)
    {
        Record = record;
        ParticipantId = record.ParticipantId;
        CohortId = record.CohortId;
        Number = number;
        SubmittedAt = now;
        FormatVersion = snapshot.FormatVersion;
        Content = JsonSerializer.Serialize(snapshot);
        Files = [.. files];
    }

    public int Id { get; private set; }
    public int RecordId { get; private set; }
    public SubmissionRecord Record { get; private set; } = null!;

    // Repeated from the record so that access rules and lists read one table.
    public string ParticipantId { get; private set; } = "";
    public int CohortId { get; private set; }

    /// <summary>1 for the first submission, 2 after a reopening...</summary>
    public int Number { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The version of <see cref="SnapshotDocument"/> the JSON was written with.</summary>
    public int FormatVersion { get; private set; }

    /// <summary>The snapshot as JSON (jsonb).</summary>
    public string Content { get; private set; } = "";

    public List<SubmissionFile> Files { get; private set; } = [];

    public SnapshotDocument Snapshot => JsonSerializer.Deserialize<SnapshotDocument>(Content)!;
}

public enum SubmissionFileKind { EvidenceAttachment, Report }

/// <summary>A file copied into a submission (a new stored file, independent of the portfolio's).</summary>
public class SubmissionFile
{
    private SubmissionFile() { }

    public SubmissionFile(SubmissionFileKind kind, int? evidenceSourceId, string fileName, string contentType, long length, Guid storedFileId)
    {
        Kind = kind;
        EvidenceSourceId = evidenceSourceId;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        StoredFileId = storedFileId;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public SubmissionFileKind Kind { get; private set; }

    /// <summary>The id the evidence item had in the portfolio when submitted (it may be gone since).</summary>
    public int? EvidenceSourceId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    public Guid StoredFileId { get; private set; }
}

/// <summary>A coordinator reopened a participant's submission: who, when and why.</summary>
public class SubmissionReopening
{
    private SubmissionReopening() { }

    internal SubmissionReopening(string reopenedById, string reason, DateTimeOffset now)
    {
        ReopenedById = reopenedById;
        Reason = reason;
        ReopenedAt = now;
    }

    public int Id { get; private set; }
    public int RecordId { get; private set; }
    public string? ReopenedById { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset ReopenedAt { get; private set; }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<SubmissionRecord>, IEntityTypeConfiguration<Submission>,
    IEntityTypeConfiguration<SubmissionFile>, IEntityTypeConfiguration<SubmissionReopening>
{
    public void Configure(EntityTypeBuilder<SubmissionRecord> r)
    {
        // One record per participant and cohort: two first submits sent together cannot make two records.
        r.HasIndex(x => new { x.ParticipantId, x.CohortId }).IsUnique();
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Submissions).WithOne(x => x.Record).HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Cascade);
        r.HasMany(x => x.Reopenings).WithOne().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Cascade);
        r.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<Submission> s)
    {
        s.HasIndex(x => new { x.RecordId, x.Number }).IsUnique();
        s.HasIndex(x => new { x.CohortId, x.ParticipantId, x.SubmittedAt });
        s.Property(x => x.Content).HasColumnType("jsonb");
        s.HasMany(x => x.Files).WithOne().HasForeignKey(x => x.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SubmissionFile> f)
    {
        f.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        f.Property(x => x.FileName).HasMaxLength(200);
        f.Property(x => x.ContentType).HasMaxLength(120);
        // The copy belongs to the snapshot: the portfolio's deletions never reach it.
        f.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<SubmissionReopening> o)
    {
        o.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReopenedById).OnDelete(DeleteBehavior.SetNull);
        o.Property(x => x.Reason).HasMaxLength(SubmissionRecord.ReasonLength);
    }
}
