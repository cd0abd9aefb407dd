using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

/// <summary>The CohortSessions migration on a database that holds seminars, as a production database does.</summary>
public class SeminarMigrationTests
{
    private const string Database = "portfolio_seminar_migration";
    // The migration just before CohortSessions: every other table is already in its current shape.
    private const string BeforeSessions = "20261206165851_TransformationProjects";

    [Fact]
    public async Task Each_seminar_becomes_a_session_of_its_cohorts_calendar()
    {
        await TestDatabase.RecreateAsync(Database);
        var options = new DbContextOptionsBuilder<PortfolioDb>()
            .UseNpgsql(TestDatabase.ConnectionString(Database), o => o.MigrationsAssembly(PortfolioDb.MigrationsAssembly)).Options;
        int cohortId, l2;
        await using (var db = new PortfolioDb(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeSessions);
            // Frameworks, programmes and cohorts have the same tables before and after: the entities can write them.
            await FrameworkImport.LoadShippedAsync(db, Path.Combine(AppContext.BaseDirectory, "templates", "frameworks"), DateTimeOffset.UtcNow);
            var framework = await db.Frameworks.FirstAsync(f => f.Code == "cium-management-public");
            var programme = new Programme("cium", "Certificat inter-universités en management public");
            var cohort = new Cohort(programme, "Promotion 2025-2026", framework, new DateOnly(2025, 9, 15), new DateOnly(2026, 6, 30));
            db.Programmes.Add(programme);
            db.Cohorts.Add(cohort);
            await db.SaveChangesAsync();
            cohortId = cohort.Id;
            l2 = await db.Set<LeadershipCompetency>().Where(c => c.FrameworkId == framework.Id && c.Code == "L2").Select(c => c.Id).SingleAsync();
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "Seminars" ("CohortId", "LeadershipCompetencyId", "HeldOn") VALUES ({cohortId}, {l2}, {new DateOnly(2026, 3, 12)})""");

            await db.Database.MigrateAsync();
        }

        await using (var db = new PortfolioDb(options))
        {
            var seminar = await db.CohortSessions.SingleAsync();
            Assert.Equal(cohortId, seminar.CohortId);
            Assert.Equal(SessionKind.LeadershipSeminar, seminar.Kind);
            Assert.Equal(l2, seminar.LeadershipCompetencyId);
            Assert.StartsWith("Séminaire de leadership L2 — ", seminar.Title);
            // 9:00 to 17:00 in Brussels on 12 March (winter time).
            Assert.Equal(new DateTimeOffset(2026, 3, 12, 8, 0, 0, TimeSpan.Zero), seminar.StartsAt);
            Assert.Equal(new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.Zero), seminar.EndsAt);
            Assert.Equal(0, seminar.Sequence);
            Assert.NotEqual(Guid.Empty, seminar.Uid);
            // The leadership lock reads it as the competency's seminar.
            Assert.True(seminar.HasTakenPlaceBy(new DateOnly(2026, 3, 12)));
            Assert.Equal(1, await db.CohortSessions.Seminars(cohortId).CountAsync());
        }
    }
}
