using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>
/// Who is where in a cohort: its intervision groups with their members and facilitator, and every active participant
/// with their group or none. The same four commands whatever the size of the cohort.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination) : PageModel
{
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<GroupView> Groups { get; private set; } = [];
    public IReadOnlyList<PersonView> Participants { get; private set; } = [];

    public IEnumerable<PersonView> WithoutGroup => Participants.Where(p => p.GroupId is null);

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        (CohortId, CohortName) = (cohortId, name);
        var members = await db.GroupMembers.Where(m => m.CohortId == cohortId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.FirstName, u.LastName, u.Organisation })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync();
        var groups = await db.IntervisionGroups.Where(g => g.CohortId == cohortId).OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, Facilitator = db.Users.Where(u => u.Id == g.FacilitatorId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault() })
            .ToListAsync();
        Groups = groups.Select(g => new GroupView(g.Id, g.Name, g.Facilitator,
            members.Where(m => m.GroupId == g.Id).Select(m => new MemberView(m.Id, $"{m.FirstName} {m.LastName}", m.Organisation)).ToList())).ToList();
        var names = groups.ToDictionary(g => g.Id, g => g.Name);
        Participants = (await db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.Organisation,
                GroupId = db.GroupMembers.Where(m => m.CohortId == cohortId && m.UserId == u.Id).Select(m => (int?)m.GroupId).FirstOrDefault(),
            })
            .ToListAsync())
            .Select(p => new PersonView(p.Id, $"{p.FirstName} {p.LastName}", p.Organisation, p.GroupId, p.GroupId is { } g ? names.GetValueOrDefault(g) : null))
            .ToList();
        return Page();
    }

    public sealed record GroupView(int Id, string Name, string? Facilitator, IReadOnlyList<MemberView> Members)
    {
        public bool HasUsualSize => Members.Count is >= IntervisionGroup.MinMembers and <= IntervisionGroup.MaxMembers;
        public bool HasRoom => Members.Count < IntervisionGroup.MaxMembers;
    }

    public sealed record MemberView(string Id, string Name, string? Organisation);
    public sealed record PersonView(string Id, string Name, string? Organisation, int? GroupId, string? GroupName);
}
