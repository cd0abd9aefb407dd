using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>
/// The case-study groups of the cohorts the coordinator manages (<see cref="Coordination.Cohorts"/>), for every page
/// that shows or changes one: anyone else's answers 404.
/// </summary>
public static class CoordinatedCaseStudy
{
    public sealed record Found(CaseStudyGroup Group, string CohortName);
    public sealed record Person(string Id, string Name, string? Organisation);

    public static IQueryable<CaseStudyGroup> Groups(Coordination coordination, PortfolioDb db) =>
        db.CaseStudyGroups.Where(g => coordination.Cohorts.Any(c => c.Id == g.CohortId));

    /// <summary>A group of a cohort the coordinator manages, with its members; null for anyone else's.</summary>
    public static async Task<Found?> LoadAsync(Coordination coordination, PortfolioDb db, int id)
    {
        var found = await Groups(coordination, db).Include(g => g.Members).Where(g => g.Id == id)
            .Select(g => new { Group = g, Cohort = db.Cohorts.Where(c => c.Id == g.CohortId).Select(c => c.Name).First() })
            .SingleOrDefaultAsync();
        return found is null ? null : new Found(found.Group, found.Cohort);
    }

    /// <summary>
    /// Whom a group may take: active participants of the cohort in no case-study group of it, and the members of
    /// <paramref name="groupId"/> (even withdrawn ones, so that keeping them is a choice the coordinator sees).
    /// </summary>
    public static IQueryable<Person> Choosable(PortfolioDb db, int cohortId, int? groupId = null) =>
        db.Enrolments.Where(e => e.CohortId == cohortId
                && ((e.WithdrawnAt == null && !db.CaseStudyMembers.Any(m => m.CohortId == cohortId && m.UserId == e.UserId))
                    || db.CaseStudyMembers.Any(m => m.GroupId == groupId && m.UserId == e.UserId)))
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation));
}
