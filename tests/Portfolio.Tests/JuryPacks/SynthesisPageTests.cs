using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.JuryPacks;

/// <summary>The cohort heat-map for coordinators and its jury variant: what the cells say, filters, sorting, links, who sees what.</summary>
public class SynthesisPageTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Arranged(int CohortId, int First, int Last, string Ana, string Ben, int AnaSubmission, IReadOnlyList<(int Id, string Code)> Objectives);

    /// <summary>
    /// Ana: objective 1 at level 1 then 3, objective 2 at level 2 (first campaign only), two evidence items, one submission,
    /// one feedback given. Ben: no level, one evidence item, one feedback received, nothing submitted.
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var (first, last) = await Factory.TwoCampaignsAsync(cohortId);
        var people = await Factory.AddParticipantsAsync(cohortId, 2, names: i => i == 0 ? ("Ana", "Aubry") : ("Ben", "Bertrand"));
        var (ana, ben) = (people[0], people[1]);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        await Factory.RecordLevelAsync(first, ana, objectives[0].Id, 1);
        await Factory.RecordLevelAsync(last, ana, objectives[0].Id, 3);
        await Factory.RecordLevelAsync(first, ana, objectives[1].Id, 2);
        await Factory.AddEvidenceAsync(ana, cohortId, "Conduite de réunion", [objectives[0].Id]);
        await Factory.AddEvidenceAsync(ana, cohortId, "Note stratégique", [objectives[0].Id, objectives[1].Id]);
        var benEvidence = await Factory.AddEvidenceAsync(ben, cohortId, "Projet de service", [objectives[1].Id]);
        var request = await Factory.AskFeedbackAsync(cohortId, ben, [benEvidence], [ana]);
        await Factory.GiveFeedbackAsync(request, ana);
        var submission = await Factory.SubmitAsync(cohortId, ana);
        return new Arranged(cohortId, first, last, ana, ben, submission, objectives);
    }

    private static IElement Row(IDocument page, string participantId) =>
        page.QuerySelector($"#synthesis tr[data-participant='{participantId}']") ?? throw new InvalidOperationException("No row for " + participantId);

    private static string Cell(IElement row, string objectiveCode) => row.QuerySelector($"td[data-objective='{objectiveCode}']")!.TextContent.Trim();

    [Fact]
    public async Task Heat_map_shows_each_candidates_latest_level_evidence_feedback_and_submission_as_stored()
    {
        var a = await ArrangeAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var page = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}");

        var ana = Row(page, a.Ana);
        Assert.Equal("3", Cell(ana, a.Objectives[0].Code));
        Assert.Equal("2", Cell(ana, a.Objectives[1].Code));
        Assert.Contains("level-", ana.QuerySelector($"td[data-objective='{a.Objectives[0].Code}']")!.ClassName);
        Assert.Equal("2", ana.QuerySelector(".evidence-count")!.TextContent.Trim());
        Assert.Equal("0", ana.QuerySelector(".feedback-count")!.TextContent.Trim());
        Assert.Equal($"/Coordinator/Submissions/Snapshot/{a.AnaSubmission}", ana.QuerySelector("a.snapshot-link")!.GetAttribute("href"));
        var ben = Row(page, a.Ben);
        Assert.Equal("non évalué", Cell(ben, a.Objectives[0].Code).Replace("–", ""));
        Assert.Equal("1", ben.QuerySelector(".evidence-count")!.TextContent.Trim());
        Assert.Equal("1", ben.QuerySelector(".feedback-count")!.TextContent.Trim());
        Assert.Null(ben.QuerySelector("a.snapshot-link"));
        Assert.Contains("non déposé", ben.QuerySelector(".submission-status")!.TextContent);
        Assert.NotNull(page.QuerySelector("#synthesis caption"));
        Assert.All(page.QuerySelectorAll("#synthesis thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.NotNull(page.QuerySelector($"a#synthesis-download[href='/Coordinator/Synthesis/Export/{a.CohortId}']"));

        var details = await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{a.CohortId}");
        Assert.NotNull(details.QuerySelector($"a[href='/Coordinator/Synthesis/{a.CohortId}']"));
    }

    [Fact]
    public async Task Heat_map_filters_by_campaign_and_pillar_and_sorts_by_an_objective_level()
    {
        var a = await ArrangeAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var framework = await Factory.FrameworkAsync(a.CohortId);

        var inFirst = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}?campaign={a.First}");
        Assert.Equal("1", Cell(Row(inFirst, a.Ana), a.Objectives[0].Code));
        var inLast = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}?campaign={a.Last}");
        Assert.Equal("3", Cell(Row(inLast, a.Ana), a.Objectives[0].Code));
        Assert.Equal("non évalué", Cell(Row(inLast, a.Ana), a.Objectives[1].Code).Replace("–", ""));

        var second = framework.Pillars[1];
        var pillarPage = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}?pillar={second.Id}");
        var shown = Row(pillarPage, a.Ana).QuerySelectorAll("td[data-objective]").Select(td => td.GetAttribute("data-objective")).ToList();
        Assert.Equal(second.Objectives.Select(o => o.Code), shown);

        var byLevel = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}?sort=o{a.Objectives[0].Id}&desc=true");
        Assert.Equal([a.Ana, a.Ben], byLevel.QuerySelectorAll("#synthesis tbody tr").Select(r => r.GetAttribute("data-participant")));
        var byName = await GetPageAsync(coordinator, $"/Coordinator/Synthesis/{a.CohortId}?sort=name&desc=true");
        Assert.Equal([a.Ben, a.Ana], byName.QuerySelectorAll("#synthesis tbody tr").Select(r => r.GetAttribute("data-participant")));
    }

    [Theory]
    [InlineData("?pillar=99999999999999999999")]
    [InlineData("?pillar=-1&campaign=2147483647")]
    [InlineData("?campaign=abc&sort=o99999999999")]
    [InlineData("?sort=%3Cscript%3E&desc=maybe")]
    public async Task Strange_filters_are_ignored_rather_than_failing(string query)
    {
        var a = await ArrangeAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await coordinator.GetAsync($"/Coordinator/Synthesis/{a.CohortId}{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Equal("3", Cell(Row(page, a.Ana), a.Objectives[0].Code));
    }

    [Fact]
    public async Task A_cohort_of_a_programme_the_coordinator_does_not_manage_answers_404_for_the_heat_map_and_the_workbook()
    {
        await ArrangeAsync();
        var otherCohort = await Factory.CreateCohortAsync("Promotion d'un autre programme", "autre");
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Synthesis/{otherCohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/Coordinator/Synthesis/Export/{otherCohort}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Synthesis/2147483647")).StatusCode);
    }

    [Fact]
    public async Task Jury_heat_map_lists_only_the_candidates_open_to_the_juror_and_another_jury_answers_404()
    {
        var a = await ArrangeAsync();
        var juror = await SignedInClientAsync("juror@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        var colleague = await Factory.CreatePersonAsync("colleague@example.be", "Col", "Lègue", Roles.JuryMember);
        var juryId = await Factory.CreateJuryAsync(a.CohortId, "Jury 1", [jurorId, colleague], a.Ana, a.Ben);
        var candidacies = await Factory.CandidaciesAsync(juryId);
        await Factory.DeclareAsync(candidacies[a.Ana], jurorId, ConflictLevel.None);
        await Factory.DeclareAsync(candidacies[a.Ben], jurorId, ConflictLevel.Major, "Ancien collègue direct");
        var others = await Factory.AddParticipantsAsync(a.CohortId, 1, "autre");
        var otherJury = await Factory.CreateJuryAsync(a.CohortId, "Jury 2", [colleague], others[0]);

        var page = await GetPageAsync(juror, $"/Jury/Synthesis/{juryId}");

        Assert.Equal([a.Ana], page.QuerySelectorAll("#synthesis tbody tr").Select(r => r.GetAttribute("data-participant")));
        Assert.Equal("3", Cell(Row(page, a.Ana), a.Objectives[0].Code));
        Assert.Equal($"/Jury/Candidate/{candidacies[a.Ana]}", Row(page, a.Ana).QuerySelector("a.snapshot-link")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Synthesis/{otherJury}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync("/Jury/Synthesis/2147483647")).StatusCode);
        var home = await GetPageAsync(juror, "/Jury");
        Assert.NotNull(home.QuerySelector($"a[href='/Jury/Synthesis/{juryId}']"));
    }

    [Fact]
    public async Task Heat_map_jury_variant_and_workbook_issue_as_many_commands_for_a_few_and_for_many_candidates()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var (first, last) = await Factory.TwoCampaignsAsync(cohortId);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var juror = await SignedInClientAsync("juror@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var (juryId, _) = await Factory.CreateDeclaredJuryAsync(cohortId, "Jury 1", [jurorId], []);

        async Task AddAsync(int count, string prefix)
        {
            var people = await Factory.AddParticipantsAsync(cohortId, count, prefix);
            await using (var db = Factory.NewDb())
            {
                var jury = await db.Juries.Include(j => j.Candidates).SingleAsync(j => j.Id == juryId);
                foreach (var p in people)
                {
                    jury.Assign(p, DateTimeOffset.UtcNow);
                }
                await db.SaveChangesAsync();
            }
            var candidacies = await Factory.CandidaciesAsync(juryId);
            foreach (var (p, i) in people.Select((p, i) => (p, i)))
            {
                await Factory.DeclareAsync(candidacies[p], jurorId, ConflictLevel.None);
                await Factory.RecordLevelAsync(first, p, objectives[i % objectives.Count].Id, 1 + i % 4);
                await Factory.RecordLevelAsync(last, p, objectives[i % objectives.Count].Id, 4);
                var evidence = await Factory.AddEvidenceAsync(p, cohortId, $"Preuve {prefix}{i}", [objectives[0].Id]);
                await Factory.MarkForAssessmentAsync(evidence);
                await Factory.SubmitAsync(cohortId, p);
                if (i > 0)
                {
                    var request = await Factory.AskFeedbackAsync(cohortId, p, [evidence], [people[0]]);
                    await Factory.GiveFeedbackAsync(request, people[0]);
                }
            }
        }

        await AddAsync(2, "few");
        var few = await CountsAsync(coordinator, juror, cohortId, juryId);
        await AddAsync(12, "many");
        var many = await CountsAsync(coordinator, juror, cohortId, juryId);

        Assert.Equal(few, many);
    }

    private async Task<Dictionary<string, int>> CountsAsync(HttpClient coordinator, HttpClient juror, int cohortId, int juryId) => new()
    {
        ["Coordinator heat-map"] = await CommandsForAsync(coordinator, $"/Coordinator/Synthesis/{cohortId}"),
        ["Filtered and sorted"] = await CommandsForAsync(coordinator, $"/Coordinator/Synthesis/{cohortId}?sort=evidence&desc=true"),
        ["Jury heat-map"] = await CommandsForAsync(juror, $"/Jury/Synthesis/{juryId}"),
        ["Workbook"] = await CommandsForAsync(coordinator, $"/Coordinator/Synthesis/Export/{cohortId}"),
    };

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        // Once to warm the framework cache and the sign-in, then counted.
        Assert.True((await client.GetAsync(url)).IsSuccessStatusCode, url);
        Factory.Commands.Reset();
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return Factory.Commands.Count;
    }
}
