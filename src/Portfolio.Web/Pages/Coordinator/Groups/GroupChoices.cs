using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>The people the group pages offer: facilitators, and the cohort's active participants who have no group yet.</summary>
public static class GroupChoices
{
    public sealed record Person(string Id, string Name, string? Organisation);

    /// <summary>Accounts with the Facilitator role: the only people a group's facilitation may go to.</summary>
    public static IQueryable<Person> Facilitators(PortfolioDb db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Facilitator)))
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation));

    /// <summary>Active participants of the cohort in no group of it: whom a group may take in.</summary>
    public static IQueryable<Person> WithoutGroup(PortfolioDb db, int cohortId) =>
        db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null && !db.GroupMembers.Any(m => m.CohortId == cohortId && m.UserId == e.UserId))
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation));
}

/// <summary>A group of a cohort the coordinator manages, with its members, for the pages that change it; null for anyone else's.</summary>
public static class CoordinatedGroup
{
    public sealed record Found(IntervisionGroup Group, string CohortName);

    public static async Task<Found?> LoadAsync(Coordination coordination, PortfolioDb db, int id)
    {
        var found = await coordination.Groups.Include(g => g.Members).Where(g => g.Id == id)
            .Select(g => new { Group = g, Cohort = db.Cohorts.Where(c => c.Id == g.CohortId).Select(c => c.Name).First() })
            .SingleOrDefaultAsync();
        return found is null ? null : new Found(found.Group, found.Cohort);
    }

    /// <summary>
    /// Two coordinators filling the same group at once could together pass its maximum (each saw room for one more).
    /// Growing a group therefore also rewrites the group's row with the version it was read with: the later save is
    /// refused with <see cref="DbUpdateConcurrencyException"/> instead of making an eleventh member.
    /// </summary>
    public static void GuardMembers(PortfolioDb db, IntervisionGroup group) => db.Entry(group).Property(g => g.Name).IsModified = true;

    /// <summary>Names of people, by id, for the confirmation texts.</summary>
    public static Task<string?> NameAsync(PortfolioDb db, string userId) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.FirstName + " " + u.LastName).SingleOrDefaultAsync();
}
