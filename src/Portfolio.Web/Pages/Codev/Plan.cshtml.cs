using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Codev;

/// <summary>
/// Plans a session of a group: date, place or video link, the case owners (one or two) and who runs it. The facilitator plans for
/// their group; a group without a facilitator plans for itself (any member). Members and facilitator are notified.
/// </summary>
public class PlanModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, ISessionForm
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public CodevGroup Group { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<CodevRotation.Row> Proposed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int groupId)
    {
        if (!await LoadAsync(groupId))
        {
            return NotFound();
        }
        Input = new SessionInput
        {
            StartsAt = Dates.ToBrussels(clock.GetUtcNow().AddDays(14)).Date.AddHours(14),
            RunById = Group.FacilitatorId ?? User.Me(),
            CaseOwnerIds = [.. Proposed.Take(1).Select(p => p.Id)],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int groupId)
    {
        if (!await LoadAsync(groupId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid || Input.StartsAt is null)
        {
            if (Input.StartsAt is null)
            {
                ModelState.AddModelError("Input.StartsAt", l["Indiquez la date et l'heure de la séance."]);
            }
            return Page();
        }
        var me = User.Me();
        var now = clock.GetUtcNow();
        CodevSession session;
        try
        {
            session = new CodevSession(Group, Dates.FromBrussels(Input.StartsAt.Value), Input.Place, Input.VideoLink, Input.RunById ?? "", Input.CaseOwnerIds, me, now);
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        db.CodevSessions.Add(session);
        await db.SaveChangesAsync();
        // The link needs the id: the notifications go in a second save, with the session already there.
        var subject = CodevSession.Subject(Group.Name, session.StartsAt);
        foreach (var person in Group.MemberIds.Append(Group.FacilitatorId).OfType<string>().Distinct().Where(p => p != me))
        {
            db.Notify(person, NotificationKind.SessionPlanned, subject, $"/Codev/Session/{session.Id}", me, now);
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Séance planifiée ; les membres du groupe sont prévenus."].Value;
        return RedirectToPage("Session", new { id = session.Id });
    }

    private async Task<bool> LoadAsync(int groupId)
    {
        var me = User.Me();
        var group = await CodevAccess.GroupAsync(db, groupId, me);
        if (group is null || !(group.FacilitatorId == me || (group.FacilitatorId is null && group.IsMember(me))))
        {
            return false;
        }
        Group = group;
        Names = await CodevPages.NamesAsync(db, group.MemberIds.Append(group.FacilitatorId).OfType<string>());
        var ownerships = await db.CodevSessions.Where(s => s.GroupId == groupId).Select(s => new { s.CaseOwnerIds, s.StartsAt }).ToListAsync();
        Proposed = CodevRotation.Propose(
            [.. group.MemberIds.Select(id => new CodevRotation.Member(id, Names.Name(id)))],
            [.. ownerships.SelectMany(o => o.CaseOwnerIds.Select(id => (id, o.StartsAt)))]).Next;
        return true;
    }
}
