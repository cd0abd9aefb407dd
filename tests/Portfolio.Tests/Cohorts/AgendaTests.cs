using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Cohorts;

/// <summary>
/// The participant's agenda: their cohort's sessions, their groups' co-development sessions and their exams in one page
/// and one feed; the session page with what they wrote about it; the ties from the journal and evidence forms.
/// </summary>
public class AgendaTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly DateOnly ModuleDay = new(2026, 3, 12);

    private async Task<HttpClient> LoginAsync(string email)
    {
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password })).StatusCode);
        return client;
    }

    private async Task<string> FeedAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Calendar", [])).StatusCode);
        return (await GetPageAsync(client, "/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
    }

    /// <summary>The VEVENT block whose text contains this marker (a UID or a summary).</summary>
    private static string Event(string ics, string marker) =>
        ics.Split("BEGIN:VEVENT").Skip(1).Single(e => e.Replace("\r\n ", "").Contains(marker, StringComparison.Ordinal));

    private static string Field(string vevent, string name) =>
        vevent.Replace("\r\n ", "").Split("\r\n").First(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal)).Split(':', 2)[1];

    private async Task<string> SessionUidAsync(int id)
    {
        await using var db = Factory.NewDb();
        return (await db.CohortSessions.Where(s => s.Id == id).Select(s => s.Uid).SingleAsync()) + "@portfolio";
    }

    [Fact]
    public async Task One_feed_carries_the_cohort_sessions_the_codev_sessions_and_the_exams_and_a_moved_session_raises_its_sequence()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var paul = await Factory.CreatePersonAsync("paul@example.be", "Paul", "Martin", Roles.Participant);
        var ben = await Factory.CreatePersonAsync("ben@example.be", "Ben", "Leroy", Roles.Participant);
        await Factory.EnrolAsync(cohortId, paul);
        await Factory.EnrolAsync(cohortId, ben);
        var module = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 3 : piloter le changement", ModuleDay, pillarCode: "P3");
        var trip = await Factory.AddSessionAsync(cohortId, SessionKind.StudyTrip, "Voyage d'étude à Strasbourg", ModuleDay.AddDays(30));
        var jurors = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            jurors.Add(await Factory.CreatePersonAsync($"j{i}@example.be", "Juré", $"J{i}", Roles.JuryMember));
        }
        var jury = await Factory.CreateJuryAsync(cohortId, "Jury A", [.. jurors], paul);
        await Factory.ScheduleAsync(await Factory.CandidacyAsync(jury, paul), new DateTime(2026, 6, 12, 10, 0, 0));
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe Alpha", [paul, ben]);
        int codevId;
        await using (var db = Factory.NewDb())
        {
            var group = new CodevGroup(groupId, cohortId, "Groupe Alpha", null, [paul, ben]);
            var codev = new CodevSession(group, SessionBuilder.At(ModuleDay.AddDays(7), 14), "Salle 2", null, paul, [ben], paul, DateTimeOffset.UtcNow);
            db.CodevSessions.Add(codev);
            await db.SaveChangesAsync();
            codevId = codev.Id;
        }
        var client = await LoginAsync("paul@example.be");
        var feed = await FeedAsync(client);

        var ics = await NewClient().GetStringAsync(feed);
        var moduleEvent = Event(ics, await SessionUidAsync(module));
        Assert.Contains("Module 3 : piloter le changement", moduleEvent.Replace("\r\n ", ""));
        Assert.Equal("0", Field(moduleEvent, "SEQUENCE"));
        // 9:00 in Brussels on 12 March (winter time) is 8:00 UTC.
        Assert.Equal("20260312T080000Z", Field(moduleEvent, "DTSTART"));
        Assert.Equal("Namur", Field(moduleEvent, "LOCATION"));
        var codevEvent = Event(ics, $"codev-{codevId}@portfolio");
        Assert.Contains("Groupe Alpha", codevEvent.Replace("\r\n ", ""));
        // One case owner: the planned 90 minutes.
        Assert.Equal("20260319T143000Z", Field(codevEvent, "DTEND"));
        Assert.Contains("Mon examen oral (Jury A)", Event(ics, "Mon examen oral").Replace("\r\n ", ""));
        var page = await GetPageAsync(client, "/Calendar");
        var agenda = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Module 3 : piloter le changement", agenda);
        Assert.Contains("Séance de codéveloppement — Groupe Alpha", agenda);
        Assert.Contains("Mon examen oral (Jury A)", agenda);

        // The coordinator moves the module and takes the study trip off the calendar.
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Sessions/Edit/{module}", new() { ["Input.Start"] = "10:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Sessions/Delete/{trip}", [])).StatusCode);

        var after = await NewClient().GetStringAsync(feed);
        var moved = Event(after, await SessionUidAsync(module));
        Assert.Equal("1", Field(moved, "SEQUENCE"));
        Assert.Equal("20260312T090000Z", Field(moved, "DTSTART"));
        var cancelled = Event(after, await SessionUidAsync(trip));
        Assert.Equal("CANCELLED", Field(cancelled, "STATUS"));
        Assert.Equal("1", Field(cancelled, "SEQUENCE"));

        // The signed-in download says the same.
        var download = await client.GetAsync("/Calendar/Download");
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("1", Field(Event(await download.Content.ReadAsStringAsync(), await SessionUidAsync(module)), "SEQUENCE"));
    }

    [Fact]
    public async Task The_agenda_and_the_feed_issue_as_many_commands_for_2_and_for_40_sessions()
    {
        async Task<(HttpClient Client, string Feed)> WithSessionsAsync(string email, int sessions)
        {
            var cohortId = await Factory.CreateCohortAsync("Promotion " + email);
            var person = await Factory.CreatePersonAsync(email, "Anne", "Test", Roles.Participant);
            await Factory.EnrolAsync(cohortId, person);
            for (var i = 0; i < sessions; i++)
            {
                await Factory.AddSessionAsync(cohortId, i % 2 == 0 ? SessionKind.Module : SessionKind.StudyTrip, $"Séance {i}", ModuleDay.AddDays(i));
            }
            var client = await LoginAsync(email);
            return (client, await FeedAsync(client));
        }
        async Task<int> CommandsAsync(HttpClient client, string url)
        {
            await client.GetAsync(url); // warm-up: key ring, caches
            Factory.Commands.Reset();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
            return Factory.Commands.Count;
        }

        var few = await WithSessionsAsync("few@example.be", 2);
        var many = await WithSessionsAsync("many@example.be", 40);

        Assert.Equal(await CommandsAsync(few.Client, "/Calendar"), await CommandsAsync(many.Client, "/Calendar"));
        var anonymous = NewClient();
        var feedCommands = await CommandsAsync(anonymous, few.Feed);
        Assert.Equal(feedCommands, await CommandsAsync(anonymous, many.Feed));
        // The token, the person's cohorts, the cohort's sessions, the co-development sessions, the exams.
        Assert.InRange(feedCommands, 1, 5);
    }

    [Fact]
    public async Task A_reflection_tied_to_a_session_appears_on_its_page_for_its_owner_only()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var module = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 3", ModuleDay);
        var anne = await SignedInClientAsync("anne@example.be", Roles.Participant);
        var ben = await SignedInClientAsync("ben@example.be", Roles.Participant);
        await using (var db = Factory.NewDb())
        {
            foreach (var id in await db.Users.Where(u => u.Email == "anne@example.be" || u.Email == "ben@example.be").Select(u => u.Id).ToListAsync())
            {
                await Factory.EnrolAsync(cohortId, id);
            }
        }

        var form = await GetPageAsync(anne, $"/Participant/Journal/Edit?session={module}");
        Assert.Equal(module.ToString(), form.QuerySelector("select[name='Input.SessionId'] option[selected]")!.GetAttribute("value"));
        var saved = await PostFormAsync(anne, $"/Participant/Journal/Edit?session={module}", new()
        {
            ["Input.Title"] = "Ce que je retiens du module 3", ["Input.Body"] = "Le changement se prépare.", ["Input.Visibility"] = "Group",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await GetPageAsync(anne, $"/Calendar/Session/{module}");
        Assert.Contains("Ce que je retiens du module 3", page.QuerySelector("#reflections")!.TextContent);
        // Ben sees the session, not Anne's reflection: the session page lists one's own items only.
        var bens = await GetPageAsync(ben, $"/Calendar/Session/{module}");
        Assert.Null(bens.QuerySelector("#reflections"));
        Assert.NotNull(bens.QuerySelector("#no-reflections"));
    }

    [Fact]
    public async Task A_session_of_another_cohort_is_refused_with_a_message_and_not_found()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var other = await Factory.CreateCohortAsync("Autre promotion");
        var foreign = await Factory.AddSessionAsync(other, SessionKind.Module, "Module d'ailleurs", ModuleDay);
        var anne = await SignedInClientAsync("anne@example.be", Roles.Participant);
        string anneId;
        await using (var db = Factory.NewDb())
        {
            anneId = await db.Users.Where(u => u.Email == "anne@example.be").Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, anneId);
        var objectives = await Factory.ObjectivesAsync(cohortId);

        var journal = await PostFormAsync(anne, "/Participant/Journal/Edit", new() { ["Input.Title"] = "Forgée", ["Input.SessionId"] = foreign.ToString() });
        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        Assert.Contains("Choisissez une séance du calendrier de votre promotion.", (await ParseAsync(journal)).QuerySelector("main")!.TextContent);
        var evidence = await PostFormAsync(anne, "/Participant/Evidence/Edit", new()
        {
            ["Input.Title"] = "Forgée", ["Input.ObjectiveIds"] = objectives[0].Id.ToString(), ["Input.SessionId"] = foreign.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        Assert.Contains("Choisissez une séance du calendrier de votre promotion.", (await ParseAsync(evidence)).QuerySelector("main")!.TextContent);
        var unreadable = await PostFormAsync(anne, "/Participant/Journal/Edit", new() { ["Input.Title"] = "Illisible", ["Input.SessionId"] = "pas un nombre" });
        Assert.True((int)unreadable.StatusCode < 500);

        Assert.Equal(HttpStatusCode.NotFound, (await anne.GetAsync($"/Calendar/Session/{foreign}")).StatusCode);
        await using var check = Factory.NewDb();
        Assert.False(await check.JournalEntries.AnyAsync(j => j.Title == "Forgée"));
        Assert.False(await check.Evidence.AnyAsync());
    }

    [Fact]
    public async Task Evidence_tied_to_a_session_appears_on_its_page_and_an_item_cannot_be_tied_to_another_cohorts_session()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var module = await Factory.AddSessionAsync(cohortId, SessionKind.Module, "Module 3", ModuleDay);
        var anne = await SignedInClientAsync("anne@example.be", Roles.Participant);
        string anneId;
        await using (var db = Factory.NewDb())
        {
            anneId = await db.Users.Where(u => u.Email == "anne@example.be").Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, anneId);
        var objectives = await Factory.ObjectivesAsync(cohortId);

        var saved = await PostFormAsync(anne, $"/Participant/Evidence/Edit?session={module}", new()
        {
            ["Input.Title"] = "Note de cadrage du module 3", ["Input.ObjectiveIds"] = objectives[0].Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Note de cadrage du module 3", (await GetPageAsync(anne, $"/Calendar/Session/{module}")).QuerySelector("#evidence")!.TextContent);

        // The entity keeps the rule whatever page calls it.
        await using var db2 = Factory.NewDb();
        var item = await db2.Evidence.SingleAsync();
        var elsewhere = new CohortSession(cohortId + 1000, SessionKind.Module, "Ailleurs", SessionBuilder.At(ModuleDay, 9), SessionBuilder.At(ModuleDay, 17), null, null, null, DateTimeOffset.UtcNow);
        Assert.Throws<ArgumentException>(() => item.TieTo(elsewhere, DateTimeOffset.UtcNow));
        Assert.Equal(module, item.SessionId);
    }
}
