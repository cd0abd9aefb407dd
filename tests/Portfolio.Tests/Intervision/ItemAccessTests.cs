using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>The one rule of who may read a portfolio item, checked against the database.</summary>
public class ItemAccessTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Group_members_read_what_is_shared_with_the_group_and_nobody_else_does()
    {
        var (cohortId, ana, ben, outsider, objective) = await TwoPeersAndAnOutsiderAsync();
        var shared = await Factory.AddEvidenceAsync(ana, cohortId, "Partagée avec le groupe", [objective]);
        await Factory.AddEvidenceAsync(ana, cohortId, "Privée", [objective]);
        await Factory.ShareEvidenceAsync(shared, Visibility.Group);

        Assert.Equal(["Partagée avec le groupe"], await Factory.ReadableEvidenceAsync(ben));
        Assert.Empty(await Factory.ReadableEvidenceAsync(outsider));
        Assert.Equal(["Partagée avec le groupe", "Privée"], await Factory.ReadableEvidenceAsync(ana));
        await using var db = Factory.NewDb();
        Assert.Equal([ben], await ItemAccess.ReadersOfEvidence(db, shared).Select(u => u.Id).ToListAsync());
    }

    [Fact]
    public async Task A_named_peer_reads_until_the_share_is_withdrawn_or_they_leave_the_group()
    {
        var (cohortId, ana, ben, _, objective) = await TwoPeersAndAnOutsiderAsync();
        var carl = (await CreateUserAsync("carl@example.be", Roles.Participant)).Id;
        await Factory.EnrolAsync(cohortId, carl);
        await using (var db = Factory.NewDb())
        {
            var group = await db.IntervisionGroups.Include(g => g.Members).SingleAsync(g => g.Name == "Groupe 1");
            group.Add(carl, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var evidence = await Factory.AddEvidenceAsync(ana, cohortId, "Pour Ben seulement", [objective]);
        await Factory.ShareEvidenceAsync(evidence, Visibility.NamedPeers, ben);
        Assert.Equal(["Pour Ben seulement"], await Factory.ReadableEvidenceAsync(ben));
        Assert.Empty(await Factory.ReadableEvidenceAsync(carl));

        await using (var db = Factory.NewDb())
        {
            var group = await db.IntervisionGroups.Include(g => g.Members).SingleAsync(g => g.Name == "Groupe 1");
            group.Remove(ben);
            await db.SaveChangesAsync();
        }
        Assert.Empty(await Factory.ReadableEvidenceAsync(ben));

        await Factory.ShareEvidenceAsync(evidence, Visibility.Private);
        Assert.Empty(await Factory.ReadableEvidenceAsync(carl));
    }

    [Fact]
    public async Task A_feedback_request_shares_its_items_with_its_peers_until_it_is_withdrawn()
    {
        var (cohortId, ana, ben, outsider, objective) = await TwoPeersAndAnOutsiderAsync();
        var asked = await Factory.AddEvidenceAsync(ana, cohortId, "Sur laquelle Ana demande un retour", [objective]);
        await Factory.AddEvidenceAsync(ana, cohortId, "Pas demandée", [objective]);
        var requestId = await Factory.AskFeedbackAsync(cohortId, ana, [asked], [ben]);

        Assert.Equal(["Sur laquelle Ana demande un retour"], await Factory.ReadableEvidenceAsync(ben));
        Assert.Empty(await Factory.ReadableEvidenceAsync(outsider));

        await using (var db = Factory.NewDb())
        {
            Assert.Equal([ben], await ItemAccess.ReadersOfEvidence(db, asked).Select(u => u.Id).ToListAsync());
            (await db.FeedbackRequests.SingleAsync(r => r.Id == requestId)).Withdraw(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        Assert.Empty(await Factory.ReadableEvidenceAsync(ben));
    }

    [Fact]
    public async Task A_facilitator_reads_no_portfolio_even_of_their_group()
    {
        var (cohortId, ana, _, _, objective) = await TwoPeersAndAnOutsiderAsync();
        var facilitator = (await CreateUserAsync("facilitatrice@example.be", Roles.Facilitator)).Id;
        await using (var db = Factory.NewDb())
        {
            var group = await db.IntervisionGroups.SingleAsync(g => g.Name == "Groupe 1");
            group.AssignFacilitator(facilitator);
            await db.SaveChangesAsync();
        }
        var shared = await Factory.AddEvidenceAsync(ana, cohortId, "Partagée avec le groupe", [objective]);
        await Factory.ShareEvidenceAsync(shared, Visibility.Group);
        await Factory.AddEvidenceAsync(ana, cohortId, "Privée", [objective]);

        Assert.Empty(await Factory.ReadableEvidenceAsync(facilitator));
    }

    private async Task<(int CohortId, string Ana, string Ben, string Outsider, int Objective)> TwoPeersAndAnOutsiderAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var ana = (await CreateUserAsync("ana@example.be", Roles.Participant)).Id;
        var ben = (await CreateUserAsync("ben@example.be", Roles.Participant)).Id;
        var outsider = (await CreateUserAsync("olga@example.be", Roles.Participant)).Id;
        foreach (var id in new[] { ana, ben, outsider })
        {
            await Factory.EnrolAsync(cohortId, id);
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [ana, ben]);
        await Factory.CreateGroupAsync(cohortId, "Groupe 2", [outsider]);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        return (cohortId, ana, ben, outsider, objective);
    }
}
