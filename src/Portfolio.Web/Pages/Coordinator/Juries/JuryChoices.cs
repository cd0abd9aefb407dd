using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>The people the jury pages offer: accounts with the JuryMember role, and the cohort's active participants without a jury.</summary>
public static class JuryChoices
{
    public sealed record Person(string Id, string Name, string? Organisation);

    /// <summary>Accounts with the JuryMember role: the only people a jury is formed from.</summary>
    public static IQueryable<Person> Jurors(PortfolioDb db) =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.JuryMember)))
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation));

    /// <summary>Active participants of the cohort examined by no jury of it yet.</summary>
    public static IQueryable<Person> WithoutJury(PortfolioDb db, int cohortId) =>
        db.Enrolments.Where(e => e.CohortId == cohortId && e.WithdrawnAt == null && !db.JuryCandidates.Any(c => c.CohortId == cohortId && c.ParticipantId == e.UserId))
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation));

    /// <summary>Names of people, by id, for the confirmation texts.</summary>
    public static Task<string?> NameAsync(PortfolioDb db, string userId) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.FirstName + " " + u.LastName).SingleOrDefaultAsync();
}

/// <summary>A jury of a cohort the coordinator manages, with its members and candidates; null for anyone else's (404).</summary>
public static class CoordinatedJury
{
    public sealed record Found(Jury Jury, string CohortName);

    public static IQueryable<Jury> All(Coordination coordination, PortfolioDb db) =>
        db.Juries.Where(j => coordination.Cohorts.Any(c => c.Id == j.CohortId));

    public static async Task<Found?> LoadAsync(Coordination coordination, PortfolioDb db, int id)
    {
        var found = await All(coordination, db).Include(j => j.Members).Include(j => j.Candidates).AsSplitQuery().Where(j => j.Id == id)
            .Select(j => new { Jury = j, Cohort = db.Cohorts.Where(c => c.Id == j.CohortId).Select(c => c.Name).First() })
            .SingleOrDefaultAsync();
        return found is null ? null : new Found(found.Jury, found.Cohort);
    }

    /// <summary>
    /// A membership change also rewrites the jury's row with the version it was read with: two coordinators changing the
    /// same jury at once cannot both save on what they saw (the later one is told, not applied).
    /// </summary>
    public static void GuardMembers(PortfolioDb db, Jury jury) => db.Entry(jury).Property(j => j.Name).IsModified = true;
}
