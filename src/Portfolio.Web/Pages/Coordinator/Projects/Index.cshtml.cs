using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Projects;

/// <summary>
/// Where each participant of a cohort stands with their transformation project: its title, milestones reached out of
/// planned, advice received from peers, the final presentation's status. Figures and titles only, never the project's
/// texts (a portfolio is personal). Two commands whatever the size of the cohort.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<Row> Participants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        // The component gate's check is folded in here (ComponentAccess.ReadsCheckedByThePage): one command, not two.
        var name = await coordination.Cohorts.Using(ProgrammeComponents.TransformationProject).Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        Participants = await db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new
            {
                Name = u.FirstName + " " + u.LastName,
                Project = db.TransformationProjects.Where(p => p.CohortId == cohortId && p.OwnerId == u.Id)
                    .Select(p => new ProjectFigures(p.Title, p.Milestones.Count(m => m.DoneOn != null), p.Milestones.Count,
                        db.Feedback.Count(f => f.SubmittedAt != null && db.FeedbackRequests.Any(r => r.Id == f.RequestId && r.ProjectId == p.Id)),
                        p.PresentationOn, p.PresentationSubmittedAt))
                    .FirstOrDefault(),
            })
            .Select(x => new Row(x.Name, x.Project))
            .ToListAsync();
        return Page();
    }

    public sealed record ProjectFigures(string Title, int MilestonesDone, int Milestones, int AdviceReceived, DateOnly? PresentationOn, DateTimeOffset? PresentationSubmittedAt);

    public sealed record Row(string Name, ProjectFigures? Project);
}
