using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Evidence;

/// <summary>One of the participant's evidence items: what it says, its tags, links, attachments and earlier versions.</summary>
public class DetailsModel(PortfolioDb db, FrameworkModels frameworks, MyCohorts myCohorts) : PageModel
{
    public Item Evidence { get; private set; } = null!;
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<string> SharedWith { get; private set; } = [];

    /// <summary>The intervision material the item was made from (a feedback received...), as described when it was made.</summary>
    public EvidenceOrigin? Origin { get; private set; }

    /// <summary>The session of the calendar the item is tied to, named as the form names it; null when none.</summary>
    public string? Session { get; private set; }

    /// <summary>The title of the owner's project the item documents; null when it documents none.</summary>
    public string? Project { get; private set; }

    /// <summary>Who besides the owner may read the item now, by the one rule (group, named peers, feedback requests).</summary>
    public IReadOnlyList<string> Readers { get; private set; } = [];
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var evidence = await db.Evidence.In(cohort).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
        if (evidence is null)
        {
            return NotFound();
        }
        var item = new Item(evidence.Id, evidence.Content, evidence.CreatedAt, evidence.UpdatedAt, evidence.MarkedForAssessment);
        Evidence = item;
        Origin = evidence.Origin;
        Framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        if (item.Content.SharedWithUserIds.Length > 0)
        {
            SharedWith = await db.Users.Where(u => item.Content.SharedWithUserIds.Contains(u.Id))
                .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).Select(u => u.FirstName + " " + u.LastName).ToListAsync();
        }
        if (evidence.SessionId is { } sessionId)
        {
            Session = await db.CohortSessions.Where(s => s.Id == sessionId).Select(s => SessionChoices.Label(s.StartsAt, s.Title)).SingleOrDefaultAsync();
        }
        if (evidence.TransformationProjectId is { } projectId)
        {
            Project = await db.TransformationProjects.In(cohort).Where(p => p.Id == projectId).Select(p => p.Title).SingleOrDefaultAsync();
        }
        Readers = await ItemAccess.ReadersOfEvidence(db, id).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => u.FirstName + " " + u.LastName).ToListAsync();
        Attachments = await db.Attachments.Where(a => a.EvidenceId == id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Length, a.UploadedAt)).ToListAsync();
        var revisions = await db.EvidenceRevisions.Where(r => r.EvidenceId == id).OrderByDescending(r => r.SavedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.SavedAt, r.Snapshot }).ToListAsync();
        Revisions = revisions.Select(r => new RevisionRow(r.Id, r.SavedAt, HistoryModel.TitleOf(r.Snapshot))).ToList();
        return Page();
    }

    public sealed record Item(int Id, EvidenceContent Content, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool MarkedForAssessment);

    public sealed record AttachmentRow(int Id, string FileName, long Length, DateTimeOffset UploadedAt);
    public sealed record RevisionRow(int Id, DateTimeOffset SavedAt, string Title);
}
