using System.Net;
using System.Text;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Submissions;

/// <summary>The jury's candidate page and the coordinators' list of submissions keep a constant number of SQL commands.</summary>
public class SubmissionQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url); // warm-up: key ring, caches
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    /// <summary>A submitted candidate with <paramref name="items"/> marked evidence items (each with a PDF) and reflections.</summary>
    private async Task<(string UserId, int CohortId)> SubmittedAsync(int cohortId, string email, int items, int reflections)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        var userId = await Factory.UserIdAsync(email);
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        for (var i = 0; i < items; i++)
        {
            await SubmissionBuilder.MarkedEvidenceWithPdfAsync(client, objectives[i % objectives.Count].Id, $"Preuve {i}", Pdf);
        }
        var chosen = new List<int>();
        for (var i = 0; i < reflections; i++)
        {
            chosen.Add(await Factory.AddReflectionAsync(userId, cohortId, $"Réflexion {i}", "Texte."));
        }
        await SubmissionBuilder.WriteSectionAsync(client, "synthesis", "Synthèse.");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await GetPageAsync(client, "/Participant/Submission")).QuerySelector("#submission-form")!;
        var values = SubmissionBuilder.Values(form, new() { ["Input.Confirm"] = "true" });
        values.AddRange(chosen.Select(id => new KeyValuePair<string, string>("Input.ReflectionIds", id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Participant/Submission", new FormUrlEncodedContent(values))).StatusCode);
        return (userId, cohortId);
    }

    [Fact]
    public async Task The_jury_candidate_page_runs_as_many_commands_for_a_small_and_a_large_snapshot()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var small = await SubmittedAsync(cohortId, "petit@example.be", 1, 0);
        var large = await SubmittedAsync(cohortId, "grand@example.be", 6, 5);
        var juror = await SignedInClientAsync("juror@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("juror@example.be");
        var smallId = await Factory.JuryWithCandidateAsync(cohortId, "Jury A", [jurorId], small.UserId);
        await Factory.DeclareAsync(smallId, jurorId, ConflictLevel.None);
        var largeId = await Factory.JuryWithCandidateAsync(cohortId, "Jury B", [jurorId], large.UserId);
        await Factory.DeclareAsync(largeId, jurorId, ConflictLevel.None);

        var few = await CommandsForAsync(juror, $"/Jury/Candidate/{smallId}");
        var many = await CommandsForAsync(juror, $"/Jury/Candidate/{largeId}");

        Assert.Equal(few, many);
        Assert.InRange(few, 1, 6);
    }

    [Fact]
    public async Task The_coordinator_list_of_submissions_runs_as_many_commands_for_few_and_many_participants()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var smallCohort = await Factory.CreateCohortWithCampaignsAsync("Promotion A");
        await SubmittedAsync(smallCohort, "seule@example.be", 1, 0);
        var largeCohort = await Factory.CreateCohortWithCampaignsAsync("Promotion B");
        for (var i = 0; i < 4; i++)
        {
            await SubmittedAsync(largeCohort, $"p{i}@example.be", 1, 1);
        }
        for (var i = 0; i < 4; i++)
        {
            await CreateUserAsync($"absent{i}@example.be", Roles.Participant);
            await Factory.EnrolAsync(largeCohort, await Factory.UserIdAsync($"absent{i}@example.be"));
        }

        var few = await CommandsForAsync(coordinator, $"/Coordinator/Submissions/{smallCohort}");
        var many = await CommandsForAsync(coordinator, $"/Coordinator/Submissions/{largeCohort}");

        Assert.Equal(few, many);
        Assert.InRange(few, 1, 5);
    }
}
