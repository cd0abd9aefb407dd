using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

/// <summary>Sessions of a cohort's calendar, stored for a test: a day from 9:00 to 17:00, Brussels time.</summary>
public static class SessionBuilder
{
    public static DateTimeOffset At(DateOnly day, int hour) => Dates.FromBrussels(day.ToDateTime(new TimeOnly(hour, 0)));

    public static async Task<int> AddSessionAsync(this PortfolioFactory factory, int cohortId, SessionKind kind, string title, DateOnly day,
        string? competencyCode = null, string? pillarCode = null, string? place = "Namur")
    {
        await using var db = factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        int? competencyId = competencyCode is null ? null
            : await db.Set<LeadershipCompetency>().Where(c => c.FrameworkId == frameworkId && c.Code == competencyCode).Select(c => c.Id).SingleAsync();
        int? pillarId = pillarCode is null ? null
            : await db.Set<Pillar>().Where(p => p.FrameworkId == frameworkId && p.Code == pillarCode).Select(p => p.Id).SingleAsync();
        var session = new CohortSession(cohortId, kind, title, At(day, 9), At(day, 17), place, pillarId, competencyId, DateTimeOffset.UtcNow);
        db.CohortSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public static Task<int> AddSeminarAsync(this PortfolioFactory factory, int cohortId, string competencyCode, DateOnly day) =>
        factory.AddSessionAsync(cohortId, SessionKind.LeadershipSeminar, $"Séminaire {competencyCode}", day, competencyCode);

    /// <summary>Moves a session to another day, same hours: what a coordinator does on the Edit page.</summary>
    public static async Task MoveSessionAsync(this PortfolioFactory factory, int sessionId, DateOnly day)
    {
        await using var db = factory.NewDb();
        var s = await db.CohortSessions.SingleAsync(x => x.Id == sessionId);
        s.Change(s.Kind, s.Title, At(day, 9), At(day, 17), s.Place, s.PillarId, s.LeadershipCompetencyId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}
