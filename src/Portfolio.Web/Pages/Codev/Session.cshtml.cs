using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Codev;

/// <summary>
/// The run-sheet of a session: the six steps with their planned time (a timer on the current one), what each produced,
/// attendance, and the follow-up of the previous action plans. Read-only: every change has its own page. Works without
/// JavaScript; the script only adds the countdown.
/// </summary>
public class SessionModel(PortfolioDb db) : PageModel
{
    public SessionView Session { get; private set; } = null!;
    public CodevGroup Group { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<ContributionView> Contributions { get; private set; } = [];
    public IReadOnlyList<PlanView> Plans { get; private set; } = [];
    public IReadOnlyList<TakeawayView> Takeaways { get; private set; } = [];
    public IReadOnlyDictionary<string, bool> Attendance { get; private set; } = new Dictionary<string, bool>();
    public IReadOnlyList<PlanView> PreviousPlans { get; private set; } = [];
    public IReadOnlyDictionary<int, string> FollowUps { get; private set; } = new Dictionary<int, string>();

    /// <summary>Evidence items the signed-in person already made from this session, by source (take-away or plan id).</summary>
    public IReadOnlyDictionary<(EvidenceOriginKind, int), int> MyEvidence { get; private set; } = new Dictionary<(EvidenceOriginKind, int), int>();

    public string Me { get; private set; } = "";
    public bool CanRun => Session.RunById == Me || Group.FacilitatorId == Me;
    public bool IsOwner => Session.CaseOwnerIds.Contains(Me);
    public bool Open => !Session.Closed;
    public CodevStep? Current => Session.Step is >= 1 and <= 6 ? (CodevStep)Session.Step : null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Me = User.Me();
        var session = await CodevAccess.SessionsOf(db, Me).Where(s => s.Id == id)
            .Select(s => new SessionView(s.Id, s.GroupId, s.StartsAt, s.Place, s.VideoLink, s.RunById, s.CaseOwnerIds, s.CurrentStep, s.HeldAt, s.ClosedAt != null,
                s.Presentation, s.Clarification, s.Contract, s.RowVersion))
            .SingleOrDefaultAsync();
        var group = session is null ? null : await CodevAccess.GroupAsync(db, session.GroupId, Me);
        if (session is null || group is null)
        {
            return NotFound();
        }
        Session = session;
        Group = group;
        Contributions = await db.CodevContributions.Where(c => c.SessionId == id).OrderBy(c => c.RecordedAt).ThenBy(c => c.Id)
            .Select(c => new ContributionView(c.MemberId, c.Type, c.Text)).ToListAsync();
        Plans = (await db.CodevPlans.AsNoTracking().Where(p => p.SessionId == id).OrderBy(p => p.Id).ToListAsync())
            .Select(p => new PlanView(p.Id, p.OwnerId, p.Synthesis, p.Items, session.StartsAt)).ToList();
        Takeaways = await db.CodevTakeaways.Where(t => t.SessionId == id).OrderBy(t => t.WrittenAt)
            .Select(t => new TakeawayView(t.Id, t.MemberId, t.Text)).ToListAsync();
        Attendance = await db.Set<CodevAttendance>().Where(a => a.SessionId == id).ToDictionaryAsync(a => a.MemberId, a => a.Present);
        // The previous action plans come back: those of the group's latest earlier session that has any.
        var previous = db.CodevSessions.Where(s => s.GroupId == session.GroupId && s.Id != id && s.StartsAt < session.StartsAt && s.Plans.Any())
            .OrderByDescending(s => s.StartsAt).Select(s => s.Id).Take(1);
        PreviousPlans = (await db.CodevPlans.AsNoTracking().Where(p => previous.Contains(p.SessionId)).OrderBy(p => p.Id)
                .Select(p => new { Plan = p, p.Session.StartsAt }).ToListAsync())
            .Select(x => new PlanView(x.Plan.Id, x.Plan.OwnerId, x.Plan.Synthesis, x.Plan.Items, x.StartsAt)).ToList();
        FollowUps = await db.CodevFollowUps.Where(f => f.SessionId == id).ToDictionaryAsync(f => f.PlanId, f => f.Text);
        var me = Me;
        var sources = await db.Evidence.Where(e => e.OwnerId == me
                && ((e.OriginKind == EvidenceOriginKind.CodevTakeaway && db.CodevTakeaways.Any(t => t.Id == e.OriginId && t.SessionId == id))
                    || (e.OriginKind == EvidenceOriginKind.CodevActionPlan && db.CodevPlans.Any(p => p.Id == e.OriginId && p.SessionId == id))))
            .Select(e => new { e.Id, e.OriginKind, e.OriginId }).ToListAsync();
        MyEvidence = sources.ToDictionary(e => (e.OriginKind!.Value, e.OriginId!.Value), e => e.Id);
        Names = await CodevPages.NamesAsync(db, group.MemberIds.Append(group.FacilitatorId).Append(session.RunById)
            .Concat(session.CaseOwnerIds).Concat(PreviousPlans.Select(p => p.OwnerId)).OfType<string>());
        return Page();
    }

    public sealed record SessionView(int Id, int GroupId, DateTimeOffset StartsAt, string? Place, string? VideoLink, string RunById, string[] CaseOwnerIds,
        int Step, DateTimeOffset? HeldAt, bool Closed, string Presentation, string Clarification, string Contract, uint RowVersion);

    public sealed record ContributionView(string MemberId, ContributionType Type, string Text);

    public sealed record PlanView(int Id, string OwnerId, string Synthesis, IReadOnlyList<CodevActionItem> Items, DateTimeOffset SessionStartsAt);

    public sealed record TakeawayView(int Id, string MemberId, string Text);
}
