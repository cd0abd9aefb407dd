using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Intervision;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>Coordinators form intervision groups and see who is where; participants see their group, facilitators theirs.</summary>
public class GroupTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private async Task<(int CohortId, HttpClient Coordinator, List<string> People)> CohortWithParticipantsAsync(int count, string cohortName = "Promotion 2025-2026")
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync(cohortName);
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var people = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = await CreateUserAsync($"p{i:00}@example.be", Roles.Participant);
            await Factory.EnrolAsync(cohortId, user.Id);
            people.Add(user.Id);
        }
        return (cohortId, coordinator, people);
    }

    private async Task<Dictionary<string, string[]>> GroupsAsync(int cohortId)
    {
        await using var db = Factory.NewDb();
        var rows = await db.IntervisionGroups.Where(g => g.CohortId == cohortId)
            .Select(g => new { g.Name, Members = g.Members.Select(m => m.UserId).ToList() }).ToListAsync();
        return rows.ToDictionary(r => r.Name, r => r.Members.Order().ToArray());
    }

    private static Dictionary<string, string> Members(params string[] ids) =>
        ids.Select((id, i) => (id, i)).ToDictionary(x => $"Input.MemberIds[{x.i}]", x => x.id);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await GetPageAsync(client, url);
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var values = FormValues(form);
        var replaced = fields.Select(f => f.Key).ToHashSet();
        values.RemoveAll(v => replaced.Contains(v.Key));
        values.AddRange(fields);
        return await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } a ? a : url, new FormUrlEncodedContent(values));
    }

    private static List<KeyValuePair<string, string>> CreateFields(string name, params string[] members) =>
        [new("Input.Name", name), .. members.Select(m => new KeyValuePair<string, string>("Input.MemberIds", m))];

    [Fact]
    public async Task A_coordinator_forms_two_groups_adds_moves_and_removes_members()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(5);

        var formed = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Groupe A", p[0], p[1]));
        Assert.Equal(HttpStatusCode.Redirect, formed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Groupe B", p[2], p[3]))).StatusCode);
        var groups = await GroupsAsync(cohortId);
        Assert.Equal(new[] { p[0], p[1] }.Order(), groups["Groupe A"]);

        int a, b;
        await using (var db = Factory.NewDb())
        {
            a = await db.IntervisionGroups.Where(g => g.Name == "Groupe A").Select(g => g.Id).SingleAsync();
            b = await db.IntervisionGroups.Where(g => g.Name == "Groupe B").Select(g => g.Id).SingleAsync();
        }
        // Only people without a group are offered to a group.
        var addPage = await GetPageAsync(coordinator, $"/Coordinator/Groups/Add/{a}");
        Assert.Equal([p[4]], addPage.QuerySelectorAll("main select option[value]").Select(o => o.GetAttribute("value")).Where(v => v != ""));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/Groups/Add/{a}", [new("UserId", p[4])])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/Groups/Move/{a}/{p[0]}", [new("TargetGroupId", b.ToString())])).StatusCode);
        groups = await GroupsAsync(cohortId);
        Assert.Equal(new[] { p[1], p[4] }.Order(), groups["Groupe A"]);
        Assert.Equal(new[] { p[0], p[2], p[3] }.Order(), groups["Groupe B"]);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/Groups/Remove/{a}/{p[4]}", [])).StatusCode);
        var page = await GetPageAsync(coordinator, $"/Coordinator/Groups/{cohortId}");
        var where = page.QuerySelectorAll("#who-is-where tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal("Groupe B", where["Prénom p00"]);
        Assert.Equal("Groupe A", where["Prénom p01"]);
        Assert.Equal("sans groupe", where["Prénom p04"]);
        Assert.Contains("1 participant·e sans groupe.", page.QuerySelector("main")!.TextContent);
        // Groupe A is left with one member: flagged, not refused.
        Assert.Equal(["Groupe A"], page.QuerySelectorAll("#groups [data-group]").Where(g => g.QuerySelector(".group-size-warning") is not null).Select(g => g.GetAttribute("data-group")));
    }

    [Fact]
    public async Task Forming_a_group_of_one_is_refused_with_a_message_and_nothing_stored()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(2);

        var response = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Solo", p[0]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Un groupe d'intervision se forme avec au moins 2 membres", page.QuerySelector("main")!.TextContent);
        Assert.Empty(await GroupsAsync(cohortId));
    }

    [Fact]
    public async Task An_eleventh_member_is_refused_with_a_message_when_forming_adding_or_moving()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(13);
        var eleven = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Trop grand", [.. p.Take(11)]));
        Assert.Equal(HttpStatusCode.OK, eleven.StatusCode);
        Assert.Contains("compte au plus 10 membres", (await ParseAsync(eleven)).QuerySelector("main")!.TextContent);
        Assert.Empty(await GroupsAsync(cohortId));

        var full = await Factory.CreateGroupAsync(cohortId, "Complet", [.. p.Take(10)]);
        var pair = await Factory.CreateGroupAsync(cohortId, "Paire", [p[10], p[11]]);
        var added = await PostAsync(coordinator, $"/Coordinator/Groups/Add/{full}", [new("UserId", p[12])]);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("celui-ci est complet", (await ParseAsync(added)).QuerySelector("main")!.TextContent);
        var moved = await PostAsync(coordinator, $"/Coordinator/Groups/Move/{pair}/{p[10]}", [new("TargetGroupId", full.ToString())]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("celui-ci est complet", (await ParseAsync(moved)).QuerySelector("main")!.TextContent);

        var groups = await GroupsAsync(cohortId);
        Assert.Equal(10, groups["Complet"].Length);
        Assert.Equal(2, groups["Paire"].Length);
    }

    [Fact]
    public void The_group_refuses_what_its_rules_forbid()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(GroupProblem.TooFewMembers, Assert.Throws<GroupRuleException>(() => IntervisionGroup.Form(1, "G", ["a"], null, now)).Problem);
        Assert.Equal(GroupProblem.TooFewMembers, Assert.Throws<GroupRuleException>(() => IntervisionGroup.Form(1, "G", ["a", "a"], null, now)).Problem);
        Assert.Equal(GroupProblem.Full, Assert.Throws<GroupRuleException>(() => IntervisionGroup.Form(1, "G", [.. Enumerable.Range(0, 11).Select(i => $"u{i}")], null, now)).Problem);
        var group = IntervisionGroup.Form(1, "G", ["a", "b"], null, now);
        var other = IntervisionGroup.Form(2, "H", ["c", "d"], null, now);
        Assert.Equal(GroupProblem.OtherCohort, Assert.Throws<GroupRuleException>(() => group.MoveTo("a", other, now)).Problem);
        var sameCohort = IntervisionGroup.Form(1, "H", ["c", "d"], null, now);
        Assert.Equal(GroupProblem.NotAMember, Assert.Throws<GroupRuleException>(() => group.MoveTo("c", sameCohort, now)).Problem);
        group.MoveTo("a", sameCohort, now);
        Assert.Equal(["b"], group.Members.Select(m => m.UserId));
        Assert.Equal(["c", "d", "a"], sameCohort.Members.Select(m => m.UserId));
        Assert.False(group.HasUsualSize);
    }

    [Fact]
    public async Task Two_coordinators_filling_the_same_group_at_once_cannot_pass_ten_members()
    {
        var (cohortId, _, p) = await CohortWithParticipantsAsync(11);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Presque complet", [.. p.Take(9)]);
        await using var first = Factory.NewDb();
        await using var second = Factory.NewDb();
        var seenByFirst = await first.IntervisionGroups.Include(g => g.Members).SingleAsync(g => g.Id == groupId);
        var seenBySecond = await second.IntervisionGroups.Include(g => g.Members).SingleAsync(g => g.Id == groupId);

        seenByFirst.Add(p[9], DateTimeOffset.UtcNow);
        Portfolio.Web.Pages.Coordinator.Groups.CoordinatedGroup.GuardMembers(first, seenByFirst);
        await first.SaveChangesAsync();
        seenBySecond.Add(p[10], DateTimeOffset.UtcNow);
        Portfolio.Web.Pages.Coordinator.Groups.CoordinatedGroup.GuardMembers(second, seenBySecond);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(10, (await GroupsAsync(cohortId))["Presque complet"].Length);
    }

    [Fact]
    public async Task A_stale_group_edit_is_detected_and_the_stored_version_shown()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(2);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe initial", [p[0], p[1]]);
        var url = $"/Coordinator/Groups/Edit/{groupId}";
        var form = (await GetPageAsync(coordinator, url)).QuerySelector("main form") as IHtmlFormElement;
        var values = FormValues(form!);

        // Someone else renames the group meanwhile.
        await using (var db = Factory.NewDb())
        {
            (await db.IntervisionGroups.SingleAsync(g => g.Id == groupId)).Rename("Renommé par l'autre");
            await db.SaveChangesAsync();
        }
        values.RemoveAll(v => v.Key == "Input.Name");
        values.Add(new("Input.Name", "Mon nouveau nom"));
        var stale = await coordinator.PostAsync(url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Renommé par l'autre", page.QuerySelector("#stale-edit")!.TextContent);
        Assert.Equal("Mon nouveau nom", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal(["Renommé par l'autre"], (await GroupsAsync(cohortId)).Keys);

        // Saving again is deliberate and goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostAsync(url, new FormUrlEncodedContent(FormValues((IHtmlFormElement)page.QuerySelector("main form")!)))).StatusCode);
        Assert.Equal(["Mon nouveau nom"], (await GroupsAsync(cohortId)).Keys);
    }

    [Fact]
    public async Task Editing_sets_a_facilitator_chosen_among_facilitators_only()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(2);
        var facilitator = await CreateUserAsync("facilitatrice@example.be", Roles.Facilitator);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe", [p[0], p[1]]);
        var url = $"/Coordinator/Groups/Edit/{groupId}";
        Assert.Equal(["", facilitator.Id], (await GetPageAsync(coordinator, url)).QuerySelectorAll("#Input_FacilitatorId option").Select(o => o.GetAttribute("value")));

        var refused = await PostAsync(coordinator, url, [new("Input.FacilitatorId", p[0])]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("rôle de facilitateur·rice", (await ParseAsync(refused)).QuerySelector("main")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, url, [new("Input.FacilitatorId", facilitator.Id)])).StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(facilitator.Id, await db.IntervisionGroups.Where(g => g.Id == groupId).Select(g => g.FacilitatorId).SingleAsync());
    }

    [Fact]
    public async Task Deleting_a_group_with_members_asks_first_then_leaves_them_without_group()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(3);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Éphémère", [p[0], p[1], p[2]]);

        var confirm = await GetPageAsync(coordinator, $"/Coordinator/Groups/Delete/{groupId}");
        Assert.Contains("Ses 3 membres deviendront « sans groupe ».", confirm.QuerySelector("#members-warning")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/Coordinator/Groups/Delete/{groupId}", [])).StatusCode);

        Assert.Empty(await GroupsAsync(cohortId));
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(0, await db.GroupMembers.CountAsync());
            Assert.Equal(3, await db.Enrolments.CountAsync(e => e.CohortId == cohortId && e.WithdrawnAt == null));
        }
        var page = await GetPageAsync(coordinator, $"/Coordinator/Groups/{cohortId}");
        Assert.All(page.QuerySelectorAll("#who-is-where tbody td:last-child"), td => Assert.Equal("sans groupe", td.TextContent.Trim()));
    }

    [Fact]
    public async Task A_group_outside_two_to_ten_members_is_flagged()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(3);
        await Factory.CreateGroupAsync(cohortId, "Paire", [p[0], p[1]]);
        await Factory.CreateGroupAsync(cohortId, "Seul", [p[2]]);

        var page = await GetPageAsync(coordinator, $"/Coordinator/Groups/{cohortId}");

        var flagged = page.QuerySelectorAll("#groups [data-group]").Where(g => g.QuerySelector(".group-size-warning") is not null).Select(g => g.GetAttribute("data-group"));
        Assert.Equal(["Seul"], flagged);
        Assert.Contains("Attention :", page.QuerySelector(".group-size-warning")!.TextContent);
    }

    [Theory]
    [InlineData("GET", "/Coordinator/Groups/{cohort}")]
    [InlineData("GET", "/Coordinator/Groups/{cohort}/Activity")]
    [InlineData("GET", "/Coordinator/Groups/Create/{cohort}")]
    [InlineData("GET", "/Coordinator/Groups/Edit/{group}")]
    [InlineData("GET", "/Coordinator/Groups/Add/{group}")]
    [InlineData("GET", "/Coordinator/Groups/Move/{group}/{member}")]
    [InlineData("GET", "/Coordinator/Groups/Remove/{group}/{member}")]
    [InlineData("GET", "/Coordinator/Groups/Delete/{group}")]
    [InlineData("POST", "/Coordinator/Groups/Create/{cohort}")]
    [InlineData("POST", "/Coordinator/Groups/Edit/{group}")]
    [InlineData("POST", "/Coordinator/Groups/Add/{group}")]
    [InlineData("POST", "/Coordinator/Groups/Move/{group}/{member}")]
    [InlineData("POST", "/Coordinator/Groups/Remove/{group}/{member}")]
    [InlineData("POST", "/Coordinator/Groups/Delete/{group}")]
    public async Task A_coordinator_of_another_programme_gets_404_on_its_groups(string method, string template)
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion d'un autre programme", programmeCode: "autre");
        var member = await CreateUserAsync("membre@example.be", Roles.Participant);
        var other = await CreateUserAsync("autre@example.be", Roles.Participant);
        await Factory.EnrolAsync(cohortId, member.Id);
        await Factory.EnrolAsync(cohortId, other.Id);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe secret", [member.Id, other.Id]);
        var stranger = await SignedInClientAsync("stranger@example.be", Roles.Coordinator);
        var url = template.Replace("{cohort}", cohortId.ToString()).Replace("{group}", groupId.ToString()).Replace("{member}", member.Id);

        HttpResponseMessage response;
        if (method == "GET")
        {
            response = await stranger.GetAsync(url);
        }
        else
        {
            var token = (await GetPageAsync(stranger, "/Coordinator/Programmes/Create")).QuerySelector("main form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            response = await stranger.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Name", "Pris"), new("TargetGroupId", groupId.ToString()), new("UserId", member.Id)]));
        }

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Groupe secret", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Groupe secret"], (await GroupsAsync(cohortId)).Keys);
    }

    [Fact]
    public async Task Unknown_ids_and_ids_of_another_cohort_are_refused_with_a_message_or_404()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(6);
        await Factory.CreateGroupAsync(cohortId, "Deuxième", [p[4], p[5]]);
        var otherCohort = await Factory.CreateCohortAsync("Promotion 2026-2027");
        var elsewhere = await CreateUserAsync("ailleurs@example.be", Roles.Participant);
        await Factory.EnrolAsync(otherCohort, elsewhere.Id);
        var elsewhere2 = await CreateUserAsync("ailleurs2@example.be", Roles.Participant);
        await Factory.EnrolAsync(otherCohort, elsewhere2.Id);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Ici", [p[0], p[1]]);
        var otherGroup = await Factory.CreateGroupAsync(otherCohort, "Là-bas", [elsewhere.Id, elsewhere2.Id]);

        // Someone of another cohort, or nobody, cannot be put in a group.
        var created = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Mélange", p[2], elsewhere2.Id));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("qui n'ont pas encore de groupe", (await ParseAsync(created)).QuerySelector("main")!.TextContent);
        foreach (var id in new[] { elsewhere.Id, "inconnu", p[0] })
        {
            var added = await PostAsync(coordinator, $"/Coordinator/Groups/Add/{groupId}", [new("UserId", id)]);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            Assert.Contains("Choisissez un participant de la promotion qui n'a pas encore de groupe.", (await ParseAsync(added)).QuerySelector("main")!.TextContent);
        }
        // A group of another cohort is not a destination; unknown groups and non-members are not found.
        var moved = await PostAsync(coordinator, $"/Coordinator/Groups/Move/{groupId}/{p[0]}", [new("TargetGroupId", otherGroup.ToString())]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("Choisissez un autre groupe de la même promotion.", (await ParseAsync(moved)).QuerySelector("main")!.TextContent);
        foreach (var url in new[]
        {
            "/Coordinator/Groups/Edit/999999", "/Coordinator/Groups/Add/999999", "/Coordinator/Groups/Delete/999999", "/Coordinator/Groups/999999",
            $"/Coordinator/Groups/Move/{groupId}/{p[3]}", $"/Coordinator/Groups/Remove/{groupId}/inconnu", $"/Coordinator/Groups/Remove/{groupId}/{elsewhere.Id}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(url)).StatusCode);
        }
        var overlong = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields(new string('x', 500), p[2], p[3]));
        Assert.Equal(HttpStatusCode.OK, overlong.StatusCode);
        Assert.Contains("compte au plus 120 caractères", (await ParseAsync(overlong)).QuerySelector("main")!.TextContent);
        var duplicate = await PostAsync(coordinator, $"/Coordinator/Groups/Create/{cohortId}", CreateFields("Ici", p[2], p[3]));
        Assert.Contains("Cette promotion a déjà un groupe « Ici ».", (await ParseAsync(duplicate)).QuerySelector("main")!.TextContent);

        var groups = await GroupsAsync(cohortId);
        Assert.Equal(["Deuxième", "Ici"], groups.Keys.Order());
        Assert.Equal(new[] { p[0], p[1] }.Order(), groups["Ici"]);
    }

    [Fact]
    public async Task A_participant_sees_their_own_group_only_or_a_clear_message()
    {
        var (cohortId, _, p) = await CohortWithParticipantsAsync(5);
        var facilitator = await CreateUserAsync("facilitatrice@example.be", Roles.Facilitator);
        await Factory.CreateGroupAsync(cohortId, "Groupe Meuse", [p[0], p[1]], facilitator.Id);
        await Factory.CreateGroupAsync(cohortId, "Groupe Sambre", [p[2], p[3]]);

        var mine = await GetPageAsync(await SignInAsync("p00@example.be"), "/Participant/Group");
        Assert.Equal("Groupe Meuse", mine.QuerySelector("#group-title")!.TextContent.Trim());
        Assert.Equal(["Prénom p00 (vous)", "Prénom p01"], mine.QuerySelectorAll("#group-members tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal("Organisation test", mine.QuerySelector("#group-members tbody td")!.TextContent.Trim());
        Assert.Contains("Facilitateur·rice : Prénom facilitatrice", mine.QuerySelector("#group-facilitator")!.TextContent);
        Assert.DoesNotContain("Sambre", mine.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("p02", mine.QuerySelector("main")!.TextContent);

        var alone = await GetPageAsync(await SignInAsync("p04@example.be"), "/Participant/Group");
        Assert.Contains("Vous n'êtes dans aucun groupe d'intervision", alone.QuerySelector("#no-group")!.TextContent);
        Assert.Null(alone.QuerySelector("#group-members"));
    }

    [Fact]
    public async Task A_facilitator_sees_the_groups_they_run_and_nobody_else_s()
    {
        var (cohortId, _, p) = await CohortWithParticipantsAsync(4);
        var sophie = await SignedInClientAsync("sophie@example.be", Roles.Facilitator);
        var marc = await SignedInClientAsync("marc@example.be", Roles.Facilitator);
        string sophieId, marcId;
        await using (var db = Factory.NewDb())
        {
            sophieId = await db.Users.Where(u => u.Email == "sophie@example.be").Select(u => u.Id).SingleAsync();
            marcId = await db.Users.Where(u => u.Email == "marc@example.be").Select(u => u.Id).SingleAsync();
        }
        var meuse = await Factory.CreateGroupAsync(cohortId, "Groupe Meuse", [p[0], p[1]], sophieId);
        var sambre = await Factory.CreateGroupAsync(cohortId, "Groupe Sambre", [p[2], p[3]], marcId);

        var page = await GetPageAsync(sophie, "/Facilitator");
        Assert.Equal(["Groupe Meuse"], page.QuerySelectorAll("#facilitated-groups [data-group]").Select(g => g.GetAttribute("data-group")));
        Assert.Contains("Prénom p00", page.QuerySelector("#facilitated-groups")!.TextContent);
        Assert.Contains("Promotion 2025-2026", page.QuerySelector("#facilitated-groups")!.TextContent);
        Assert.DoesNotContain("p02", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await sophie.GetAsync($"/Facilitator/Activity/{meuse}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sophie.GetAsync($"/Facilitator/Activity/{sambre}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sophie.GetAsync("/Facilitator/Activity/999999")).StatusCode);
        var participantTries = await (await SignInAsync("p00@example.be")).GetAsync("/Facilitator");
        Assert.Contains("/Account/AccessDenied", participantTries.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Activity_shows_counts_and_dates_never_texts()
    {
        var (cohortId, coordinator, p) = await CohortWithParticipantsAsync(3);
        var sophie = await SignedInClientAsync("sophie@example.be", Roles.Facilitator);
        string sophieId;
        await using (var db = Factory.NewDb())
        {
            sophieId = await db.Users.Where(u => u.Email == "sophie@example.be").Select(u => u.Id).SingleAsync();
        }
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe Meuse", [p[0], p[1], p[2]], sophieId);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        var evidence = await Factory.AddEvidenceAsync(p[0], cohortId, "Réunion budgétaire confidentielle", [objective]);
        // p00 asks p01 and p02: p01 answers, p02 is late. p01 asks p00, not yet due. A withdrawn request counts nothing.
        var overdue = await Factory.AskFeedbackAsync(cohortId, p[0], [evidence], [p[1], p[2]], "Question très secrète sur mon budget ?", dueOn: PortfolioBuilder.Today.AddDays(-2));
        await Factory.AskFeedbackAsync(cohortId, p[1], [], [p[0]], "Autre question secrète ?", objectiveIds: [objective], dueOn: PortfolioBuilder.Today.AddDays(5));
        var withdrawn = await Factory.AskFeedbackAsync(cohortId, p[2], [], [p[0]], "Retirée", objectiveIds: [objective]);
        await using (var db = Factory.NewDb())
        {
            var request = await db.FeedbackRequests.Include(r => r.Recipients).SingleAsync(r => r.Id == overdue);
            request.Recipients.Single(r => r.PeerId == p[1]).MarkAnswered(DateTimeOffset.UtcNow);
            (await db.FeedbackRequests.SingleAsync(r => r.Id == withdrawn)).Withdraw(DateTimeOffset.UtcNow);
            // One co-development session held, p00 bringing the case, p02 absent; the next one planned.
            var group = new CodevGroup(groupId, cohortId, "Groupe Meuse", sophieId, [p[0], p[1], p[2]]);
            var held = new CodevSession(group, DateTimeOffset.UtcNow.AddDays(-7), "Salle 1", null, sophieId, [p[0]], sophieId, DateTimeOffset.UtcNow);
            held.RecordAttendance(sophieId, group, new Dictionary<string, bool> { [p[0]] = true, [p[1]] = true, [p[2]] = false });
            held.Advance(sophieId, group, DateTimeOffset.UtcNow);
            held.WriteStep(CodevStep.Presentation, "Un problème très secret de mon service", sophieId, group);
            db.CodevSessions.Add(held);
            db.CodevSessions.Add(new CodevSession(group, DateTimeOffset.UtcNow.AddDays(7), "Salle 1", null, sophieId, [p[1]], sophieId, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        foreach (var (client, url) in new[] { (coordinator, $"/Coordinator/Groups/{cohortId}/Activity"), (sophie, $"/Facilitator/Activity/{groupId}") })
        {
            var page = await GetPageAsync(client, url);
            var rows = page.QuerySelectorAll(".group-activity tr[data-person]")
                .ToDictionary(r => r.GetAttribute("data-person")!, r => r.QuerySelectorAll("td").Take(6).Select(td => int.Parse(td.TextContent.Trim())).ToArray());
            // Sent, answered, overdue, given, received, late to give.
            Assert.Equal([1, 1, 1, 0, 1, 0], rows["Prénom p00"]);
            Assert.Equal([1, 0, 0, 1, 0, 0], rows["Prénom p01"]);
            Assert.Equal([0, 0, 0, 0, 0, 1], rows["Prénom p02"]);
            Assert.Equal([2, 1, 1, 1, 1, 1], rows["total"]);
            // Sessions attended (of those held) and times a case owner.
            string[] Sessions(string person) => [.. page.QuerySelector($".group-activity tr[data-person='{person}']")!.QuerySelectorAll("td").Skip(7).Select(td => td.TextContent.Trim())];
            Assert.Equal(["1 sur 1", "1"], Sessions("Prénom p00"));
            Assert.Equal(["1 sur 1", "0"], Sessions("Prénom p01"));
            Assert.Equal(["0 sur 1", "0"], Sessions("Prénom p02"));
            var figures = page.QuerySelector(".codev-figures")!.TextContent;
            Assert.Contains("1 séance de codéveloppement tenue", figures);
            Assert.Contains("porteurs de cas jusqu'ici : 1 sur 3", figures);
            Assert.Contains("prochaine séance :", figures);
            var text = page.DocumentElement.OuterHtml;
            Assert.DoesNotContain("secrète", text);
            Assert.DoesNotContain("confidentielle", text);
            Assert.DoesNotContain("Retirée", text);
            Assert.DoesNotContain("problème", text);
        }
    }

    [Fact]
    public async Task Demo_data_forms_two_groups_one_run_by_the_demo_facilitator()
    {
        await Portfolio.Web.Hosting.DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        await Portfolio.Web.Hosting.DatabaseSetup.LoadAsync(Factory.Services, withDemoData: true);
        await using var db = Factory.NewDb();
        var groups = await db.IntervisionGroups.Where(g => db.Cohorts.Any(c => c.Id == g.CohortId && c.Programme.Code == "cium")).OrderBy(g => g.Name)
            .Select(g => new { g.Name, Members = g.Members.Count, Facilitator = db.Users.Where(u => u.Id == g.FacilitatorId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync();
        Assert.Equal(2, groups.Count);
        Assert.Equal([6, 6], groups.Select(g => g.Members));
        Assert.Equal("facilitation@portfolio.test", groups[0].Facilitator);
    }

    [Fact]
    public async Task Group_pages_issue_as_many_commands_for_a_few_and_for_many_people()
    {
        // Two cohorts of the same programme: a small one (2 groups of 2, 1 request) and a large one (4 groups of 8, many requests).
        var small = await Factory.CreateCohortWithCampaignsAsync("Petite promotion");
        var large = await Factory.CreateCohortWithCampaignsAsync("Grande promotion");
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var facilitatorFew = await SignedInClientAsync("peu@example.be", Roles.Facilitator);
        var facilitatorMany = await SignedInClientAsync("beaucoup@example.be", Roles.Facilitator);
        string fewId, manyId;
        await using (var db = Factory.NewDb())
        {
            fewId = await db.Users.Where(u => u.Email == "peu@example.be").Select(u => u.Id).SingleAsync();
            manyId = await db.Users.Where(u => u.Email == "beaucoup@example.be").Select(u => u.Id).SingleAsync();
        }
        async Task<List<string>> PeopleAsync(int cohortId, string prefix, int count)
        {
            var ids = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var user = await CreateUserAsync($"{prefix}{i:00}@example.be", Roles.Participant);
                await Factory.EnrolAsync(cohortId, user.Id);
                ids.Add(user.Id);
            }
            return ids;
        }
        var few = await PeopleAsync(small, "s", 5);
        var many = await PeopleAsync(large, "l", 36);
        var smallGroup = await Factory.CreateGroupAsync(small, "S1", [few[0], few[1]], fewId);
        await Factory.CreateGroupAsync(small, "S2", [few[2], few[3]]);
        var objective = (await Factory.ObjectivesAsync(small))[0].Id;
        await Factory.AskFeedbackAsync(small, few[0], [], [few[1]], objectiveIds: [objective]);
        var largeGroups = new List<int>();
        for (var g = 0; g < 4; g++)
        {
            largeGroups.Add(await Factory.CreateGroupAsync(large, $"L{g}", [.. many.Skip(g * 8).Take(8)], manyId));
            for (var i = 0; i < 8; i++)
            {
                await Factory.AskFeedbackAsync(large, many[g * 8 + i], [], [many[g * 8 + (i + 1) % 8], many[g * 8 + (i + 2) % 8]], objectiveIds: [objective],
                    dueOn: PortfolioBuilder.Today.AddDays(i % 2 == 0 ? -1 : 3));
            }
        }
        var smallMember = await SignInAsync("s00@example.be");
        var largeMember = await SignInAsync("l00@example.be");

        foreach (var (client, smallUrl, largeUrl) in new[]
        {
            (coordinator, $"/Coordinator/Groups/{small}", $"/Coordinator/Groups/{large}"),
            (coordinator, $"/Coordinator/Groups/{small}/Activity", $"/Coordinator/Groups/{large}/Activity"),
            (null, "/Facilitator", "/Facilitator"),
            (null, $"/Facilitator/Activity/{smallGroup}", $"/Facilitator/Activity/{largeGroups[0]}"),
            (null, "/Participant/Group", "/Participant/Group"),
        })
        {
            var (smallClient, largeClient) = smallUrl.StartsWith("/Facilitator", StringComparison.Ordinal) ? (facilitatorFew, facilitatorMany)
                : smallUrl.StartsWith("/Participant", StringComparison.Ordinal) ? (smallMember, largeMember)
                : (client!, client!);
            var fewCommands = await CommandsForAsync(smallClient, smallUrl);
            var manyCommands = await CommandsForAsync(largeClient, largeUrl);
            Assert.True(fewCommands == manyCommands, $"{smallUrl}: {fewCommands} commands, {largeUrl}: {manyCommands}");
        }
        Assert.Equal(36, (await GetPageAsync(coordinator, $"/Coordinator/Groups/{large}")).QuerySelectorAll("#who-is-where tbody tr").Length);
        Assert.Equal(4, (await GetPageAsync(facilitatorMany, "/Facilitator")).QuerySelectorAll("#facilitated-groups [data-group]").Length);
        Assert.Equal(8, (await GetPageAsync(largeMember, "/Participant/Group")).QuerySelectorAll("#group-members tbody tr").Length);
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
