using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>The participant's summary pages: home, competency matrix, progression.</summary>
public class PortfolioViewsTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<(HttpClient Client, string UserId, int CohortId)> ParticipantAsync(string email = "amelie@example.be", int? cohortId = null)
    {
        cohortId ??= await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync(email, Roles.Participant);
        await using var db = Factory.NewDb();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await Factory.EnrolAsync(cohortId.Value, userId);
        return (client, userId, cohortId.Value);
    }

    private async Task AssessAsync(string userId, int cohortId, string campaignName, int objectiveId, int level, int[]? acquiredOutcomes = null)
    {
        await using var db = Factory.NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Name == campaignName);
        var scale = await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.Scale).Select(s => s.Value).ToListAsync();
        var assessment = SelfAssessment.ForObjective(campaign.Id, userId, objectiveId);
        // Campaigns may be closed in a scenario; record as on a day they were open.
        assessment.Record(campaign, campaign.OpensOn, scale, level, "Justification", (acquiredOutcomes ?? []).ToDictionary(id => id, _ => OutcomeState.Acquired), [], DateTimeOffset.UtcNow);
        db.SelfAssessments.Add(assessment);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_matrix_shows_levels_evidence_counts_coverage_and_gaps()
    {
        var (client, userId, cohortId) = await ParticipantAsync();
        var objectives = await Factory.ObjectivesAsync(cohortId);
        int axisId, outcomeId;
        await using (var db = Factory.NewDb())
        {
            axisId = await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.Axes).Where(a => a.Code == "A2").Select(a => a.Id).SingleAsync();
            outcomeId = await db.Set<Portfolio.Core.Frameworks.LearningOutcome>().Where(o => o.ObjectiveId == objectives[0].Id).OrderBy(o => o.Position).Select(o => o.Id).FirstAsync();
        }
        await AssessAsync(userId, cohortId, "Positionnement initial", objectives[0].Id, 3, [outcomeId]);
        await Factory.AddEvidenceAsync(userId, cohortId, "Note au ministre", [objectives[0].Id, objectives[1].Id], [axisId]);
        await Factory.AddEvidenceAsync(userId, cohortId, "Comité de direction", [objectives[0].Id]);

        var page = await GetPageAsync(client, "/Participant/Matrix");

        var p11 = page.QuerySelector("tr[data-objective='P1.1']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Maîtrisé", p11[0]);
        Assert.Equal("2", p11[1]);
        Assert.Equal("1 / 2", p11[2]);
        var p13 = page.QuerySelector("tr[data-objective='P1.3']")!;
        Assert.Contains("non évalué", p13.TextContent);
        Assert.Contains("aucune preuve", p13.TextContent);
        Assert.NotNull(p13.QuerySelector("td.gap-cell"));
        var axisRows = page.QuerySelectorAll("#matrix tbody tr[data-objective]").ToList();
        Assert.Equal(22, axisRows.Count);
        Assert.Equal(["0", "1", "0"], axisRows[1].QuerySelectorAll("td.heat").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Progression_compares_campaigns_by_pillar_with_a_data_table()
    {
        var (client, userId, cohortId) = await ParticipantAsync();
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await Factory.AddCampaignAsync(cohortId, "Bilan final", 3, PortfolioBuilder.Today.AddDays(200), PortfolioBuilder.Today.AddDays(230));
        await AssessAsync(userId, cohortId, "Positionnement initial", objectives[0].Id, 1);
        await AssessAsync(userId, cohortId, "Positionnement initial", objectives[1].Id, 2);
        await AssessAsync(userId, cohortId, "Mi-parcours", objectives[0].Id, 3);

        var page = await GetPageAsync(client, "/Participant/Progression");

        // One pillar assessed: bars, since a radar of one point draws nothing readable.
        Assert.NotNull(page.QuerySelector("canvas#pillar-chart[data-chart=bar][role=img][aria-label]"));
        Assert.Contains("\"pillarChart\":\"bar\"", page.QuerySelector("#progression-data")!.TextContent);
        Assert.NotNull(page.QuerySelector("script[src*='chart.umd.min.js']"));
        var header = page.QuerySelectorAll("#radar-table thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Pilier", "Positionnement initial", "Mi-parcours", "Bilan final"], header);
        var pillar1 = page.QuerySelectorAll("#radar-table tbody tr").First().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["1,5", "3,0", "—"], pillar1);
        var p11 = page.QuerySelectorAll("#history-table tbody tr").First().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["1 — Débutant", "3 — Maîtrisé", "—"], p11);
        Assert.Contains("\"pillarAverages\":[1.5", page.QuerySelector("#progression-data")!.TextContent);
    }

    [Fact]
    public async Task Progression_draws_a_radar_that_names_its_pillars_once_three_pillars_are_assessed()
    {
        var (client, userId, cohortId) = await ParticipantAsync();
        var objectives = await Factory.ObjectivesAsync(cohortId);
        foreach (var code in new[] { "P1.1", "P2.1", "P4.2" })
        {
            await AssessAsync(userId, cohortId, "Positionnement initial", objectives.Single(o => o.Code == code).Id, 2);
        }

        var page = await GetPageAsync(client, "/Participant/Progression");

        Assert.NotNull(page.QuerySelector("canvas#pillar-chart[data-chart=radar][role=img][aria-label]"));
        var data = page.QuerySelector("#progression-data")!.TextContent;
        Assert.Contains("\"pillarChart\":\"radar\"", data);
        Assert.Contains("\"code\":\"P1\",\"title\":\"La gouvernance publique et le pilotage\"", data);
        Assert.StartsWith("P1 La gouvernance publique", page.QuerySelector("#radar-table tbody th")!.TextContent.Trim());
    }

    [Fact]
    public async Task Home_shows_completion_deadlines_gaps_and_recent_activity_in_french()
    {
        var (client, userId, cohortId) = await ParticipantAsync();
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await AssessAsync(userId, cohortId, "Positionnement initial", objectives[0].Id, 2);
        await Factory.AddEvidenceAsync(userId, cohortId, "Réunion avec la tutelle", [objectives[0].Id]);

        var page = await GetPageAsync(client, "/Participant");

        Assert.Equal("1 / 22 objectifs auto-évalués", page.QuerySelector("#campaign-completion")!.TextContent.Trim());
        Assert.Contains("Clôture de la campagne « Positionnement initial »", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Ouverture de la campagne « Mi-parcours »", page.QuerySelector("main")!.TextContent);
        Assert.Equal(21, page.QuerySelectorAll("#objectives-without-evidence li").Length);
        var activity = page.QuerySelector("#recent-activity")!.TextContent;
        Assert.Contains("Preuve ajoutée : Réunion avec la tutelle", activity);
        Assert.Contains("Auto-évaluation de P1.1 (Positionnement initial)", activity);
        Assert.Matches("il y a|maintenant|à l'instant", activity);
    }

    [Fact]
    public async Task Summary_pages_issue_as_many_commands_for_5_and_for_200_evidence_items()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (few, fewId, _) = await ParticipantAsync("few@example.be", cohortId);
        var (many, manyId, _) = await ParticipantAsync("many@example.be", cohortId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var framework = await Factory.FrameworkOfAsync(cohortId);
        await using (var db = Factory.NewDb())
        {
            for (var i = 0; i < 200; i++)
            {
                var owner = i < 5 ? fewId : manyId;
                db.Evidence.Add(new Evidence(owner, cohortId, framework, new EvidenceContent($"Preuve {i}", PortfolioBuilder.Today.AddDays(-i), EvidenceKind.Production, "", "", Visibility.Private,
                    [objectives[i % 22].Id, objectives[(i + 5) % 22].Id], [], [], [], [], []), DateTimeOffset.UtcNow));
            }
            await db.SaveChangesAsync();
        }
        foreach (var i in Enumerable.Range(0, 10))
        {
            await AssessAsync(manyId, cohortId, "Positionnement initial", objectives[i].Id, 2);
        }

        // Ceilings since the framework model is kept in memory (before: 12, 10 and 10 commands), each plus one since every
        // signed-in request checks that its session is still open (UserSessions), and plus one since the header counts the
        // person's unread notifications.
        foreach (var (url, ceiling) in new[] { ("/Participant", 7), ("/Participant/Matrix", 6), ("/Participant/Progression", 6) })
        {
            var small = await CommandsForAsync(few, url);
            var large = await CommandsForAsync(many, url);
            Assert.True(small == large, $"{url}: {small} commands for 5 items, {large} for 200");
            Assert.True(small <= ceiling, $"{url}: {small} commands, more than {ceiling}");
        }
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }
}
