using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Juries;

/// <summary>The jury lists and the schedules run as many SQL commands for a few juries and exams as for many.</summary>
public class JuryQueryCountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    /// <summary>A cohort with <paramref name="juries"/> juries of four, each with <paramref name="candidates"/> candidates who all have an exam, and one conflict each.</summary>
    private async Task<int> CohortAsync(string name, int juries, int candidates, string sharedJuror)
    {
        var cohortId = await Factory.CreateCohortAsync(name);
        var start = new DateTime(2026, 6, 1, 8, 0, 0).AddDays(name.Length);
        for (var j = 0; j < juries; j++)
        {
            var members = new List<string> { sharedJuror };
            for (var m = 0; m < 3; m++)
            {
                members.Add(await Factory.CreatePersonAsync($"{name}-j{j}-m{m}@example.be".Replace(' ', '-'), "Juré", $"{j}{m}", Roles.JuryMember));
            }
            var people = new List<string>();
            for (var c = 0; c < candidates; c++)
            {
                var id = await Factory.CreatePersonAsync($"{name}-j{j}-c{c}@example.be".Replace(' ', '-'), "Candidat", $"{j}{c}", Roles.Participant);
                await Factory.EnrolAsync(cohortId, id);
                people.Add(id);
            }
            var juryId = await Factory.CreateJuryAsync(cohortId, $"Jury {j}", [.. members], [.. people]);
            foreach (var (person, c) in people.Select((p, c) => (p, c)))
            {
                var candidacy = await Factory.CandidacyAsync(juryId, person);
                await Factory.DeclareAsync(candidacy, members[1], c % 2 == 0 ? ConflictLevel.Minor : ConflictLevel.None, "Connu.");
                // The shared juror sits everywhere: one exam an hour, never overlapping.
                await Factory.ScheduleAsync(candidacy, start.AddHours(j * candidates + c), 45, $"Salle {j}");
            }
        }
        return cohortId;
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    [Fact]
    public async Task The_jury_list_the_conflicts_and_the_schedules_run_as_many_commands_for_few_as_for_many()
    {
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var shared = await Factory.CreatePersonAsync("partout@example.be", "Juré", "Partout", Roles.JuryMember);
        var few = await CohortAsync("Petite", 1, 1, shared);
        var many = await CohortAsync("Grande promotion", 3, 4, shared);
        var juror = NewClient();
        await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "partout@example.be", ["Input.Password"] = Password });
        int fewJury, manyJury;
        await using (var db = Factory.NewDb())
        {
            fewJury = db.Juries.Single(j => j.CohortId == few).Id;
            manyJury = db.Juries.Where(j => j.CohortId == many).OrderBy(j => j.Id).First().Id;
        }

        Assert.Equal(await CommandsForAsync(coordinator, $"/Coordinator/Juries/{few}"), await CommandsForAsync(coordinator, $"/Coordinator/Juries/{many}"));
        Assert.Equal(await CommandsForAsync(coordinator, $"/Coordinator/Juries/Conflicts/{fewJury}"), await CommandsForAsync(coordinator, $"/Coordinator/Juries/Conflicts/{manyJury}"));
        Assert.Equal(await CommandsForAsync(coordinator, $"/Coordinator/Exams/{few}"), await CommandsForAsync(coordinator, $"/Coordinator/Exams/{many}"));
        // The juror's own schedule and calendar: one command for the exams, whatever their number (13 here).
        var schedule = await CommandsForAsync(juror, "/Jury/Schedule");
        Assert.InRange(schedule, 1, 4);
        Assert.Equal(13, (await GetPageAsync(juror, "/Jury/Schedule")).QuerySelectorAll("#my-exams tbody tr").Length);
    }
}
