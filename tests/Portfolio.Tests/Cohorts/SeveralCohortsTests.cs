using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Jobs;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Cohorts;

/// <summary>One person in several cohorts: each item belongs to the cohort it was written in, and nothing is ever hidden for good.</summary>
public class SeveralCohortsTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static DateOnly Today => PortfolioBuilder.Today;


    /// <summary>Evidence, a journal entry and a self-assessment written in cohort A; returns (cohort, evidence id).</summary>
    private async Task<(int CohortId, int EvidenceId)> ArrangeFirstCohortAsync(string userId)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync("Promotion A");
        await Factory.EnrolAsync(cohortId, userId);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var evidenceId = await Factory.AddEvidenceAsync(userId, cohortId, "Preuve écrite en A", [objective.Id]);
        await using var db = Factory.NewDb();
        var now = DateTimeOffset.UtcNow;
        var entry = new JournalEntry(userId, cohortId, now);
        entry.Write(Today, "Réflexion écrite en A", "Ce que j'ai appris.", null, null, null, Visibility.Private, now);
        db.JournalEntries.Add(entry);
        var campaign = await db.Campaigns.SingleAsync(c => c.CohortId == cohortId && c.Position == 1);
        var scale = await db.Cohorts.Where(c => c.Id == cohortId).SelectMany(c => c.Framework.Scale).Select(l => l.Value).ToListAsync();
        var assessment = SelfAssessment.ForObjective(campaign.Id, userId, objective.Id);
        assessment.Record(campaign, Today, scale, 2, "Je progresse.", new Dictionary<int, OutcomeState>(), [evidenceId], now);
        db.SelfAssessments.Add(assessment);
        await db.SaveChangesAsync();
        return (cohortId, evidenceId);
    }

    private static async Task<string> TextAsync(HttpClient client, string url) => (await GetPageAsync(client, url)).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task Participant_enrolled_in_a_second_cohort_keeps_earlier_work()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var userId = await Factory.UserIdAsync("alice@example.be");
        var (cohortA, evidenceId) = await ArrangeFirstCohortAsync(userId);
        var cohortB = await Factory.CreateCohortWithCampaignsAsync("Promotion B");
        await Factory.EnrolAsync(cohortB, userId);

        // The latest enrolment is where the pages open: B, empty, with a chooser of both cohorts in the header.
        var home = await GetPageAsync(client, "/Participant");
        var chooser = home.QuerySelector("#cohort-chooser select");
        Assert.NotNull(chooser);
        Assert.Equal(["Promotion B", "Promotion A"], chooser!.QuerySelectorAll("option").Select(o => o.TextContent.Trim()));
        Assert.Equal(cohortB.ToString(), chooser.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain("Preuve écrite en A", await TextAsync(client, "/Participant/Evidence"));
        Assert.DoesNotContain("Réflexion écrite en A", await TextAsync(client, "/Participant/Journal"));
        Assert.Contains("0 / 22 objectifs évalués", await TextAsync(client, "/Participant/Assessments"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Participant/Evidence/Details/{evidenceId}")).StatusCode);

        // Switching back to A, remembered on the account: everything is there.
        var switched = await PostFormAsync(client, "/Participant/Evidence", new() { ["CohortId"] = cohortA.ToString() }, formSelector: "#cohort-chooser");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Participant/Evidence", switched.Headers.Location!.ToString());
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(cohortA, await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentCohortId).SingleAsync());
        }
        Assert.Contains("Preuve écrite en A", await TextAsync(client, "/Participant/Evidence"));
        Assert.Contains("Réflexion écrite en A", await TextAsync(client, "/Participant/Journal"));
        Assert.Contains("1 / 22 objectifs évalués", await TextAsync(client, "/Participant/Assessments"));
        Assert.Contains("Preuve écrite en A", await TextAsync(client, $"/Participant/Evidence/Details/{evidenceId}"));

        // "Everything": one archive holding both cohorts.
        var export = await PostFormAsync(client, "/Participant/Export", new() { ["Scope"] = "Everything" });
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        var run = await WaitForExportAsync();
        Assert.Null(run.SubjectId);
        var zipResponse = await client.GetAsync($"/Participant/Export?handler=Download&id={run.Id}");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await zipResponse.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        using var json = JsonDocument.Parse(zip.GetEntry("portfolio.json")!.Open());
        var cohorts = json.RootElement.GetProperty("cohorts").EnumerateArray().ToList();
        Assert.Equal(["Promotion A", "Promotion B"], cohorts.Select(c => c.GetProperty("cohort").GetProperty("name").GetString()).Order());
        var a = cohorts.Single(c => c.GetProperty("cohort").GetProperty("name").GetString() == "Promotion A");
        Assert.Equal("Preuve écrite en A", Assert.Single(a.GetProperty("evidence").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("Réflexion écrite en A", Assert.Single(a.GetProperty("journalEntries").EnumerateArray()).GetProperty("title").GetString());
        Assert.Single(a.GetProperty("selfAssessments").EnumerateArray());
        var b = cohorts.Single(c => c.GetProperty("cohort").GetProperty("name").GetString() == "Promotion B");
        Assert.Empty(b.GetProperty("evidence").EnumerateArray());
        Assert.Contains("Promotion A", new StreamReader(zip.GetEntry("index.html")!.Open()).ReadToEnd());
    }

    [Fact]
    public async Task A_person_with_a_single_cohort_sees_no_chooser_and_exports_that_cohort()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var (cohortA, _) = await ArrangeFirstCohortAsync(await Factory.UserIdAsync("alice@example.be"));

        Assert.Null((await GetPageAsync(client, "/Participant")).QuerySelector("#cohort-chooser"));
        Assert.Null((await GetPageAsync(client, "/Participant/Export")).QuerySelector("input[name='Scope']"));
        await PostFormAsync(client, "/Participant/Export", []);
        Assert.Equal(cohortA, (await WaitForExportAsync()).SubjectId);
    }

    [Fact]
    public async Task A_cohort_that_is_not_ones_own_cannot_be_chosen()
    {
        var client = await SignedInClientAsync("alice@example.be", Roles.Participant);
        var userId = await Factory.UserIdAsync("alice@example.be");
        await ArrangeFirstCohortAsync(userId);
        var other = await Factory.CreateCohortAsync("Promotion d'autrui");

        var response = await PostFormAsync(client, "/Participant/Cohort", new() { ["CohortId"] = other.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choisissez une de vos promotions.", await response.Content.ReadAsStringAsync());
        await using var db = Factory.NewDb();
        Assert.Null(await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentCohortId).SingleAsync());
    }

    private async Task<JobRun> WaitForExportAsync()
    {
        var clock = Stopwatch.StartNew();
        JobRun run;
        do
        {
            await Task.Delay(200);
            await using var db = Factory.NewDb();
            run = await db.JobRuns.AsNoTracking().SingleAsync();
        }
        while (!run.IsFinished && clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.True(run.State == JobState.Succeeded, $"the export ended {run.State}: {run.Error}");
        return run;
    }
}
