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
/// Changes a planned session (date, place or link, case owners, runner) before it starts: the facilitator or the member
/// named to run it (in a group without facilitator, any member). Both may edit at once: a stale save never overwrites.
/// </summary>
public class RescheduleModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, ISessionForm
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public CodevGroup Group { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<CodevRotation.Row> Proposed { get; private set; } = [];
    public SessionInput? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } session)
        {
            return NotFound();
        }
        Input = SessionInput.From(session);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } session)
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
        try
        {
            session.Schedule(Group, Dates.FromBrussels(Input.StartsAt.Value), Input.Place, Input.VideoLink, Input.RunById ?? "", Input.CaseOwnerIds);
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        db.Entry(session).Property(s => s.RowVersion).OriginalValue = Input.RowVersion;
        var now = clock.GetUtcNow();
        foreach (var person in Group.MemberIds.Append(Group.FacilitatorId).OfType<string>().Distinct().Where(p => p != me))
        {
            db.Notify(person, NotificationKind.SessionPlanned, CodevSession.Subject(Group.Name, session.StartsAt), $"/Codev/Session/{id}", me, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.CodevSessions.AsNoTracking().SingleAsync(s => s.Id == id);
            Conflict = SessionInput.From(stored);
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        TempData["Message"] = l["Séance modifiée ; les membres du groupe sont prévenus."].Value;
        return RedirectToPage("Session", new { id });
    }

    private async Task<CodevSession?> LoadAsync(int id)
    {
        var me = User.Me();
        var found = await CodevAccess.SessionAsync(db, id, me);
        if (found is not { } f || !(f.Session.CanRun(me, f.Group) || (f.Group.FacilitatorId is null && f.Group.IsMember(me))))
        {
            return null;
        }
        Group = f.Group;
        Names = await CodevPages.NamesAsync(db, f.Group.MemberIds.Append(f.Group.FacilitatorId).OfType<string>());
        return f.Session;
    }
}
