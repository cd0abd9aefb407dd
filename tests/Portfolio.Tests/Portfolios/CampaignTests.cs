using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

public class CampaignTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");

    private static string PageUrl(int cohortId) => $"/Coordinator/Campaigns/{cohortId}";

    /// <summary>Stores self-assessments as a participant would have saved them in the open campaign.</summary>
    private async Task AssessAsync(int cohortId, string userId, int objectives, string justification, int leadership = 0)
    {
        await using var db = Factory.NewDb();
        var campaign = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Name == "Positionnement initial");
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        var objectiveIds = await db.Set<Objective>().Where(o => o.Pillar.FrameworkId == frameworkId).OrderBy(o => o.Id).Select(o => o.Id).Take(objectives).ToListAsync();
        var competencyIds = await db.Set<LeadershipCompetency>().Where(c => c.FrameworkId == frameworkId).OrderBy(c => c.Id).Select(c => c.Id).Take(leadership).ToListAsync();
        var assessments = objectiveIds.Select(id => SelfAssessment.ForObjective(campaign.Id, userId, id))
            .Concat(competencyIds.Select(id => SelfAssessment.ForLeadership(campaign.Id, userId, id)));
        foreach (var a in assessments)
        {
            a.Record(campaign, PortfolioBuilder.Today, [1, 2, 3, 4], 3, justification, new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
            db.SelfAssessments.Add(a);
        }
        // A draft without a level does not count as assessed.
        var draft = SelfAssessment.ForObjective(campaign.Id, userId,
            await db.Set<Objective>().Where(o => o.Pillar.FrameworkId == frameworkId).OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync());
        draft.Record(campaign, PortfolioBuilder.Today, [1, 2, 3, 4], null, justification, new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
        db.SelfAssessments.Add(draft);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Creating_the_default_campaigns_gives_the_three_moments_inside_the_cohort()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await PostFormAsync(coordinator, PageUrl(cohortId), [], handler: "Defaults");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var db = Factory.NewDb())
        {
            var cohort = await db.Cohorts.SingleAsync(c => c.Id == cohortId);
            var campaigns = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).ToListAsync();
            Assert.Equal(["Positionnement initial", "Mi-parcours", "Bilan final"], campaigns.Select(c => c.Name));
            Assert.All(campaigns, c =>
            {
                Assert.InRange(c.OpensOn, cohort.StartsOn, cohort.EndsOn);
                Assert.InRange(c.ClosesOn, c.OpensOn, cohort.EndsOn);
            });
        }
        var page = await GetPageAsync(coordinator, PageUrl(cohortId));
        var rows = page.QuerySelectorAll("#campaigns tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Bilan final", rows[2]);
        // The cohort's dates are in the past: every campaign is closed.
        Assert.All(rows, r => Assert.Contains("Clôturée", r));
        Assert.Null(page.QuerySelector("form[action*='handler=Defaults']"));
    }

    [Fact]
    public async Task The_cohort_page_links_to_its_campaigns()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var page = await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}");
        Assert.NotNull(page.QuerySelector($"a[href='{PageUrl(cohortId)}']"));
    }

    [Fact]
    public async Task A_seminar_held_after_the_last_campaign_is_flagged_on_the_campaigns_page()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var page = await GetPageAsync(coordinator, PageUrl(cohortId));
        Assert.Null(page.QuerySelector("#late-seminars"));
        var today = PortfolioBuilder.Today;

        // L1 between the two campaigns (assessed at mid-term: fine), L2 after the mid-term closes, the cohort's last campaign.
        await Factory.AddSeminarAsync(cohortId, "L1", today.AddDays(30));
        await Factory.AddSeminarAsync(cohortId, "L2", today.AddDays(120));

        var warning = (await GetPageAsync(coordinator, PageUrl(cohortId))).QuerySelector("#late-seminars");
        Assert.NotNull(warning);
        var text = warning.TextContent;
        Assert.Contains("une compétence de leadership ne pourra pas être auto-évaluée", text);
        Assert.Contains("L2", text);
        Assert.Contains(Dates.Day(today.AddDays(120), French), text);
        Assert.Contains("« Mi-parcours »", text);
        Assert.Contains(Dates.Day(today.AddDays(90), French), text);
        Assert.DoesNotContain("L1", text);

        await using var db = Factory.NewDb();
        var midTerm = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Name == "Mi-parcours");
        var seminars = await db.CohortSessions.OrderBy(s => s.StartsAt).ToListAsync();
        Assert.False(seminars[0].FallsAfter(midTerm));
        Assert.True(seminars[1].FallsAfter(midTerm));
    }

    [Fact]
    public async Task A_coordinator_adds_a_campaign()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var added = await PostFormAsync(coordinator, PageUrl(cohortId), new()
        {
            ["NewCampaign.Name"] = "Bilan final", ["NewCampaign.OpensOn"] = "2026-06-01", ["NewCampaign.ClosesOn"] = "2026-06-30",
        }, handler: "Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var backwards = await PostFormAsync(coordinator, PageUrl(cohortId), new()
        {
            ["NewCampaign.Name"] = "À l'envers", ["NewCampaign.OpensOn"] = "2026-06-30", ["NewCampaign.ClosesOn"] = "2026-06-01",
        }, handler: "Add");
        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("La clôture ne peut précéder l'ouverture.", (await ParseAsync(backwards)).QuerySelector("#add-campaign [role=alert]")!.TextContent);

        await using var db = Factory.NewDb();
        var bilan = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Name == "Bilan final");
        Assert.Equal(3, bilan.Position);
        Assert.Equal(new DateOnly(2026, 6, 30), bilan.ClosesOn);
        Assert.False(await db.Campaigns.AnyAsync(c => c.Name == "À l'envers"));
    }

    [Fact]
    public async Task A_stale_campaign_edit_is_refused_and_shows_the_stored_version()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var first = await SignedInClientAsync("coord1@example.be", Roles.Coordinator);
        var second = await SignedInClientAsync("coord2@example.be", Roles.Coordinator);
        int campaignId;
        await using (var db = Factory.NewDb())
        {
            campaignId = await db.Campaigns.Where(c => c.Name == "Mi-parcours").Select(c => c.Id).SingleAsync();
        }
        var selector = $"form#edit-campaign-{campaignId}";
        var stale = (await GetPageAsync(second, PageUrl(cohortId))).QuerySelector($"{selector} input[name='Edit.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(first, PageUrl(cohortId), new() { ["Edit.Name"] = "Mi-parcours (janvier)" }, handler: "Edit", formSelector: selector)).StatusCode);

        var conflict = await PostFormAsync(second, PageUrl(cohortId), new() { ["Edit.Name"] = "Mi-parcours (février)", ["Edit.RowVersion"] = stale }, handler: "Edit", formSelector: selector);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await ParseAsync(conflict);
        Assert.Contains("Mi-parcours (janvier)", page.QuerySelector(".alert-warning")!.TextContent);
        Assert.Equal("Mi-parcours (février)", page.QuerySelector($"{selector} input[name='Edit.Name']")!.GetAttribute("value"));
        await using var check = Factory.NewDb();
        Assert.Equal("Mi-parcours (janvier)", (await check.Campaigns.SingleAsync(c => c.Id == campaignId)).Name);
    }

    [Fact]
    public async Task The_completion_table_counts_levels_but_never_shows_justifications()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var anne = await CreateUserAsync("anne@example.be", Roles.Participant);
        var bruno = await CreateUserAsync("bruno@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, anne.Id);
        await Factory.EnrolAsync(cohortId, bruno.Id);
        await AssessAsync(cohortId, anne.Id, objectives: 1, "Ma réflexion strictement personnelle", leadership: 1);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await coordinator.GetAsync(PageUrl(cohortId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Ma réflexion strictement personnelle", await response.Content.ReadAsStringAsync());
        var page = await ParseAsync(response);
        var rows = page.QuerySelectorAll("#completion tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var anneRow = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("anne"));
        var cells = anneRow.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(2, cells.Count); // one per campaign
        Assert.Contains("1 / 22", cells[0]);
        Assert.Contains("5 %", cells[0]);
        Assert.Contains("Leadership : 1 / 3", cells[0]);
        Assert.Contains("0 / 22", cells[1]);
        var brunoRow = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("bruno"));
        Assert.Contains("0 / 22", brunoRow.QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task A_participant_gets_403_on_the_coordinator_page()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var participant = await SignedInClientAsync("anne@example.be", Roles.Participant);

        var response = await participant.GetAsync(PageUrl(cohortId));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task The_campaign_page_issues_as_many_commands_for_2_and_for_30_participants()
    {
        var small = await Factory.CreateCohortWithCampaignsAsync("Petite promotion");
        var large = await Factory.CreateCohortWithCampaignsAsync("Grande promotion");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var enrolment = scope.ServiceProvider.GetRequiredService<CohortEnrolment>();
            Assert.Empty(await enrolment.EnrolAsync(small, [.. Enumerable.Range(1, 2).Select(i => new ParticipantRow(i, $"p{i}@petite.be", "Prénom", $"Nom{i}", null))]));
            Assert.Empty(await enrolment.EnrolAsync(large, [.. Enumerable.Range(1, 30).Select(i => new ParticipantRow(i, $"p{i}@grande.be", "Prénom", $"Nom{i}", null))]));
        }
        await using (var db = Factory.NewDb())
        {
            foreach (var e in await db.Enrolments.Select(e => new { e.CohortId, e.UserId }).ToListAsync())
            {
                await AssessAsync(e.CohortId, e.UserId, objectives: 3, "Texte", leadership: 1);
            }
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        async Task<int> CommandsForAsync(string url)
        {
            await GetPageAsync(coordinator, url); // warm-up
            Factory.Commands.Reset();
            var page = await GetPageAsync(coordinator, url);
            Assert.Contains("3 / 22", page.QuerySelector("#completion")!.TextContent);
            return Factory.Commands.Count;
        }

        var few = await CommandsForAsync(PageUrl(small));
        var many = await CommandsForAsync(PageUrl(large));

        Assert.Equal(few, many);
        // Two fewer than when the page read the competencies and counted the objectives in SQL: they come from the framework model;
        // plus one since every signed-in request checks that its session is still open (UserSessions).
        // Plus one since the header counts the person's unread notifications on every page.
        Assert.InRange(few, 1, 7);
    }
}
