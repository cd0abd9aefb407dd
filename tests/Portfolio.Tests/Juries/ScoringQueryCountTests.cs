using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Scoring;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Juries;

/// <summary>The calibration and results pages issue as many SQL commands with few candidates and scores as with many.</summary>
public class ScoringQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Calibration_and_results_pages_issue_as_many_commands_for_few_and_for_many_candidates()
    {
        var cohortId = await Factory.CreateCohortAsync();
        var jurors = new List<string>();
        HttpClient? jurorClient = null;
        for (var i = 0; i < 4; i++)
        {
            var client = await SignedInClientAsync($"juror{i}@example.be", Roles.JuryMember);
            jurorClient ??= client;
            jurors.Add(await Factory.UserIdAsync($"juror{i}@example.be"));
        }
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var participants = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await CreateUserAsync($"candidate{i}@example.be", Roles.Participant);
            var id = await Factory.UserIdAsync($"candidate{i}@example.be");
            await Factory.EnrolAsync(cohortId, id);
            participants.Add(id);
        }

        // Few: one jury, one candidate scored by all.
        var (juryId, few) = await Factory.CreateDeclaredJuryAsync(cohortId, "Jury A", [.. jurors], [participants[0]]);
        foreach (var juror in jurors)
        {
            await Factory.ScoreAsync(cohortId, few[0], juror, [3, 3, 3, 3, 3], "Bien");
        }
        var fewCounts = await CountsAsync(jurorClient!, coordinator, juryId, cohortId);

        // Many: a second jury, more candidates, scored, sealed or deliberated.
        await using (var db = Factory.NewDb())
        {
            var jury = await db.Juries.Include(j => j.Members).Include(j => j.Candidates).SingleAsync(j => j.Id == juryId);
            foreach (var p in participants.Skip(1).Take(4))
            {
                jury.Assign(p, DateTimeOffset.UtcNow);
            }
            await db.SaveChangesAsync();
            foreach (var c in jury.Candidates.Where(c => c.Id != few[0]))
            {
                foreach (var juror in jurors)
                {
                    db.ConflictDeclarations.Add(new Core.Juries.ConflictDeclaration(c, juror, Core.Juries.ConflictLevel.None, null, DateTimeOffset.UtcNow));
                }
            }
            await db.SaveChangesAsync();
        }
        var many = await ManyCandidatesAsync(juryId);
        for (var i = 0; i < many.Length; i++)
        {
            foreach (var (juror, j) in jurors.Select((x, j) => (x, j)))
            {
                await Factory.ScoreAsync(cohortId, many[i], juror, [1 + (i + j) % 5, 2, 3, 4, 5 - j], $"Commentaire {i}", submit: i != 0 || j != 3);
            }
        }
        await Factory.DeliberateAsync(cohortId, many[1], [3, 3, 3, 3, 3], Decision.Passed, "Bravo");
        await Factory.DeliberateAsync(cohortId, many[2], [2, 2, 2, 2, 2], Decision.Deferred);
        var otherJurors = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await CreateUserAsync($"other{i}@example.be", Roles.JuryMember);
            otherJurors.Add(await Factory.UserIdAsync($"other{i}@example.be"));
        }
        var (_, others) = await Factory.CreateDeclaredJuryAsync(cohortId, "Jury B", [.. otherJurors], [.. participants.Skip(5)]);
        foreach (var c in others)
        {
            foreach (var juror in otherJurors)
            {
                await Factory.ScoreAsync(cohortId, c, juror, [4, 4, 2, 5, 3]);
            }
        }
        var manyCounts = await CountsAsync(jurorClient!, coordinator, juryId, cohortId);

        Assert.Equal(fewCounts, manyCounts);
    }

    private async Task<int[]> ManyCandidatesAsync(int juryId)
    {
        await using var db = Factory.NewDb();
        return await db.JuryCandidates.Where(c => c.JuryId == juryId).OrderBy(c => c.Id).Skip(1).Select(c => c.Id).ToArrayAsync();
    }


    private async Task<Dictionary<string, int>> CountsAsync(HttpClient juror, HttpClient coordinator, int juryId, int cohortId) => new()
    {
        ["Calibration"] = await CommandsForAsync(juror, $"/Jury/Calibration/{juryId}"),
        ["Results"] = await CommandsForAsync(coordinator, $"/Coordinator/Results/{cohortId}"),
        ["Export"] = await CommandsForAsync(coordinator, $"/Coordinator/Results/Export/{cohortId}", page: false),
        ["Jury index"] = await CommandsForAsync(juror, "/Jury"),
    };

    private async Task<int> CommandsForAsync(HttpClient client, string url, bool page = true)
    {
        if (page)
        {
            await GetPageAsync(client, url);
        }
        Factory.Commands.Reset();
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return Factory.Commands.Count;
    }
}
