using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Submissions;

namespace Portfolio.Web.Pages.Participant.Report;

/// <summary>
/// The individual report at a glance: its sections (from the cohort's framework) with their word counts and the
/// evidence they cite, the total, and the uploaded file if the participant chose to upload it instead.
/// </summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public bool NotEnrolled { get; private set; }
    public IReadOnlyList<SectionRow> Sections { get; private set; } = [];
    public int TotalWords => Sections.Sum(s => s.Words);
    public UploadedFile? Uploaded { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            NotEnrolled = true;
            return;
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        var report = await db.IndividualReports.Where(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId)
            .Select(r => new
            {
                r.FileName, r.FileLength, r.FileUploadedAt,
                Sections = r.Sections.Select(s => new { s.Key, s.Words, Cited = s.EvidenceIds.Length, s.UpdatedAt }).ToList(),
            })
            .SingleOrDefaultAsync();
        Sections = ReportSections.For(framework).Select(p =>
        {
            var stored = report?.Sections.FirstOrDefault(s => s.Key == p.Key);
            return new SectionRow(p.Key, p.Title, stored?.Words ?? 0, stored?.Cited ?? 0, stored?.UpdatedAt);
        }).ToList();
        if (report is { FileName: { } name })
        {
            Uploaded = new UploadedFile(name, report.FileLength ?? 0, report.FileUploadedAt!.Value);
        }
    }

    public sealed record SectionRow(string Key, string Title, int Words, int Cited, DateTimeOffset? UpdatedAt);
    public sealed record UploadedFile(string Name, long Length, DateTimeOffset UploadedAt);
}
