using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Juries;
using Portfolio.Core.Storage;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// The pack the jurors read, for one jury or a whole cohort (<see cref="JuryId"/> null): the current ZIP and what it was
/// built from. There is one per scope: a rebuild replaces the file in the same save that records the build as finished,
/// so a coordinator downloads either the previous complete pack or the new complete one, never a half-built file.
/// </summary>
public class JuryPack
{
    private JuryPack() { }

    public JuryPack(int cohortId, int? juryId)
    {
        CohortId = cohortId;
        JuryId = juryId;
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public int? JuryId { get; private set; }

    public Guid FileId { get; private set; }
    public string FileName { get; private set; } = "";
    public long Length { get; private set; }

    /// <summary>The build (a <see cref="Jobs.JobRun"/>) that produced the current file, and who asked for it.</summary>
    public Guid RunId { get; private set; }
    /// <summary>Null once that account is deleted: the pack stays the cohort's.</summary>
    public string? BuiltById { get; private set; }
    public DateTimeOffset BuiltAt { get; private set; }

    /// <summary>The programme's report template version the reports were rendered with (0: the shipped template).</summary>
    public int TemplateNumber { get; private set; }
    public int Candidates { get; private set; }

    /// <summary>
    /// The participants whose work the pack holds: a juror may download their jury's pack only when every one of them is
    /// open to them (<see cref="Juries.JuryAccess.PacksOpenTo"/>). Empty for a pack built before this was recorded, which
    /// no juror can download until it is rebuilt.
    /// </summary>
    public List<string> ParticipantIds { get; private set; } = [];
    public int Reports { get; private set; }
    public bool WithPdf { get; private set; }

    /// <summary>The dates of the oldest and latest submitted snapshot in the pack (null when no candidate had submitted).</summary>
    public DateTimeOffset? FirstSubmittedAt { get; private set; }
    public DateTimeOffset? LastSubmittedAt { get; private set; }

    /// <summary>Puts a new build in place; returns the previous file, which the caller deletes once this is saved.</summary>
    public Guid? Replace(Guid fileId, string fileName, long length, Guid runId, string builtById, DateTimeOffset builtAt, PackContents contents)
    {
        var previous = FileId == Guid.Empty ? (Guid?)null : FileId;
        FileId = fileId;
        FileName = fileName;
        Length = length;
        RunId = runId;
        BuiltById = builtById;
        BuiltAt = builtAt;
        TemplateNumber = contents.TemplateNumber;
        Candidates = contents.ParticipantIds.Count;
        ParticipantIds = [.. contents.ParticipantIds];
        Reports = contents.Reports;
        WithPdf = contents.WithPdf;
        FirstSubmittedAt = contents.FirstSubmittedAt;
        LastSubmittedAt = contents.LastSubmittedAt;
        return previous;
    }
}

/// <summary>What a pack holds and what produced it, as the builder found it.</summary>
public sealed record PackContents(int TemplateNumber, IReadOnlyList<string> ParticipantIds, int Reports, bool WithPdf, DateTimeOffset? FirstSubmittedAt, DateTimeOffset? LastSubmittedAt);

internal sealed class JuryPackConfiguration : IEntityTypeConfiguration<JuryPack>
{
    public void Configure(EntityTypeBuilder<JuryPack> t)
    {
        t.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<Jury>().WithMany().HasForeignKey(x => x.JuryId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<AppUser>().WithMany().HasForeignKey(x => x.BuiltById).OnDelete(DeleteBehavior.SetNull);
        t.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        // One pack per scope: the cohort's own (no jury) and one per jury.
        t.HasIndex(x => x.CohortId).IsUnique().HasFilter("\"JuryId\" IS NULL");
        t.HasIndex(x => x.JuryId).IsUnique().HasFilter("\"JuryId\" IS NOT NULL");
        t.Property(x => x.FileName).HasMaxLength(200);
    }
}
