using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Text;

namespace Portfolio.Core.Intervision;

/// <summary>
/// How intervision groups work, in counts and dates only, never texts: coordinators and facilitators watch whether
/// people ask and answer, not what they write. Read in four commands whatever the number of groups, members and
/// requests; the coordinator's cohort page and the facilitator's group page both read it here.
/// </summary>
public static class GroupActivity
{
    /// <summary>The activity of these groups (already restricted to what the reader may see), ordered by name.</summary>
    /// <param name="today">The programme's day (<c>TimeProvider.Today()</c>): a request is overdue from the day after its due date.</param>
    public static async Task<IReadOnlyList<GroupSummary>> LoadAsync(PortfolioDb db, IQueryable<IntervisionGroup> groups, DateOnly today, CancellationToken cancellationToken = default)
    {
        var groupRows = await groups.OrderBy(g => g.Name)
            .Select(g => new
            {
                g.Id,
                g.Name,
                Facilitator = db.Users.Where(u => u.Id == g.FacilitatorId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var memberRows = await db.GroupMembers.Where(m => groups.Any(g => g.Id == m.GroupId))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, m.CohortId, u.Id, u.FirstName, u.LastName })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName)
            .ToListAsync(cancellationToken);
        // One row per (request, peer asked) where the requester or the peer is a member of one of these groups, in the
        // group's cohort; a withdrawn request no longer counts. Only ids, dates and flags leave the database.
        var asked = await db.FeedbackRecipients
            .Join(db.FeedbackRequests, x => x.RequestId, r => r.Id, (x, r) => new { x, r })
            .Where(p => p.r.WithdrawnAt == null
                && db.GroupMembers.Any(m => m.CohortId == p.r.CohortId && (m.UserId == p.r.RequesterId || m.UserId == p.x.PeerId) && groups.Any(g => g.Id == m.GroupId)))
            .Select(p => new Asked(p.r.Id, p.r.CohortId, p.r.RequesterId, p.r.DueOn, p.r.CreatedAt, p.x.PeerId, p.x.AnsweredAt))
            .ToListAsync(cancellationToken);
        // Co-development sessions: when, who brought a case, who was there; never what was said.
        var sessions = await db.CodevSessions.Where(s => groups.Any(g => g.Id == s.GroupId))
            .Select(s => new Session(s.GroupId, s.StartsAt, s.HeldAt, s.ClosedAt, s.CaseOwnerIds, s.Attendance.Where(a => a.Present).Select(a => a.MemberId).ToList()))
            .ToListAsync(cancellationToken);
        var startOfToday = Dates.StartInBrussels(today);

        return groupRows.Select(g =>
        {
            var held = sessions.Where(s => s.GroupId == g.Id && s.HeldAt is not null).ToList();
            var members = memberRows.Where(m => m.GroupId == g.Id)
                .Select(m => Person(m.Id, $"{m.FirstName} {m.LastName}", asked.Where(a => a.CohortId == m.CohortId).ToList(), held, today))
                .ToList();
            var next = sessions.Where(s => s.GroupId == g.Id && s.HeldAt is null && s.ClosedAt is null && s.StartsAt >= startOfToday)
                .Select(s => (DateTimeOffset?)s.StartsAt).Min();
            return new GroupSummary(g.Id, g.Name, g.Facilitator, members, held.Count, next);
        }).ToList();
    }

    private static PersonActivity Person(string userId, string name, IReadOnlyList<Asked> asked, IReadOnlyList<Session> held, DateOnly today)
    {
        var sent = asked.Where(a => a.RequesterId == userId).GroupBy(a => a.RequestId).ToList();
        var owed = asked.Where(a => a.PeerId == userId).ToList();
        var dates = sent.Select(r => r.First().CreatedAt).Concat(owed.Where(a => a.AnsweredAt is not null).Select(a => a.AnsweredAt!.Value)).ToList();
        return new PersonActivity(
            userId,
            name,
            RequestsSent: sent.Count,
            RequestsAnswered: sent.Count(r => r.Any(a => a.AnsweredAt is not null)),
            RequestsOverdue: sent.Count(r => r.Any(a => a.IsOverdue(today))),
            FeedbackGiven: owed.Count(a => a.AnsweredAt is not null),
            FeedbackReceived: sent.Sum(r => r.Count(a => a.AnsweredAt is not null)),
            FeedbackLate: owed.Count(a => a.IsOverdue(today)),
            LastActivity: dates.Count == 0 ? null : dates.Max(),
            SessionsAttended: held.Count(s => s.Present.Contains(userId)),
            TimesCaseOwner: held.Count(s => s.CaseOwnerIds.Contains(userId)));
    }

    private sealed record Session(int GroupId, DateTimeOffset StartsAt, DateTimeOffset? HeldAt, DateTimeOffset? ClosedAt, string[] CaseOwnerIds, List<string> Present);

    private sealed record Asked(int RequestId, int CohortId, string RequesterId, DateOnly DueOn, DateTimeOffset CreatedAt, string PeerId, DateTimeOffset? AnsweredAt)
    {
        /// <summary>Unanswered after its due day (Brussels days).</summary>
        public bool IsOverdue(DateOnly today) => AnsweredAt is null && DueOn < today;
    }
}

/// <summary>
/// A group's activity: its members' figures and totals, the co-development sessions held (begun) and the next one
/// planned, and the rotation's coverage: how many of the current members have brought a case so far.
/// </summary>
public sealed record GroupSummary(int GroupId, string Name, string? Facilitator, IReadOnlyList<PersonActivity> Members, int SessionsHeld, DateTimeOffset? NextSession)
{
    public int CaseOwnersSoFar => Members.Count(m => m.TimesCaseOwner > 0);
    public int RequestsSent => Members.Sum(m => m.RequestsSent);
    public int RequestsAnswered => Members.Sum(m => m.RequestsAnswered);
    public int RequestsOverdue => Members.Sum(m => m.RequestsOverdue);
    public int FeedbackGiven => Members.Sum(m => m.FeedbackGiven);
    public int FeedbackReceived => Members.Sum(m => m.FeedbackReceived);
    public int FeedbackLate => Members.Sum(m => m.FeedbackLate);
    public DateTimeOffset? LastActivity => Members.Max(m => m.LastActivity);
}

/// <summary>
/// One member's figures. Requests: those they sent (answered = at least one peer answered; overdue = a peer has not
/// answered after the due date). Feedback: answers they gave, answers they received, answers they owe past the due date.
/// Sessions: the group's held sessions they attended, and those where they were a case owner.
/// </summary>
public sealed record PersonActivity(string UserId, string Name, int RequestsSent, int RequestsAnswered, int RequestsOverdue,
    int FeedbackGiven, int FeedbackReceived, int FeedbackLate, DateTimeOffset? LastActivity, int SessionsAttended, int TimesCaseOwner);
