using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Intervision;

/// <summary>
/// Who may see a group's co-development sessions, decided here and nowhere else: the members of the group and its
/// facilitator. Everything said in a session is confidential to them; coordinators, other participants and other
/// facilitators do not find the sessions at all (404).
/// </summary>
public static class CodevAccess
{
    public static IQueryable<IntervisionGroup> GroupsOf(PortfolioDb db, string userId) =>
        db.IntervisionGroups.Where(g => g.FacilitatorId == userId || g.Members.Any(m => m.UserId == userId));

    public static IQueryable<CodevSession> SessionsOf(PortfolioDb db, string userId) =>
        db.CodevSessions.Where(s => s.Group.FacilitatorId == userId || s.Group.Members.Any(m => m.UserId == userId));

    /// <summary>The group as its rules need it, or null when the person is neither a member nor its facilitator.</summary>
    public static Task<CodevGroup?> GroupAsync(PortfolioDb db, int groupId, string userId) =>
        GroupsOf(db, userId).Where(g => g.Id == groupId)
            .Select(g => new CodevGroup(g.Id, g.CohortId, g.Name, g.FacilitatorId, g.Members.Select(m => m.UserId).ToList(),
                db.Cohorts.Where(c => c.Id == g.CohortId).Select(c => c.Programme.Components).First()))
            .SingleOrDefaultAsync()!;

    /// <summary>A session (tracked, for a change) with its group, or null for anyone outside the group.</summary>
    public static async Task<(CodevSession Session, CodevGroup Group)?> SessionAsync(PortfolioDb db, int sessionId, string userId,
        Func<IQueryable<CodevSession>, IQueryable<CodevSession>>? include = null)
    {
        var query = SessionsOf(db, userId).Where(s => s.Id == sessionId);
        var session = await (include is null ? query : include(query)).SingleOrDefaultAsync();
        if (session is null)
        {
            return null;
        }
        var group = await GroupAsync(db, session.GroupId, userId);
        return group is null ? null : (session, group);
    }
}

/// <summary>
/// Who brings a case next. A cycle is a round in which every member is case owner once: members who have not yet been
/// owner in the current cycle are proposed, never-owners first, then those whose last case is the oldest.
/// </summary>
public static class CodevRotation
{
    public sealed record Member(string Id, string Name);

    /// <param name="TimesOwner">Sessions (held or planned) where the member brought a case.</param>
    /// <param name="DoneThisCycle">Already owner in the current cycle.</param>
    public sealed record Row(string Id, string Name, int TimesOwner, DateTimeOffset? LastOwnedAt, bool DoneThisCycle);

    public sealed record Proposal(IReadOnlyList<Row> Members, IReadOnlyList<Row> Next);

    public static Proposal Propose(IReadOnlyList<Member> members, IReadOnlyList<(string MemberId, DateTimeOffset StartsAt)> ownerships, int proposals = 2)
    {
        var counts = members.ToDictionary(m => m.Id, m => ownerships.Count(o => o.MemberId == m.Id));
        var cycle = counts.Count == 0 ? 0 : counts.Values.Min();
        var rows = members
            .Select(m => new Row(m.Id, m.Name, counts[m.Id], ownerships.Where(o => o.MemberId == m.Id).Select(o => (DateTimeOffset?)o.StartsAt).Max(), counts[m.Id] > cycle))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        var next = rows.Where(r => !r.DoneThisCycle)
            .OrderBy(r => r.LastOwnedAt is null ? 0 : 1).ThenBy(r => r.LastOwnedAt).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .Take(proposals)
            .ToList();
        return new Proposal(rows, next);
    }
}

public static class CodevQueries
{
    /// <summary>The group's next session not yet closed, starting at or after <paramref name="from"/> (for reminders and lists).</summary>
    public static IQueryable<CodevSession> NextSessionOf(PortfolioDb db, int groupId, DateTimeOffset from) =>
        db.CodevSessions.Where(s => s.GroupId == groupId && s.ClosedAt == null && s.StartsAt >= from).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(1);
}
