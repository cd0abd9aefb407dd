using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Cohorts;

/// <summary>The coordinator's pages of a cohort's calendar: list, add, edit (stale forms shown again), delete.</summary>
public class SessionPagesTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static Dictionary<string, string> Fields(string kind, string title, string day, string start = "09:00", string end = "17:00",
        string place = "Namur", string pillar = "", string competency = "") => new()
    {
        ["Input.Kind"] = kind, ["Input.Title"] = title, ["Input.Day"] = day, ["Input.Start"] = start, ["Input.EndDay"] = "", ["Input.End"] = end,
        ["Input.Place"] = place, ["Input.PillarId"] = pillar, ["Input.CompetencyId"] = competency,
    };

    private async Task<int> PillarIdAsync(int cohortId, string code)
    {
        await using var db = Factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        return await db.Set<Pillar>().Where(p => p.FrameworkId == frameworkId && p.Code == code).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> CompetencyIdAsync(int cohortId, string code)
    {
        await using var db = Factory.NewDb();
        var frameworkId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.FrameworkId).SingleAsync();
        return await db.Set<LeadershipCompetency>().Where(c => c.FrameworkId == frameworkId && c.Code == code).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task A_coordinator_adds_moves_and_deletes_a_session_which_stays_as_cancelled()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var pillar = await PillarIdAsync(cohortId, "P1");

        var added = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}",
            Fields("Module", "Module 1 : gouvernance publique", "2026-03-12", pillar: pillar.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        int id;
        await using (var db = Factory.NewDb())
        {
            var session = await db.CohortSessions.SingleAsync();
            id = session.Id;
            Assert.Equal(pillar, session.PillarId);
            // 9:00 in Brussels in March (winter time) is 8:00 UTC.
            Assert.Equal(new DateTimeOffset(2026, 3, 12, 8, 0, 0, TimeSpan.Zero), session.StartsAt);
            Assert.Equal(0, session.Sequence);
        }
        var list = await GetPageAsync(coordinator, $"/Coordinator/Sessions/{cohortId}");
        Assert.Contains("Module 1 : gouvernance publique", list.QuerySelector("#sessions")!.TextContent);

        var moved = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Edit/{id}", new() { ["Input.Start"] = "10:00" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var deleted = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Delete/{id}", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await using (var db = Factory.NewDb())
        {
            var session = await db.CohortSessions.SingleAsync();
            Assert.Equal(10, Dates.ToBrussels(session.StartsAt).Hour);
            Assert.Equal(2, session.Sequence);
            Assert.NotNull(session.CancelledAt);
        }
        Assert.Contains("Annulée", (await GetPageAsync(coordinator, $"/Coordinator/Sessions/{cohortId}")).QuerySelector("#sessions")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Sessions/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Sessions/Delete/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_session_refused_by_its_rules_comes_back_with_a_message_and_nothing_saved()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var l1 = (await CompetencyIdAsync(cohortId, "L1")).ToString();

        var backwards = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}", Fields("Module", "À l'envers", "2026-03-12", "17:00", "09:00"));
        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("La fin de la séance doit suivre son début.", (await ParseAsync(backwards)).QuerySelector("main [role=alert]")!.TextContent);

        var noCompetency = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}", Fields("LeadershipSeminar", "Séminaire", "2026-03-12"));
        Assert.Contains("choisissez-la", (await ParseAsync(noCompetency)).QuerySelector("main [role=alert]")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}",
            Fields("LeadershipSeminar", "Séminaire L1", "2026-03-12", competency: l1))).StatusCode);
        var second = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}", Fields("LeadershipSeminar", "Séminaire L1 bis", "2026-04-12", competency: l1));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("déjà son séminaire", (await ParseAsync(second)).QuerySelector("main")!.TextContent);

        // A module of another framework (a forged post) is refused too.
        var forged = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Add/{cohortId}", Fields("Module", "Module forgé", "2026-03-12", pillar: "999999"));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Choisissez un module du référentiel de la promotion.", (await ParseAsync(forged)).QuerySelector("main")!.TextContent);

        await using var db = Factory.NewDb();
        Assert.Equal(["Séminaire L1"], await db.CohortSessions.Select(s => s.Title).ToListAsync());
    }

    [Fact]
    public async Task A_stale_session_edit_is_shown_again_instead_of_applied()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var id = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 2", new DateOnly(2026, 3, 12));
        var version = (await GetPageAsync(coordinator, $"/Coordinator/Sessions/Edit/{id}")).QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Sessions/Edit/{id}", new() { ["Input.Place"] = "Liège" })).StatusCode);

        var stale = await PostFormAsync(coordinator, $"/Coordinator/Sessions/Edit/{id}", new() { ["Input.Place"] = "Mons", ["Input.RowVersion"] = version });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Liège", (await ParseAsync(stale)).QuerySelector("#stale-edit")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal("Liège", await db.CohortSessions.Where(s => s.Id == id).Select(s => s.Place).SingleAsync());
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_does_not_find_the_sessions()
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion d'un autre programme", programmeCode: "autre");
        var id = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 2", new DateOnly(2026, 3, 12));
        var stranger = await SignedInClientAsync("stranger@example.be", Roles.Coordinator);
        foreach (var url in new[] { $"/Coordinator/Sessions/{cohortId}", $"/Coordinator/Sessions/Add/{cohortId}", $"/Coordinator/Sessions/Edit/{id}", $"/Coordinator/Sessions/Delete/{id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        }
    }
}
