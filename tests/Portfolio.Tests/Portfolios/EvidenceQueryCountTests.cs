using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>The evidence pages keep a fixed number of SQL commands whatever the number of items.</summary>
public class EvidenceQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url); // warm-up: key ring, caches
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    private async Task<HttpClient> ParticipantWithItemsAsync(string email, int cohortId, int items)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = db.Users.Single(u => u.Email == email).Id;
        }
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var framework = await Factory.FrameworkOfAsync(cohortId);
        await using (var db = Factory.NewDb())
        {
            for (var i = 0; i < items; i++)
            {
                db.Evidence.Add(new Evidence(userId, cohortId, framework, new EvidenceContent($"Preuve {i}", new DateOnly(2026, 1, 1).AddDays(i % 300), (EvidenceKind)(i % 8),
                    "Une description.", "Les négociations ont avancé.", (Visibility)(i % 2),
                    [objectives[i % objectives.Count].Id, objectives[(i + 7) % objectives.Count].Id], [], [], [], [], []), DateTimeOffset.UtcNow));
            }
            await db.SaveChangesAsync();
        }
        return client;
    }

    [Fact]
    public async Task The_evidence_list_issues_as_many_commands_for_5_and_for_200_items()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var few = await ParticipantWithItemsAsync("few@example.be", cohortId, 5);
        var many = await ParticipantWithItemsAsync("many@example.be", cohortId, 200);

        var small = await CommandsForAsync(few, "/Participant/Evidence");
        var large = await CommandsForAsync(many, "/Participant/Evidence");
        var searched = await CommandsForAsync(many, "/Participant/Evidence?q=négociation&kind=Production&pageNumber=2");

        Assert.Equal(small, large);
        Assert.Equal(small, searched);
        // 7 while the list read its framework's tree on every request; 3 since it comes from the framework model in memory;
        // 4 since every signed-in request checks that its session is still open (UserSessions); 5 since the header counts
        // the person's unread notifications.
        Assert.InRange(small, 1, 5);
    }
}
