using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>
/// The participant's transformation project in the cohort they work on: its statement, milestones, the advice asked of
/// peers and received, the journal reflections and evidence tied to it (their own only) and the final presentation.
/// </summary>
public class IndexModel(PortfolioDb db, MyCohorts myCohorts) : PageModel
{
    public bool Enrolled { get; private set; }
    public ProjectView? Project { get; private set; }
    public IReadOnlyList<MilestoneView> Milestones { get; private set; } = [];
    public IReadOnlyList<AdviceView> Advice { get; private set; } = [];
    public IReadOnlyList<TiedItem> Reflections { get; private set; } = [];
    public IReadOnlyList<TiedItem> Evidence { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cohort = await myCohorts.CurrentAsync();
        Enrolled = cohort is not null;
        if (cohort is null)
        {
            return;
        }
        Project = await db.TransformationProjects.In(cohort)
            .Select(p => new ProjectView(p.Id, p.Title, p.Context, p.Ambition, p.Visibility, p.PresentationOn, p.PresentationSummary, p.PresentationFileName,
                p.PresentationFileLength, p.PresentationSubmittedAt))
            .SingleOrDefaultAsync();
        if (Project is null)
        {
            return;
        }
        var id = Project.Id;
        Milestones = await db.ProjectMilestones.Where(m => m.ProjectId == id).OrderBy(m => m.DueOn).ThenBy(m => m.Id)
            .Select(m => new MilestoneView(m.Id, m.Title, m.DueOn, m.Note, m.DoneOn)).ToListAsync();
        Advice = await db.FeedbackRequests.Where(r => r.ProjectId == id && r.RequesterId == cohort.OwnerId)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new AdviceView(r.Id, r.Question, r.CreatedAt, r.WithdrawnAt != null, r.Recipients.Count,
                db.Feedback.Count(f => f.RequestId == r.Id && f.SubmittedAt != null)))
            .ToListAsync();
        Reflections = await db.JournalEntries.In(cohort).Where(j => j.TransformationProjectId == id)
            .OrderByDescending(j => j.WrittenOn).ThenByDescending(j => j.Id).Select(j => new TiedItem(j.Id, j.Title, j.WrittenOn)).ToListAsync();
        Evidence = await db.Evidence.In(cohort).Where(e => e.TransformationProjectId == id)
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id).Select(e => new TiedItem(e.Id, e.Title, e.OccurredOn)).ToListAsync();
    }

    public sealed record ProjectView(int Id, string Title, string Context, string Ambition, Visibility Visibility, DateOnly? PresentationOn, string PresentationSummary,
        string? PresentationFileName, long? PresentationFileLength, DateTimeOffset? PresentationSubmittedAt);

    public sealed record MilestoneView(int Id, string Title, DateOnly DueOn, string Note, DateOnly? DoneOn);

    public sealed record AdviceView(int RequestId, string Question, DateTimeOffset AskedAt, bool Withdrawn, int Asked, int Answered);

    public sealed record TiedItem(int Id, string Title, DateOnly On);
}
