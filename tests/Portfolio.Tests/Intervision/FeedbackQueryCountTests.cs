using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>The feedback pages issue as many SQL commands with few rows as with many.</summary>
public class FeedbackQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task The_feedback_pages_issue_as_many_commands_for_few_and_for_many_requests_items_and_answers()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var ids = new List<string>();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            var email = $"pair{i}@example.be";
            clients.Add(await SignedInClientAsync(email, Roles.Participant));
            await using var db = Factory.NewDb();
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            await Factory.EnrolAsync(cohortId, id);
            ids.Add(id);
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [.. ids]);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var (ana, anaClient) = (ids[0], clients[0]);
        var (ben, benClient) = (ids[1], clients[1]);

        // Few: one request on one item, one peer, one rated answer.
        var item = await Factory.AddEvidenceAsync(ana, cohortId, "Preuve 0", [objectives[0].Id]);
        var fewRequest = await Factory.AskFeedbackAsync(cohortId, ana, [item], [ben], objectiveIds: [objectives[0].Id]);
        await Factory.GiveFeedbackAsync(fewRequest, ben, rating: (3, 3, "Bien."));
        var few = await CountsAsync(anaClient, benClient, fewRequest);

        // Many: more requests, each on several items and objectives, asked of the whole group, answered and rated.
        int manyRequest = 0;
        for (var r = 0; r < 6; r++)
        {
            var items = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                items.Add(await Factory.AddEvidenceAsync(ana, cohortId, $"Preuve {r}-{i}", [objectives[i].Id]));
            }
            manyRequest = await Factory.AskFeedbackAsync(cohortId, ana, [.. items], [.. ids.Skip(1)], objectiveIds: [objectives[0].Id, objectives[1].Id, objectives[2].Id]);
            foreach (var peer in ids.Skip(1))
            {
                await Factory.GiveFeedbackAsync(manyRequest, peer, rating: (r % 4 + 1, 4, $"Commentaire {r}"), objectiveIds: [objectives[1].Id]);
            }
            // Ben also owes feedback to others.
            var owed = await Factory.AskFeedbackAsync(cohortId, ids[2 + r % 4], [], [ben], objectiveIds: [objectives[r].Id]);
            if (r % 2 == 0)
            {
                await Factory.GiveFeedbackAsync(owed, ben, submit: false);
            }
        }
        var many = await CountsAsync(anaClient, benClient, manyRequest);

        Assert.Equal(few, many);
    }

    private async Task<Dictionary<string, int>> CountsAsync(HttpClient requester, HttpClient peer, int requestId) => new()
    {
        ["Index (requester)"] = await CommandsForAsync(requester, "/Participant/Feedback"),
        ["Index (peer)"] = await CommandsForAsync(peer, "/Participant/Feedback"),
        ["Received"] = await CommandsForAsync(requester, $"/Participant/Feedback/Received/{requestId}"),
        ["Answer"] = await CommandsForAsync(peer, $"/Participant/Feedback/Answer/{requestId}"),
        ["Mirror"] = await CommandsForAsync(peer, "/Participant/Feedback/Mirror"),
    };

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }
}
