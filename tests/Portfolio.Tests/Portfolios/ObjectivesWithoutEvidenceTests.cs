using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>The home page's objectives without evidence are a way in: each opens a new evidence item with that objective ticked.</summary>
public class ObjectivesWithoutEvidenceTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Each_objective_without_evidence_links_to_a_new_item_with_the_objective_ticked()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("amelie@example.be", Roles.Participant);
        await using (var db = Factory.NewDb())
        {
            await Factory.EnrolAsync(cohortId, await db.Users.Where(u => u.Email == "amelie@example.be").Select(u => u.Id).SingleAsync());
        }
        var objectives = await Factory.ObjectivesAsync(cohortId);

        var home = await GetPageAsync(client, "/Participant");
        var links = home.QuerySelectorAll("#objectives-without-evidence li a").OfType<IHtmlAnchorElement>().ToList();
        Assert.Equal(22, links.Count);
        Assert.Contains(objectives[3].Code, links[3].TextContent);
        Assert.Equal($"/Participant/Evidence/Edit?objective={objectives[3].Id}", links[3].GetAttribute("href"));

        var form = await GetPageAsync(client, links[3].GetAttribute("href")!);
        var ticked = form.QuerySelectorAll("input[name='Input.ObjectiveIds']").OfType<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value).ToList();
        Assert.Equal([objectives[3].Id.ToString()], ticked);

        // An objective of no framework of the person's is not ticked, and the form still opens.
        var foreign = await GetPageAsync(client, "/Participant/Evidence/Edit?objective=999999");
        Assert.DoesNotContain(foreign.QuerySelectorAll("input[name='Input.ObjectiveIds']").OfType<IHtmlInputElement>(), i => i.IsChecked);
    }
}
