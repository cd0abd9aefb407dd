using Portfolio.Core.Accounts;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Projects;

/// <summary>The coordinators' view of the cohort's projects keeps a constant number of SQL commands.</summary>
public class ProjectQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url); // warm-up: key ring, caches
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    /// <summary>Participants of a cohort, each with a project of <paramref name="milestones"/> milestones and one answered request for advice.</summary>
    private async Task<int> CohortAsync(string name, int participants, int milestones)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync(name);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        var ids = new List<string>();
        for (var i = 0; i < participants; i++)
        {
            var email = $"{name.Replace(' ', '-')}-{i}@example.be";
            await CreateUserAsync(email, Roles.Participant);
            ids.Add(await Factory.UserIdAsync(email));
            await Factory.EnrolAsync(cohortId, ids[^1]);
        }
        await Factory.CreateGroupAsync(cohortId, $"Groupe {name}", [.. ids]);
        foreach (var id in ids)
        {
            var projectId = await Factory.AddProjectAsync(id, cohortId, $"Projet de {id}", milestones: milestones, done: milestones / 2, submitted: true);
            var peer = ids.First(p => p != id);
            await using var db = Factory.NewDb();
            var request = new Portfolio.Core.Intervision.FeedbackRequest(cohortId, id, "Conseil ?", new DateOnly(2026, 6, 1), [], [objective], [peer], DateTimeOffset.UtcNow, projectId);
            db.FeedbackRequests.Add(request);
            await db.SaveChangesAsync();
            await Factory.GiveFeedbackAsync(request.Id, peer);
        }
        return cohortId;
    }

    [Fact]
    public async Task The_coordinator_view_of_projects_runs_as_many_commands_for_few_and_many_participants()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var small = await CohortAsync("Promotion A", 2, 1);
        var large = await CohortAsync("Promotion B", 8, 5);

        var few = await CommandsForAsync(coordinator, $"/Coordinator/Projects/{small}");
        var many = await CommandsForAsync(coordinator, $"/Coordinator/Projects/{large}");

        Assert.Equal(few, many);
        // Constant whatever the cohort's size: the page's own reads and the per-request ones (the component gate's check
        // is folded into the page's first query).
        Assert.InRange(few, 1, 4);
    }
}
