using System.Net;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.JuryPacks;

/// <summary>The heat-map at the size of a real cohort: the issue asks for 500 candidates in a constant number of SQL commands.</summary>
public class SynthesisScaleTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task The_heat_map_of_500_candidates_takes_as_many_sql_commands_as_that_of_two()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var few = await SyntheticCohort.SeedAsync(Factory, 2, name: "Petite promotion");
        var many = await SyntheticCohort.SeedAsync(Factory, 500, name: "Grande promotion");

        var fewCommands = await CommandsForAsync(coordinator, $"/Coordinator/Synthesis/{few.CohortId}");
        var manyCommands = await CommandsForAsync(coordinator, $"/Coordinator/Synthesis/{many.CohortId}");

        Assert.Equal(fewCommands, manyCommands);
        var page = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{many.CohortId}");
        var rows = page.QuerySelectorAll("#synthesis tbody tr").Select(r => r.GetAttribute("data-participant")).ToList();
        Assert.Equal(many.ParticipantIds.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        // Once to warm the framework cache, then counted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Factory.Commands.Reset();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Factory.Commands.Count;
    }
}
