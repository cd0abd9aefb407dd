using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// The report of a case-study group as members and coordinators see it: its versions with uploader and date, and the
/// audit trail of submissions and reopenings. Two commands whatever the number of versions and events.
/// </summary>
public sealed record CaseStudyReport(IReadOnlyList<CaseStudyReport.Version> Versions, IReadOnlyList<CaseStudyReport.Event> Trail, int? FinalVersionId,
    string DownloadPage, bool CanSubmit)
{
    public sealed record Version(int Id, int Number, string FileName, long Length, string? UploadedBy, DateTimeOffset UploadedAt);
    public sealed record Event(CaseStudyEventKind Kind, string? By, int? VersionNumber, string? Reason, DateTimeOffset At);

    /// <param name="downloadPage">the page that downloads a version for this reader (it checks <see cref="CaseStudyAccess"/> again)</param>
    /// <param name="canSubmit">the reader is a member and the report is open: each version offers "submit as final"</param>
    public static async Task<CaseStudyReport> LoadAsync(PortfolioDb db, int groupId, int? finalVersionId, string downloadPage, bool canSubmit)
    {
        var versions = await db.ReportVersions.Where(v => v.GroupId == groupId).OrderByDescending(v => v.Number)
            .Select(v => new Version(v.Id, v.Number, v.FileName, v.Length,
                db.Users.Where(u => u.Id == v.UploadedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(), v.UploadedAt))
            .ToListAsync();
        var trail = await db.CaseStudyEvents.Where(e => e.GroupId == groupId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new Event(e.Kind, db.Users.Where(u => u.Id == e.ById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(), e.VersionNumber, e.Reason, e.At))
            .ToListAsync();
        return new CaseStudyReport(versions, trail, finalVersionId, downloadPage, canSubmit);
    }
}
