using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>The co-development sessions of the person's groups (as a member or as their facilitator): planned, then past.</summary>
public class IndexModel(PortfolioDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];
    public IReadOnlyList<SessionRow> Planned { get; private set; } = [];
    public IReadOnlyList<SessionRow> Past { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        var me = User.Me();
        Groups = await CodevAccess.GroupsOf(db, me).OrderBy(g => g.Name)
            .Select(g => new GroupRow(g.Id, g.Name, g.FacilitatorId == me || (g.FacilitatorId == null && g.Members.Any(m => m.UserId == me))))
            .ToListAsync();
        var sessions = await CodevAccess.SessionsOf(db, me)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Group.Name, s.StartsAt, s.Place, s.VideoLink != null, s.CaseOwnerIds, s.CurrentStep, s.ClosedAt != null))
            .ToListAsync();
        Names = await CodevPages.NamesAsync(db, sessions.SelectMany(s => s.CaseOwnerIds));
        var now = clock.GetUtcNow();
        // A session is past once held and closed, or once its day is over; a started one stays on top until closed.
        Planned = [.. sessions.Where(s => !s.Closed && (s.Step > 0 || s.StartsAt > now.AddHours(-12)))];
        Past = [.. sessions.Except(Planned).OrderByDescending(s => s.StartsAt)];
    }

    public sealed record GroupRow(int Id, string Name, bool CanPlan);

    public sealed record SessionRow(int Id, string Group, DateTimeOffset StartsAt, string? Place, bool Online, string[] CaseOwnerIds, int Step, bool Closed);
}
