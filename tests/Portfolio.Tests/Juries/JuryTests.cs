using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Juries;

/// <summary>Coordinators form juries and assign candidates; jurors declare conflicts before seeing anything; coordinators waive minor ones.</summary>
public class JuryTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Setup(int CohortId, HttpClient Coordinator, string[] Jurors, string[] Participants);

    private async Task<Setup> CohortAsync(int jurors = 5, int participants = 3)
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var j = new List<string>();
        for (var i = 0; i < jurors; i++)
        {
            j.Add(await Factory.CreatePersonAsync($"juror{i}@example.be", "Juré", $"Numéro{i}", Roles.JuryMember));
        }
        var p = new List<string>();
        for (var i = 0; i < participants; i++)
        {
            var id = await Factory.CreatePersonAsync($"p{i}@example.be", "Candidate", $"Numéro{i}", Roles.Participant);
            await Factory.EnrolAsync(cohortId, id);
            p.Add(id);
        }
        return new Setup(cohortId, coordinator, [.. j], [.. p]);
    }

    private static List<KeyValuePair<string, string>> JuryFields(string name, string chair, IEnumerable<string> members, bool confirm = false) =>
        [new("Input.Name", name), new("Input.ChairId", chair), .. members.Select(m => new KeyValuePair<string, string>("Input.MemberIds", m)),
         .. confirm ? [new KeyValuePair<string, string>("Input.ConfirmSize", "true")] : Array.Empty<KeyValuePair<string, string>>()];

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await GetPageAsync(client, url);
        var form = page.QuerySelectorAll("main form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var values = FormValues(form);
        var replaced = fields.Select(f => f.Key).ToHashSet();
        values.RemoveAll(v => replaced.Contains(v.Key));
        values.AddRange(fields);
        return await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } a ? a : url, new FormUrlEncodedContent(values));
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password })).StatusCode);
        return client;
    }

    [Fact]
    public async Task A_coordinator_forms_a_jury_of_four_with_a_chair_and_assigns_candidates()
    {
        var s = await CohortAsync();

        var formed = await PostAsync(s.Coordinator, $"/Coordinator/Juries/Create/{s.CohortId}", JuryFields("Jury 1", s.Jurors[1], s.Jurors.Take(4)));
        Assert.Equal(HttpStatusCode.Redirect, formed.StatusCode);
        int juryId;
        await using (var db = Factory.NewDb())
        {
            var jury = await db.Juries.Include(j => j.Members).SingleAsync();
            Assert.Equal(s.Jurors.Take(4).Order(), jury.Members.Select(m => m.UserId).Order());
            Assert.Equal(s.Jurors[1], jury.ChairId);
            juryId = jury.Id;
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, $"/Coordinator/Juries/Assign/{juryId}", [new("ParticipantIds", s.Participants[0]), new("ParticipantIds", s.Participants[1])])).StatusCode);

        var list = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/{s.CohortId}");
        var section = list.QuerySelector("[data-jury='Jury 1']")!;
        Assert.Contains("Candidate Numéro0", section.TextContent);
        Assert.Contains("Candidate Numéro1", section.TextContent);
        Assert.Contains("préside", section.TextContent);
        Assert.Null(section.QuerySelector(".jury-size-warning"));
        Assert.Contains("1 participant·e sans jury.", list.QuerySelector("#without-jury")!.TextContent);

        // A candidate assigned is no longer offered; unassigning offers her again.
        var assign = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/Assign/{juryId}");
        Assert.Equal([s.Participants[2]], assign.QuerySelectorAll("input[name='ParticipantIds']").Select(i => i.GetAttribute("value")));
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, $"/Coordinator/Juries/Unassign/{candidacy}", [])).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal([s.Participants[1]], await db.JuryCandidates.Select(c => c.ParticipantId).ToListAsync());
        }
    }

    [Fact]
    public async Task Another_size_than_four_needs_a_confirmation_and_shows_a_warning()
    {
        var s = await CohortAsync();
        var url = $"/Coordinator/Juries/Create/{s.CohortId}";

        var asked = await PostAsync(s.Coordinator, url, JuryFields("Jury 3", s.Jurors[0], s.Jurors.Take(3)));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Un jury compte normalement 4 membres ; vous en avez choisi 3.", (await ParseAsync(asked)).QuerySelector("main")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, url, JuryFields("Jury 3", s.Jurors[0], s.Jurors.Take(3), confirm: true))).StatusCode);
        var list = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/{s.CohortId}");
        Assert.Contains("un jury compte normalement 4 membres ; celui-ci en a 3.", list.QuerySelector("[data-jury='Jury 3'] .jury-size-warning")!.TextContent);
    }

    [Fact]
    public async Task Jury_rules_refuse_a_chair_outside_the_jury_and_a_juror_as_candidate()
    {
        var s = await CohortAsync();
        var chairOutside = await PostAsync(s.Coordinator, $"/Coordinator/Juries/Create/{s.CohortId}", JuryFields("Jury X", s.Jurors[4], s.Jurors.Take(4)));
        Assert.Equal(HttpStatusCode.OK, chairOutside.StatusCode);
        Assert.Contains("La présidence revient à l'un des membres du jury.", (await ParseAsync(chairOutside)).QuerySelector("main")!.TextContent);

        var jury = Jury.Form(s.CohortId, "Jury Y", s.Jurors.Take(4).ToList(), s.Jurors[0], DateTimeOffset.UtcNow);
        Assert.Equal(JuryProblem.CandidateIsJuror, Assert.Throws<JuryRuleException>(() => jury.Assign(s.Jurors[2], DateTimeOffset.UtcNow)).Problem);
        Assert.Equal(JuryProblem.ChairNotAMember, Assert.Throws<JuryRuleException>(() => jury.AppointChair(s.Jurors[4])).Problem);
    }

    [Fact]
    public async Task A_stale_rename_is_shown_again_instead_of_applied()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray());
        var version = (await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}")).QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}", [new("Input.Name", "Jury Nord")])).StatusCode);

        var stale = await PostAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}", [new("Input.Name", "Jury Sud"), new("Input.RowVersion", version)]);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Jury Nord", (await ParseAsync(stale)).QuerySelector("#stale-edit")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal("Jury Nord", await db.Juries.Select(j => j.Name).SingleAsync());
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_gets_404_on_the_jury_pages()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        await Factory.DeclareAsync(candidacy, s.Jurors[1], ConflictLevel.Minor, "Ancienne collègue.");
        var exam = await Factory.ScheduleAsync(candidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        int declaration;
        await using (var db = Factory.NewDb())
        {
            declaration = await db.ConflictDeclarations.Select(d => d.Id).SingleAsync();
        }
        await Factory.CreateProgrammeAsync("autre");
        var otherId = await CreateUserAsync("autre-coordination@example.be", Roles.Coordinator);
        await using (var db = Factory.NewDb())
        {
            // Make them coordinate only the other programme.
            db.ProgrammeCoordinators.RemoveRange(db.ProgrammeCoordinators.Where(p => p.UserId == otherId.Id));
            await db.SaveChangesAsync();
        }
        await Factory.AssignCoordinatorAsync(otherId.Id, "autre");
        var other = await SignInAsync("autre-coordination@example.be");

        foreach (var url in new[]
        {
            $"/Coordinator/Juries/{s.CohortId}", $"/Coordinator/Juries/Create/{s.CohortId}", $"/Coordinator/Juries/Edit/{juryId}",
            $"/Coordinator/Juries/AddMember/{juryId}", $"/Coordinator/Juries/RemoveMember/{juryId}/{s.Jurors[0]}", $"/Coordinator/Juries/Assign/{juryId}",
            $"/Coordinator/Juries/Unassign/{candidacy}", $"/Coordinator/Juries/Delete/{juryId}", $"/Coordinator/Juries/Conflicts/{juryId}",
            $"/Coordinator/Juries/Waive/{declaration}", $"/Coordinator/Exams/{s.CohortId}", $"/Coordinator/Exams/Schedule/{candidacy}",
            $"/Coordinator/Exams/Move/{exam}", $"/Coordinator/Exams/Cancel/{exam}",
        })
        {
            Assert.True(HttpStatusCode.NotFound == (await other.GetAsync(url)).StatusCode, url);
            Assert.Equal(HttpStatusCode.OK, (await s.Coordinator.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_juror_sees_no_candidate_before_declaring_and_only_the_name()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        var juror = await SignInAsync("juror1@example.be");

        await using (var db = Factory.NewDb())
        {
            Assert.Empty(await JuryAccess.CandidatesOpenTo(db, s.Jurors[1]).ToListAsync());
        }
        var home = await GetPageAsync(juror, "/Jury");
        Assert.Contains("Déclaration de conflits d'intérêts à faire", home.QuerySelector("[data-candidate='Candidate Numéro0']")!.TextContent);
        var declare = await GetPageAsync(juror, $"/Jury/Declare/{candidacy}");
        var main = declare.QuerySelector("main")!.TextContent;
        Assert.Contains("Candidate Numéro0", main);
        // The name and nothing else: not the organisation, not the e-mail address.
        Assert.DoesNotContain("Organisation test", main);
        Assert.DoesNotContain("p0@example.be", main);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, $"/Jury/Declare/{candidacy}", new() { ["Input.Level"] = "None" })).StatusCode);

        await using (var db = Factory.NewDb())
        {
            Assert.Equal([s.Participants[0]], await JuryAccess.CandidatesOpenTo(db, s.Jurors[1]).Select(c => c.ParticipantId).ToListAsync());
        }
        // Declared once: the page is gone for that candidate.
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Declare/{candidacy}")).StatusCode);
        // A juror of no jury of this candidate: not found.
        var outsider = await SignInAsync("juror4@example.be");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Jury/Declare/{candidacy}")).StatusCode);
    }

    [Fact]
    public async Task A_minor_conflict_needs_an_explanation_and_is_told_to_the_coordinators()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        var juror = await SignInAsync("juror1@example.be");

        var refused = await PostFormAsync(juror, $"/Jury/Declare/{candidacy}", new() { ["Input.Level"] = "Minor", ["Input.Explanation"] = "   " });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Expliquez le conflit mineur", (await ParseAsync(refused)).QuerySelector("main")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(juror, $"/Jury/Declare/{candidacy}", new() { ["Input.Level"] = "Minor", ["Input.Explanation"] = "Nous avons travaillé dans le même service en 2019." })).StatusCode);

        await using var db = Factory.NewDb();
        var coordinatorId = await db.Users.Where(u => u.Email == "coordination@example.be").Select(u => u.Id).SingleAsync();
        var notice = await db.Notifications.SingleAsync(n => n.UserId == coordinatorId);
        Assert.Equal(NotificationKind.ConflictDeclared, notice.Kind);
        Assert.Equal($"/Coordinator/Juries/Conflicts/{juryId}", notice.Link);
        Assert.Contains("Candidate Numéro0", notice.Subject);
        // Still closed until a coordinator decides.
        Assert.Empty(await JuryAccess.CandidatesOpenTo(db, s.Jurors[1]).ToListAsync());
    }

    [Fact]
    public async Task A_second_declaration_is_refused()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        var juror = await SignInAsync("juror1@example.be");
        var form = await GetPageAsync(juror, $"/Jury/Declare/{candidacy}");
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        // Two tabs open on the form: the first declaration stands, the second changes nothing.
        var first = await juror.PostAsync($"/Jury/Declare/{candidacy}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Level", "Major")]));
        var second = await juror.PostAsync($"/Jury/Declare/{candidacy}", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Level", "None")]));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(ConflictLevel.Major, await db.ConflictDeclarations.Select(d => d.Level).SingleAsync());
        // The database refuses a second row too.
        var candidate = await db.JuryCandidates.Include(c => c.Jury).ThenInclude(j => j.Members).SingleAsync(c => c.Id == candidacy);
        db.ConflictDeclarations.Add(new ConflictDeclaration(candidate, s.Jurors[1], ConflictLevel.None, null, DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_major_conflict_cannot_be_waived_and_a_minor_waiver_is_recorded()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        await Factory.DeclareAsync(candidacy, s.Jurors[1], ConflictLevel.Minor, "Ancienne collègue.");
        await Factory.DeclareAsync(candidacy, s.Jurors[2], ConflictLevel.Major, "Ma sœur.");
        int minor, major;
        await using (var db = Factory.NewDb())
        {
            minor = await db.ConflictDeclarations.Where(d => d.JurorId == s.Jurors[1]).Select(d => d.Id).SingleAsync();
            major = await db.ConflictDeclarations.Where(d => d.JurorId == s.Jurors[2]).Select(d => d.Id).SingleAsync();
        }

        var conflicts = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/Conflicts/{juryId}");
        Assert.NotNull(conflicts.QuerySelector($"a[href='/Coordinator/Juries/Waive/{minor}']"));
        Assert.Null(conflicts.QuerySelector($"a[href='/Coordinator/Juries/Waive/{major}']"));
        var list = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/{s.CohortId}");
        Assert.Contains("1 conflit mineur attend votre décision.", list.QuerySelector(".conflicts-to-review")!.TextContent);

        var majorPost = await PostAsync(s.Coordinator, $"/Coordinator/Juries/Waive/{major}", [new("Reason", "Pas grave")]);
        Assert.Equal(HttpStatusCode.OK, majorPost.StatusCode);
        Assert.Contains("Seul un conflit mineur peut être levé", (await ParseAsync(majorPost)).QuerySelector("main")!.TextContent);
        var empty = await PostAsync(s.Coordinator, $"/Coordinator/Juries/Waive/{minor}", [new("Reason", "  ")]);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, $"/Coordinator/Juries/Waive/{minor}", [new("Reason", "Collègue il y a dix ans, sans lien depuis.")])).StatusCode);

        await using (var db = Factory.NewDb())
        {
            var waived = await db.ConflictDeclarations.SingleAsync(d => d.Id == minor);
            var coordinatorId = await db.Users.Where(u => u.Email == "coordination@example.be").Select(u => u.Id).SingleAsync();
            Assert.Equal(coordinatorId, waived.WaivedById);
            Assert.NotNull(waived.WaivedAt);
            Assert.Equal("Collègue il y a dix ans, sans lien depuis.", waived.WaiverReason);
            Assert.Null((await db.ConflictDeclarations.SingleAsync(d => d.Id == major)).WaivedAt);
            Assert.Equal([s.Participants[0]], await JuryAccess.CandidatesOpenTo(db, s.Jurors[1]).Select(c => c.ParticipantId).ToListAsync());
            Assert.Empty(await JuryAccess.CandidatesOpenTo(db, s.Jurors[2]).ToListAsync());
            // The juror who stepped aside is not expected to score.
            Assert.DoesNotContain(s.Jurors[2], await JuryAccess.ScorersOf(db, candidacy).Select(m => m.UserId).ToListAsync());
        }
        var after = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/Conflicts/{juryId}");
        Assert.Contains("Collègue il y a dix ans, sans lien depuis.", after.QuerySelector("#declarations")!.TextContent);
    }

    [Fact]
    public async Task Strange_jury_inputs_are_refused_with_a_message_never_a_server_error()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors.Take(4).ToArray(), s.Participants[0]);
        var candidacy = await Factory.CandidacyAsync(juryId, s.Participants[0]);
        var create = $"/Coordinator/Juries/Create/{s.CohortId}";

        var responses = new List<(string, HttpResponseMessage)>
        {
            ("unknown member", await PostAsync(s.Coordinator, create, JuryFields("Jury 2", "nobody", ["nobody", s.Participants[1]], true))),
            ("no member", await PostAsync(s.Coordinator, create, JuryFields("Jury 2", "", []))),
            ("NUL in name", await PostAsync(s.Coordinator, create, JuryFields("Jury\0 2", s.Jurors[4], [s.Jurors[4]], true))),
            ("huge name", await PostAsync(s.Coordinator, create, JuryFields(new string('J', 100_000), s.Jurors[4], [s.Jurors[4]], true))),
            ("same name", await PostAsync(s.Coordinator, create, JuryFields("Jury 1", s.Jurors[4], [s.Jurors[4]], true))),
            ("participant as member", await PostAsync(s.Coordinator, $"/Coordinator/Juries/AddMember/{juryId}", [new("UserId", s.Participants[0])])),
            ("other cohort participant", await PostAsync(s.Coordinator, $"/Coordinator/Juries/Assign/{juryId}", [new("ParticipantIds", s.Jurors[4])])),
            ("empty chair", await PostAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}", [new("Input.Name", "Jury 1"), new("Input.ChairId", s.Jurors[4])])),
            ("negative version", await PostAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}", [new("Input.Name", "Jury 1"), new("Input.RowVersion", "-1")])),
            ("huge waiver", await PostAsync(s.Coordinator, $"/Coordinator/Juries/AddMember/{juryId}", [new("UserId", new string('x', 100_000))])),
        };
        var juror = await SignInAsync("juror1@example.be");
        foreach (var (name, fields) in new (string, Dictionary<string, string>)[]
        {
            ("unknown level", new() { ["Input.Level"] = "Catastrophic" }),
            ("numeric level", new() { ["Input.Level"] = "99" }),
            ("missing level", new() { ["Input.Level"] = "" }),
            ("NUL explanation", new() { ["Input.Level"] = "Minor", ["Input.Explanation"] = "a\0b" }),
            ("huge explanation", new() { ["Input.Level"] = "Minor", ["Input.Explanation"] = new string('x', 100_000) }),
        })
        {
            responses.Add((name, await PostFormAsync(juror, $"/Jury/Declare/{candidacy}", fields)));
        }
        foreach (var (name, response) in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
        }
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Juries.CountAsync());
        Assert.Equal(0, await db.ConflictDeclarations.CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Coordinator.GetAsync("/Coordinator/Juries/Edit/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync("/Jury/Declare/-4")).StatusCode);
    }

    [Fact]
    public async Task A_chair_who_steps_aside_is_pointed_out_until_another_member_chairs()
    {
        var s = await CohortAsync();
        var juryId = await Factory.CreateJuryAsync(s.CohortId, "Jury 1", s.Jurors[..4], s.Participants[0]);
        var candidacy = (await Factory.CandidaciesAsync(juryId))[s.Participants[0]];
        // CreateJuryAsync makes the first member the chair.
        await Factory.DeclareAsync(candidacy, s.Jurors[0], ConflictLevel.Major);

        var list = await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/{s.CohortId}");
        Assert.Contains("la présidence s'est retirée pour 1 candidat", list.QuerySelector(".chair-stepped-aside")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(s.Coordinator, $"/Coordinator/Juries/Edit/{juryId}", [new("Input.Name", "Jury 1"), new("Input.ChairId", s.Jurors[1])])).StatusCode);
        Assert.Null((await GetPageAsync(s.Coordinator, $"/Coordinator/Juries/{s.CohortId}")).QuerySelector(".chair-stepped-aside"));
    }

    [Fact]
    public async Task Demo_data_forms_one_jury_of_the_four_demo_jurors_with_three_candidates()
    {
        await Portfolio.Web.Hosting.DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        await Portfolio.Web.Hosting.DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        await using var db = Factory.NewDb();
        var jury = await db.Juries.Where(j => db.Cohorts.Any(c => c.Id == j.CohortId && c.Programme.Code == "cium")).Select(j => new
        {
            j.Name,
            Chair = db.Users.Where(u => u.Id == j.ChairId).Select(u => u.Email).Single(),
            Members = j.Members.Select(m => db.Users.Where(u => u.Id == m.UserId).Select(u => u.Email).Single()).OrderBy(e => e).ToList(),
            Candidates = j.Candidates.Select(c => db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.Email).Single()).OrderBy(e => e).ToList(),
        }).SingleAsync();
        Assert.Equal("Jury 1", jury.Name);
        Assert.Equal("jury1@portfolio.test", jury.Chair);
        Assert.Equal(["jury1@portfolio.test", "jury2@portfolio.test", "jury3@portfolio.test", "jury4@portfolio.test"], jury.Members);
        Assert.Equal(["participant01@portfolio.test", "participant02@portfolio.test", "participant03@portfolio.test"], jury.Candidates);
    }
}
