using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Core.JuryPacks;

/// <summary>
/// One saved version of a programme's candidate report template. Versions are only added, never changed: the current
/// template is the one with the highest <see cref="Number"/>; a programme without any uses the shipped file. The unique
/// (programme, number) pair makes two saves made from the same version collide instead of one silently winning.
/// </summary>
public class ReportTemplate
{
    public const int MaxLength = ReportRenderer.MaxTemplateLength;

    private ReportTemplate() { }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public int Number { get; private set; }
    public string Text { get; private set; } = "";
    public string SavedById { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }

    /// <summary>This version puts the shipped template back (the coordinator asked for the default).</summary>
    public bool Shipped { get; private set; }

    /// <summary>
    /// The next version after <paramref name="currentNumber"/> (0: the programme has none yet). The text must already have
    /// passed <see cref="ReportRenderer.CheckAsync"/>; this only refuses what could not be stored.
    /// </summary>
    public static ReportTemplate Next(int programmeId, int currentNumber, string text, string savedById, DateTimeOffset now, bool shipped = false)
    {
        if (text.Length > ReportRenderer.MaxTemplateLength || text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The template cannot be stored.", nameof(text));
        }
        return new ReportTemplate { ProgrammeId = programmeId, Number = currentNumber + 1, Text = text, SavedById = savedById, SavedAt = now, Shipped = shipped };
    }
}

internal sealed class ReportTemplateConfiguration : IEntityTypeConfiguration<ReportTemplate>
{
    public void Configure(EntityTypeBuilder<ReportTemplate> t)
    {
        t.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<AppUser>().WithMany().HasForeignKey(x => x.SavedById).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => new { x.ProgrammeId, x.Number }).IsUnique();
        t.Property(x => x.Text).HasMaxLength(ReportTemplate.MaxLength);
    }
}

/// <summary>Where templates and candidates come from, for the editor pages and the pack job alike.</summary>
public static class ReportTemplates
{
    /// <summary>Shipped with the application (the Web project copies templates/** next to its binaries).</summary>
    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "templates", "reports", "candidate.html.scriban");

    public static Task<string> ShippedTextAsync(CancellationToken cancellationToken = default) => File.ReadAllTextAsync(ShippedPath, cancellationToken);

    /// <summary>The programme's current template: its latest version, or the shipped one (number 0).</summary>
    public static async Task<(int Number, string Text)> CurrentAsync(PortfolioDb db, int programmeId, CancellationToken cancellationToken = default)
    {
        var latest = await db.ReportTemplates.Where(t => t.ProgrammeId == programmeId).OrderByDescending(t => t.Number)
            .Select(t => new { t.Number, t.Text }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? (0, await ShippedTextAsync(cancellationToken)) : (latest.Number, latest.Text);
    }

    /// <summary>The report model of one submission, numbered <paramref name="number"/> in the pack ("01"); see <see cref="SourceAsync"/>.</summary>
    public static async Task<CandidateReport?> CandidateAsync(PortfolioDb db, FrameworkModels frameworks, int submissionId, string number, CancellationToken cancellationToken = default) =>
        await SourceAsync(db, frameworks, submissionId, number, cancellationToken) is { } source ? CandidateReportBuilder.Build(source) : null;

    /// <summary>
    /// What the report of one submission (the latest of a candidate, in practice) is built from: the snapshot, the cohort's
    /// framework, and the final collective report of the candidate's case-study group if there is one. A fixed number of
    /// commands.
    /// </summary>
    public static async Task<CandidateReportSource?> SourceAsync(PortfolioDb db, FrameworkModels frameworks, int submissionId, string number, CancellationToken cancellationToken = default)
    {
        var s = await db.Submissions.AsNoTracking().Where(x => x.Id == submissionId)
            .Select(x => new { x.Content, x.Number, x.SubmittedAt, x.ParticipantId, x.CohortId })
            .SingleOrDefaultAsync(cancellationToken);
        if (s is null)
        {
            return null;
        }
        var cohort = await db.Cohorts.Where(c => c.Id == s.CohortId).Select(c => new { c.FrameworkId, c.StartsOn, c.EndsOn }).SingleAsync(cancellationToken);
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cancellationToken);
        var group = await db.CaseStudyGroups.Where(g => g.CohortId == s.CohortId && g.Members.Any(m => m.UserId == s.ParticipantId))
            .Select(g => new
            {
                g.Name,
                g.Organisation,
                g.SubmittedAt,
                FileName = db.ReportVersions.Where(v => v.Id == g.FinalVersionId).Select(v => v.FileName).FirstOrDefault(),
                Members = g.Members.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.FirstName + " " + u.LastName).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<Submissions.SnapshotDocument>(s.Content)!;
        return new CandidateReportSource(number, snapshot, s.Number, s.SubmittedAt, cohort.StartsOn, cohort.EndsOn,
            ReportFramework.From(framework),
            group is null ? null : new CollectiveReportSource(group.Name, group.Organisation, [.. group.Members.Order(StringComparer.Ordinal)],
                group.FileName ?? "", group.FileName is null ? null : group.SubmittedAt));
    }
}
