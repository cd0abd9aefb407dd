using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

/// <summary>The participant's competency matrix reads as a matrix: one grid, levels in words and colour, gaps, heat-map, leadership in place.</summary>
public class MatrixTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string Matrix = "/Participant/Matrix";

    private async Task<(HttpClient Client, string UserId, int CohortId, IReadOnlyList<(int Id, string Code)> Objectives)> ParticipantAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("amelie@example.be", Roles.Participant);
        await using var db = Factory.NewDb();
        var userId = await db.Users.Where(u => u.Email == "amelie@example.be").Select(u => u.Id).SingleAsync();
        await Factory.EnrolAsync(cohortId, userId);
        return (client, userId, cohortId, await Factory.ObjectivesAsync(cohortId));
    }

    private async Task AssessAsync(string userId, int cohortId, int? objectiveId, int level, int? competencyId = null)
    {
        await using var db = Factory.NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Name == "Positionnement initial");
        var assessment = competencyId is { } c
            ? SelfAssessment.ForLeadership(campaign.Id, userId, c)
            : SelfAssessment.ForObjective(campaign.Id, userId, objectiveId!.Value);
        assessment.Record(campaign, campaign.OpensOn, [1, 2, 3, 4], level, "Justification", new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
        db.SelfAssessments.Add(assessment);
        await db.SaveChangesAsync();
    }

    private static List<string> Cells(IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task The_matrix_is_one_grid_for_all_pillars_with_aligned_columns()
    {
        var (client, _, _, _) = await ParticipantAsync();

        var page = await GetPageAsync(client, Matrix);

        var grid = Assert.Single(page.QuerySelectorAll("main table"));
        Assert.Equal("matrix", grid.Id);
        Assert.Equal(["Objectif", "Niveau actuel", "Preuves", "Acquis couverts", "A1", "A2", "A3"],
            grid.QuerySelectorAll("thead th").Select(th => th.QuerySelector("abbr")?.TextContent ?? th.TextContent.Trim()));
        Assert.Equal(["matrix-P1", "matrix-P2", "matrix-P3", "matrix-P4", "matrix-P5", "matrix-P6"], grid.QuerySelectorAll("tbody").Select(b => b.Id));
        Assert.StartsWith("Pilier P1 — La gouvernance publique", grid.QuerySelector("#matrix-P1 tr.pillar-row th[colspan='7']")!.TextContent.Trim());
        var rows = grid.QuerySelectorAll("tbody tr[data-objective], tbody tr[data-competency]").ToList();
        Assert.Equal(22 + 3, rows.Count);
        // Every row has the same columns as the header: the columns line up across pillars.
        Assert.All(rows, r => Assert.Equal(7, r.Children.Length));
    }

    [Fact]
    public async Task Each_level_is_written_with_its_label_and_coloured_by_its_place_on_the_scale()
    {
        var (client, userId, cohortId, objectives) = await ParticipantAsync();
        await AssessAsync(userId, cohortId, objectives[0].Id, 3);
        await AssessAsync(userId, cohortId, objectives[1].Id, 1);
        await AssessAsync(userId, cohortId, objectives[2].Id, 4);

        var page = await GetPageAsync(client, Matrix);

        IElement Level(string code) => page.QuerySelector($"tr[data-objective='{code}'] td.level-cell")!;
        Assert.Contains("3 — Maîtrisé", Level("P1.1").TextContent);
        Assert.Contains("Positionnement initial", Level("P1.1").TextContent);
        Assert.Contains("level-3", Level("P1.1").ClassList);
        Assert.Contains("1 — Débutant", Level("P1.2").TextContent);
        Assert.Contains("level-1", Level("P1.2").ClassList);
        Assert.Contains("4 — Expert", Level("P1.3").TextContent);
        Assert.Contains("level-4", Level("P1.3").ClassList);
        // The key names every colour of the scale.
        Assert.Equal(["1 — Débutant", "2 — En développement", "3 — Maîtrisé", "4 — Expert", "⚠ lacune"],
            page.QuerySelectorAll("#level-legend li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Gaps_are_flagged_in_colour_and_in_words()
    {
        var (client, userId, cohortId, objectives) = await ParticipantAsync();
        await AssessAsync(userId, cohortId, objectives[0].Id, 2);
        await Factory.AddEvidenceAsync(userId, cohortId, "Note au ministre", [objectives[0].Id]);

        var page = await GetPageAsync(client, Matrix);

        var assessed = page.QuerySelector("tr[data-objective='P1.1']")!;
        Assert.Empty(assessed.QuerySelectorAll("td.level-cell.gap-cell"));
        Assert.Equal("1", Cells(assessed)[1]);
        var gap = page.QuerySelector("tr[data-objective='P1.2']")!;
        var cells = gap.QuerySelectorAll("td").Take(3).ToList();
        Assert.All(cells, c => Assert.Contains("gap-cell", c.ClassList));
        Assert.Contains("non évalué", cells[0].TextContent);
        Assert.Contains("aucune preuve", cells[1].TextContent);
        Assert.Contains("aucun acquis couvert", cells[2].TextContent);
    }

    [Fact]
    public async Task Objectives_by_axes_form_a_heat_map_that_writes_its_counts()
    {
        var (client, userId, cohortId, objectives) = await ParticipantAsync();
        int[] axes;
        await using (var db = Factory.NewDb())
        {
            axes = [.. await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.Axes).OrderBy(a => a.Position).Select(a => a.Id).ToListAsync()];
        }
        for (var i = 0; i < 3; i++)
        {
            await Factory.AddEvidenceAsync(userId, cohortId, $"Preuve {i}", [objectives[0].Id], [axes[0]]);
        }
        await Factory.AddEvidenceAsync(userId, cohortId, "Preuve sur deux axes", [objectives[0].Id], [axes[1], axes[0]]);
        await Factory.AddEvidenceAsync(userId, cohortId, "Autre objectif", [objectives[1].Id], [axes[1]]);

        var page = await GetPageAsync(client, Matrix);

        var heat = page.QuerySelectorAll("tr[data-objective='P1.1'] td.heat").ToList();
        Assert.Equal(["4", "1", "0"], heat.Select(c => c.TextContent.Trim()));
        Assert.Equal(["heat-3", "heat-1", "heat-0"], heat.Select(c => c.ClassList.Single(k => k.StartsWith("heat-"))));
        Assert.Equal(["4", "2", "0"], page.QuerySelectorAll("#matrix tfoot td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Each_leadership_competency_sits_after_its_pillar()
    {
        var (client, userId, cohortId, _) = await ParticipantAsync();
        int l2;
        await using (var db = Factory.NewDb())
        {
            l2 = await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.LeadershipCompetencies).Where(c => c.Code == "L2").Select(c => c.Id).SingleAsync();
        }
        await AssessAsync(userId, cohortId, null, 2, competencyId: l2);

        var page = await GetPageAsync(client, Matrix);

        string? LastRow(string pillar) => page.QuerySelectorAll($"#matrix-{pillar} tr").Last().GetAttribute("data-competency");
        Assert.Equal(["L1", null, null, "L2", null, "L3"], new[] { "P1", "P2", "P3", "P4", "P5", "P6" }.Select(LastRow));
        var leadership = page.QuerySelector("tr[data-competency='L2']")!;
        Assert.Contains("Compétence de leadership", leadership.QuerySelector("th")!.TextContent);
        Assert.Contains("2 — En développement", leadership.QuerySelector("td.level-cell")!.TextContent);
        Assert.Contains("non évalué", page.QuerySelector("tr[data-competency='L1'] td.level-cell")!.TextContent);
    }

    [Fact]
    public async Task The_grid_scrolls_inside_a_labelled_box_that_the_keyboard_can_reach()
    {
        var (client, _, _, _) = await ParticipantAsync();

        var page = await GetPageAsync(client, Matrix);

        var box = page.QuerySelector("div.matrix-scroll[role=region][tabindex='0']")!;
        Assert.Equal("matrix-caption", box.GetAttribute("aria-labelledby"));
        Assert.NotNull(box.QuerySelector("table#matrix > caption#matrix-caption"));
    }
}
