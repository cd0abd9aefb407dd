using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Participant;

/// <summary>The participant's intervision (or co-development) group in the cohort they work on: its members and facilitator, or none.</summary>
public class GroupModel(PortfolioDb db, MyCohorts myCohorts) : PageModel
{
    public string? CohortName { get; private set; }

    /// <summary>Whether the programme's groups are intervision groups; otherwise co-development groups only (INET, the community).</summary>
    public bool Intervision { get; private set; } = true;
    public GroupView? Group { get; private set; }

    public async Task OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return;
        }
        CohortName = cohort.CohortName;
        Intervision = cohort.Uses(ProgrammeComponents.Intervision);
        // A withdrawn participant has left their group already; nothing to find then.
        var group = await db.GroupMembers.Where(m => m.CohortId == cohort.CohortId && m.UserId == cohort.OwnerId)
            .Select(m => new
            {
                m.Group.Name,
                Facilitator = db.Users.Where(u => u.Id == m.Group.FacilitatorId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                Members = m.Group.Members.Join(db.Users, o => o.UserId, u => u.Id, (o, u) => u)
                    .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
                    .Select(u => new MemberView(u.FirstName + " " + u.LastName, u.Organisation, u.Id == cohort.OwnerId))
                    .ToList(),
            })
            .SingleOrDefaultAsync();
        Group = group is null ? null : new GroupView(group.Name, group.Facilitator, group.Members);
    }

    public sealed record GroupView(string Name, string? Facilitator, IReadOnlyList<MemberView> Members);
    public sealed record MemberView(string Name, string? Organisation, bool IsMe);
}
