using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>
/// The case-study groups of a cohort: members, organisation studied, deadline, where the collective report stands (no
/// version, versions, final submitted on a date, late) and a warning for groups not of 2 or 3. Three commands whatever
/// the number of groups.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination, TimeProvider clock) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<GroupView> Groups { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName, Today) = (cohortId, name, clock.Today());
        var members = await db.CaseStudyMembers.Where(m => m.CohortId == cohortId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        var groups = await db.CaseStudyGroups.Where(g => g.CohortId == cohortId).OrderBy(g => g.Name)
            .Select(g => new
            {
                g.Id, g.Name, g.Organisation, g.Deadline, Versions = g.Versions.Count(), g.SubmittedAt,
                SubmittedBy = db.Users.Where(u => u.Id == g.SubmittedById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
            })
            .ToListAsync();
        Groups = groups.Select(g => new GroupView(g.Id, g.Name, g.Organisation, g.Deadline, g.Versions, g.SubmittedAt, g.SubmittedBy,
            members.Where(m => m.GroupId == g.Id).Select(m => $"{m.FirstName} {m.LastName}").ToList())).ToList();
        return Page();
    }

    public sealed record GroupView(int Id, string Name, string Organisation, DateOnly Deadline, int VersionCount, DateTimeOffset? SubmittedAt, string? SubmittedBy, IReadOnlyList<string> Members)
    {
        public bool HasUsualSize => CaseStudyGroup.HasUsualMemberCount(Members.Count);

        /// <summary>Submitted after the deadline, or not submitted and the deadline is past.</summary>
        public bool IsLate(DateOnly today) => SubmittedAt is { } at ? Dates.InBrussels(at) > Deadline : today > Deadline;
    }
}
