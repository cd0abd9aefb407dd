using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;

namespace Portfolio.Core.Submissions;

/// <summary>One section the framework suggests for the individual report: its stable key and its title.</summary>
public sealed record ReportSectionPlan(string Key, string Title);

/// <summary>
/// The sections of the individual report come from the cohort's framework (it is data: pillars may be modules or
/// dimensions): one per pillar, one for the leadership competencies, one for the horizontal axes, an overall synthesis.
/// Keys use the framework's codes, so that they read the same in every database and in a snapshot.
/// </summary>
public static class ReportSections
{
    public const string Leadership = "leadership";
    public const string Axes = "axes";
    public const string Synthesis = "synthesis";

    public static IReadOnlyList<ReportSectionPlan> For(FrameworkModel framework)
    {
        var plan = framework.Pillars.Select(p => new ReportSectionPlan("pillar-" + p.Code, $"{framework.PillarLabel} {p.Code} — {p.Title}")).ToList();
        if (framework.LeadershipCompetencies.Count > 0)
        {
            plan.Add(new ReportSectionPlan(Leadership, "Compétences de leadership du changement"));
        }
        if (framework.Axes.Count > 0)
        {
            plan.Add(new ReportSectionPlan(Axes, "Axes horizontaux"));
        }
        plan.Add(new ReportSectionPlan(Synthesis, "Synthèse générale"));
        return plan;
    }
}

/// <summary>How many words a text holds, as a reader counts them: Markdown marks alone (#, -, *, >) are not words.</summary>
public static class WordCount
{
    public static int Of(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));
}

/// <summary>What the report's rules refused; pages turn it into a message.</summary>
public enum ReportProblem { UnknownSection, CitesForeignEvidence }

public sealed class ReportRuleException(ReportProblem problem) : InvalidOperationException($"Report rule: {problem}.")
{
    public ReportProblem Problem { get; } = problem;
}

/// <summary>
/// A participant's individual reflective self-evaluation report in one cohort: written in sections (Markdown, citing
/// evidence of their own portfolio; every save keeps the previous text as a revision), or uploaded as one file (PDF,
/// DOCX, ODT). When a file is uploaded, it is the report that will be submitted; removing it brings the written one back.
/// </summary>
public class IndividualReport
{
    public const int TextLength = 100_000;
    public const int KeyLength = 80;
    public const int TitleLength = 400;

    private IndividualReport() { }

    public IndividualReport(string ownerId, int cohortId, IEnumerable<ReportSectionPlan> plan, DateTimeOffset now)
    {
        OwnerId = ownerId;
        CohortId = cohortId;
        CreatedAt = now;
        Sections = [.. plan.Select((p, i) => new ReportSection(p, i))];
    }

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public int CohortId { get; private set; }
    public List<ReportSection> Sections { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public string? FileName { get; private set; }
    public string? FileContentType { get; private set; }
    public long? FileLength { get; private set; }
    public Guid? StoredFileId { get; private set; }
    public DateTimeOffset? FileUploadedAt { get; private set; }

    public bool IsUploaded => StoredFileId is not null;

    public int TotalWords => Sections.Sum(s => s.Words);

    /// <summary>
    /// Saves a section's text and citations; the previous text is kept as a revision. Citations must be evidence items of
    /// the owner's portfolio in this cohort (<paramref name="ownEvidenceIds"/>), so that no one else's item is ever cited.
    /// </summary>
    public void Write(string key, string? text, IEnumerable<int> citedEvidenceIds, IReadOnlySet<int> ownEvidenceIds, DateTimeOffset now)
    {
        var section = Sections.FirstOrDefault(s => s.Key == key) ?? throw new ReportRuleException(ReportProblem.UnknownSection);
        var cited = citedEvidenceIds.Distinct().Order().ToArray();
        if (cited.Any(id => !ownEvidenceIds.Contains(id)))
        {
            throw new ReportRuleException(ReportProblem.CitesForeignEvidence);
        }
        section.Write(WrittenText.AsTyped(text), cited, now);
    }

    /// <summary>Replaces the uploaded file; returns the stored file it replaced (the caller deletes its bytes) or null.</summary>
    public Guid? Upload(string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset now)
    {
        var previous = StoredFileId;
        FileName = fileName;
        FileContentType = contentType;
        FileLength = length;
        StoredFileId = storedFileId;
        FileUploadedAt = now;
        return previous;
    }

    /// <summary>Goes back to the written report; returns the stored file to delete, or null.</summary>
    public Guid? RemoveFile()
    {
        var previous = StoredFileId;
        (FileName, FileContentType, FileLength, StoredFileId, FileUploadedAt) = (null, null, null, null, null);
        return previous;
    }
}

/// <summary>One section of the individual report. <see cref="RowVersion"/> refuses a save made from a stale form.</summary>
public class ReportSection
{
    private ReportSection() { }

    internal ReportSection(ReportSectionPlan plan, int position)
    {
        Key = plan.Key;
        Title = StorableText.Shorten(plan.Title, IndividualReport.TitleLength);
        Position = position;
    }

    public int Id { get; private set; }
    public int ReportId { get; private set; }
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Position { get; private set; }
    public string Text { get; private set; } = "";
    public int[] EvidenceIds { get; private set; } = [];
    public int Words { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public List<ReportSectionRevision> Revisions { get; private set; } = [];
    public uint RowVersion { get; private set; }

    internal void Write(string text, int[] evidenceIds, DateTimeOffset now)
    {
        if (text == Text && evidenceIds.SequenceEqual(EvidenceIds))
        {
            return;
        }
        if (UpdatedAt is { } savedAt)
        {
            Revisions.Add(new ReportSectionRevision(Text, EvidenceIds, savedAt));
        }
        Text = text;
        EvidenceIds = evidenceIds;
        Words = WordCount.Of(text);
        UpdatedAt = now;
    }
}

/// <summary>A draft of a section, as it stood before a later save replaced it.</summary>
public class ReportSectionRevision
{
    private ReportSectionRevision() { }

    internal ReportSectionRevision(string text, int[] evidenceIds, DateTimeOffset savedAt)
    {
        Text = text;
        EvidenceIds = evidenceIds;
        Words = WordCount.Of(text);
        SavedAt = savedAt;
    }

    public int Id { get; private set; }
    public int SectionId { get; private set; }
    public string Text { get; private set; } = "";
    public int[] EvidenceIds { get; private set; } = [];
    public int Words { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }
}

internal sealed class IndividualReportConfiguration : IEntityTypeConfiguration<IndividualReport>, IEntityTypeConfiguration<ReportSection>, IEntityTypeConfiguration<ReportSectionRevision>
{
    public void Configure(EntityTypeBuilder<IndividualReport> r)
    {
        // One report per participant and cohort: a second one started in another tab is refused by the database.
        r.HasIndex(x => new { x.OwnerId, x.CohortId }).IsUnique();
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        r.Property(x => x.FileName).HasMaxLength(200);
        r.Property(x => x.FileContentType).HasMaxLength(120);
        r.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReportSection> s)
    {
        s.HasIndex(x => new { x.ReportId, x.Key }).IsUnique();
        s.Property(x => x.Key).HasMaxLength(IndividualReport.KeyLength);
        s.Property(x => x.Title).HasMaxLength(IndividualReport.TitleLength);
        s.Property(x => x.Text).HasMaxLength(IndividualReport.TextLength);
        s.Property(x => x.RowVersion).IsRowVersion();
        s.HasMany(x => x.Revisions).WithOne().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReportSectionRevision> r) => r.HasIndex(x => new { x.SectionId, x.SavedAt });
}
