using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>The versions an evidence item went through, and the text of one of them (the most recent earlier one by default).</summary>
public class HistoryModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public int Id { get; private set; }
    public string CurrentTitle { get; private set; } = "";
    public DateTimeOffset CurrentSavedAt { get; private set; }
    public IReadOnlyList<Version> Versions { get; private set; } = [];
    public Version? Shown { get; private set; }
    public EvidenceView? ShownContent { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int? revision)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var item = await db.Evidence.In(cohort).Where(e => e.Id == id)
            .Select(e => new { e.Title, e.UpdatedAt, cohort.FrameworkId, cohort.FrameworkRevision })
            .SingleOrDefaultAsync();
        if (item is null)
        {
            return NotFound();
        }
        Id = id;
        CurrentTitle = item.Title;
        CurrentSavedAt = item.UpdatedAt;
        var rows = await db.EvidenceRevisions.Where(r => r.EvidenceId == id).OrderByDescending(r => r.SavedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.SavedAt, r.Snapshot }).ToListAsync();
        var versions = rows.Select(r => (Version: new Version(r.Id, r.SavedAt, TitleOf(r.Snapshot)), r.Snapshot)).ToList();
        Versions = versions.Select(v => v.Version).ToList();
        if (versions.Count == 0)
        {
            return Page();
        }
        var shown = revision is null ? versions[0] : versions.SingleOrDefault(v => v.Version.Id == revision);
        if (shown.Snapshot is null)
        {
            return NotFound();
        }
        Shown = shown.Version;
        var framework = await frameworks.GetAsync(db, item.FrameworkId, item.FrameworkRevision);
        var content = JsonSerializer.Deserialize<EvidenceContent>(shown.Snapshot)!;
        var sharedWith = content.SharedWithUserIds.Length == 0 ? [] : await db.Users.Where(u => content.SharedWithUserIds.Contains(u.Id))
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).Select(u => u.FirstName + " " + u.LastName).ToListAsync();
        ShownContent = new EvidenceView(content, framework, sharedWith, Nested: true);
        return Page();
    }

    /// <summary>The title a revision had, read from its stored snapshot.</summary>
    public static string TitleOf(string snapshot) => JsonSerializer.Deserialize<EvidenceContent>(snapshot)?.Title ?? "";

    public sealed record Version(int Id, DateTimeOffset SavedAt, string Title);
}
