using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Text;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Participant.CaseStudy;

/// <summary>
/// The participant's case-study group in the cohort they work on: the organisation studied, the deadline, the other
/// members, the report's versions (each can be submitted as final while the report is open) and the audit trail.
/// </summary>
public class IndexModel(PortfolioDb db, MyCohorts myCohorts, TimeProvider clock) : PageModel
{
    public string? CohortName { get; private set; }
    public GroupView? Group { get; private set; }
    public CaseStudyReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return;
        }
        CohortName = cohort.CohortName;
        var group = await MyCaseStudy.GroupOf(db, cohort)
            .Select(g => new
            {
                g.Id, g.Name, g.Organisation, g.Deadline, g.FinalVersionId, g.SubmittedAt,
                SubmittedBy = db.Users.Where(u => u.Id == g.SubmittedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                Members = g.Members.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
                    .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
                    .Select(u => new MemberView(u.FirstName + " " + u.LastName, u.Organisation, u.Id == cohort.OwnerId))
                    .ToList(),
            })
            .SingleOrDefaultAsync();
        if (group is null)
        {
            return;
        }
        Group = new GroupView(group.Name, group.Organisation, group.Deadline, group.SubmittedAt, group.SubmittedBy, group.Members, clock.Today());
        Report = await CaseStudyReport.LoadAsync(db, group.Id, group.FinalVersionId, "/Participant/CaseStudy/Version", canSubmit: group.SubmittedAt is null);
    }

    public sealed record GroupView(string Name, string Organisation, DateOnly Deadline, DateTimeOffset? SubmittedAt, string? SubmittedBy, IReadOnlyList<MemberView> Members, DateOnly Today)
    {
        public bool IsSubmitted => SubmittedAt is not null;

        /// <summary>Submitted after the deadline, or still open and the deadline past.</summary>
        public bool IsLate => SubmittedAt is { } at ? Dates.InBrussels(at) > Deadline : Today > Deadline;
    }

    public sealed record MemberView(string Name, string? Organisation, bool IsMe);
}
