using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Platform;

/// <summary>Pages keep a constant number of SQL commands whatever the amount of data.</summary>
public class QueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url); // warm-up: key ring, caches
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    private static FrameworkDocument LargeFramework(int pillars, int objectivesPerPillar, int outcomesPerObjective) => new()
    {
        Code = "grand-referentiel",
        Version = 1,
        Title = "Grand référentiel",
        Language = "fr",
        PillarLabel = "Module",
        Pillars = Enumerable.Range(1, pillars).Select(p => new FrameworkDocument.PillarEntry
        {
            Code = $"M{p}",
            Title = $"Module {p}",
            Objectives = Enumerable.Range(1, objectivesPerPillar).Select(o => new FrameworkDocument.ObjectiveEntry
            {
                Code = $"M{p}.{o}",
                Title = $"Objectif {p}.{o}",
                Outcomes = Enumerable.Range(1, outcomesPerObjective).Select(lo => new FrameworkDocument.OutcomeEntry { Code = $"M{p}.{o}.{lo}", Text = $"Acquis {p}.{o}.{lo}" }).ToList(),
            }).ToList(),
        }).ToList(),
        Axes = Enumerable.Range(1, 5).Select(a => new FrameworkDocument.AxisEntry { Code = $"A{a}", Title = $"Axe {a}" }).ToList(),
        LeadershipCompetencies = Enumerable.Range(1, pillars).Select(c => new FrameworkDocument.LeadershipCompetencyEntry { Code = $"L{c}", Title = $"Leadership {c}", AfterPillar = $"M{c}" }).ToList(),
    };

    [Fact]
    public async Task The_framework_matrix_issues_as_many_commands_for_a_small_and_a_large_framework()
    {
        await using (var db = Factory.NewDb())
        {
            var (result, _) = await FrameworkImport.ImportAsync(db, LargeFramework(30, 10, 12), DateTimeOffset.UtcNow);
            Assert.Equal(FrameworkImportResult.Created, result);
            (await db.Frameworks.SingleAsync(f => f.Code == "grand-referentiel")).Publish();
            await db.SaveChangesAsync();
        }
        var client = NewClient();

        var small = await CommandsForAsync(client, "/Frameworks/cium-management-public");
        var large = await CommandsForAsync(client, "/Frameworks/grand-referentiel");

        Assert.Equal(small, large);
        // The versions of the framework, once its tree is in memory (the first request read it: see the warm-up).
        Assert.InRange(small, 1, 1);
    }

    /// <summary>
    /// The matrix page ran 10 commands when it read its framework on every request (6 for the tree: pillars, objectives,
    /// outcomes, axes, competencies, scale); with the framework model kept in memory it runs the cohort, campaigns,
    /// self-assessments and evidence queries only, plus (since sessions can be revoked) one lookup of the cookie's session.
    /// </summary>
    private const int MatrixCommandsBefore = 10;
    // Plus one since the header counts the person's unread notifications on every page.
    private const int MatrixCommandsCeiling = 6;

    [Fact]
    public async Task The_matrix_page_runs_fewer_commands_than_when_it_read_the_framework_each_time()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var participant = await SignedInClientAsync("matrice@example.be", Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = db.Users.Single(u => u.Email == "matrice@example.be").Id;
        }
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await Factory.AddEvidenceAsync(userId, cohortId, "Une preuve", [objectives[0].Id]);

        var commands = await CommandsForAsync(participant, "/Participant/Matrix");

        Assert.True(commands <= MatrixCommandsCeiling, $"the matrix page ran {commands} SQL commands:\n" + string.Join("\n---\n", Factory.Commands.Commands));
        Assert.True(commands < MatrixCommandsBefore);
    }

    [Fact]
    public async Task The_cohort_page_issues_as_many_commands_for_2_and_for_80_participants()
    {
        var smallCohort = await Factory.CreateCohortAsync("Petite promotion");
        var largeCohort = await Factory.CreateCohortAsync("Grande promotion");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var enrolment = scope.ServiceProvider.GetRequiredService<CohortEnrolment>();
            Assert.Empty(await enrolment.EnrolAsync(smallCohort, [.. Enumerable.Range(1, 2).Select(i => new ParticipantRow(i, $"p{i}@petite.be", "Prénom", $"Nom{i}", null))]));
            Assert.Empty(await enrolment.EnrolAsync(largeCohort, [.. Enumerable.Range(1, 80).Select(i => new ParticipantRow(i, $"p{i}@grande.be", "Prénom", $"Nom{i}", "Org"))]));
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var small = await CommandsForAsync(coordinator, $"/Coordinator/Cohorts/Details/{smallCohort}");
        var large = await CommandsForAsync(coordinator, $"/Coordinator/Cohorts/Details/{largeCohort}");
        var overview = await CommandsForAsync(coordinator, "/Coordinator");

        Assert.Equal(small, large);
        // 6 since the header counts the person's unread notifications on every page.
        Assert.InRange(overview, 1, 6);
    }

    [Fact]
    public async Task The_account_list_issues_as_many_commands_for_few_and_many_accounts()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var few = await CommandsForAsync(admin, "/Admin/Users");
        for (var i = 0; i < 40; i++)
        {
            await CreateUserAsync($"person{i}@example.be", i % 2 == 0 ? [Roles.Participant] : [Roles.Participant, Roles.JuryMember]);
        }
        var many = await CommandsForAsync(admin, "/Admin/Users");
        Assert.Equal(few, many);
    }
}
