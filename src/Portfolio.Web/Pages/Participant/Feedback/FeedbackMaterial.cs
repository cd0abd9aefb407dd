using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// What a feedback request is about, as its reader may see it: the evidence items (read through <see cref="ItemAccess"/>,
/// so a withdrawn request shows nothing) with their attachments, and the objectives asked about. Read by the peer who
/// answers and by the requester who reads the answers, in two queries whatever the number of items; a third when the
/// request asks advice on the requester's transformation project (read through <see cref="ItemAccess"/> too).
/// </summary>
public sealed record FeedbackMaterial(IReadOnlyList<FeedbackMaterial.Item> Items, IReadOnlyList<ObjectiveNode> Objectives, FrameworkModel Framework)
{
    public ProjectItem? Project { get; init; }

    public static async Task<FeedbackMaterial> LoadAsync(PortfolioDb db, string readerId, int[] evidenceIds, int[] objectiveIds, FrameworkModel framework, int? projectId = null)
    {
        var project = projectId is { } pid
            ? await db.TransformationProjects.ReadableBy(db, readerId).Where(p => p.Id == pid)
                .Select(p => new ProjectItem(p.Id, p.Title, p.Context, p.Ambition,
                    p.Milestones.OrderBy(m => m.DueOn).ThenBy(m => m.Id).Select(m => new ProjectMilestoneItem(m.Title, m.DueOn, m.DoneOn)).ToList()))
                .SingleOrDefaultAsync()
            : null;
        var items = await db.Evidence.ReadableBy(db, readerId).Where(e => evidenceIds.Contains(e.Id))
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Title, e.OccurredOn, e.Description, e.Reflection, e.ObjectiveIds })
            .ToListAsync();
        var ids = items.Select(i => i.Id).ToArray();
        var attachments = await db.Attachments.Where(a => ids.Contains(a.EvidenceId)).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new Attachment(a.Id, a.EvidenceId, a.FileName, a.Length)).ToListAsync();
        var byItem = attachments.ToLookup(a => a.EvidenceId);
        return new FeedbackMaterial(
            [.. items.Select(i => new Item(i.Id, i.Title, i.OccurredOn, i.Description, i.Reflection, framework.ObjectivesOf(i.ObjectiveIds), [.. byItem[i.Id]]))],
            framework.ObjectivesOf(objectiveIds), framework) { Project = project };
    }

    public sealed record ProjectItem(int Id, string Title, string Context, string Ambition, IReadOnlyList<ProjectMilestoneItem> Milestones);

    public sealed record ProjectMilestoneItem(string Title, DateOnly DueOn, DateOnly? DoneOn);

    public sealed record Item(int Id, string Title, DateOnly OccurredOn, string Description, string Reflection, IReadOnlyList<ObjectiveNode> Objectives,
        IReadOnlyList<Attachment> Attachments);

    public sealed record Attachment(int Id, int EvidenceId, string FileName, long Length);
}
