using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>Co-development sessions: the rules of the six steps, who may see and write what, and the pages that run them.</summary>
public class CodevTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Person(HttpClient Client, string Id);

    private sealed record World(int CohortId, int GroupId, int OtherGroupId, Person Ana, Person Ben, Person Cleo, Person Fanny, Person Olga, Person Gil, int Objective)
    {
        public CodevGroup Group => new(GroupId, CohortId, "Groupe 1", Fanny.Id, [Ana.Id, Ben.Id, Cleo.Id]);
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);

    // ---- The rules, on the entity -------------------------------------------------------------------------------

    private static readonly CodevGroup Trio = new(1, 1, "Groupe", "fanny", ["ana", "ben", "cleo"]);

    private static CodevSession Planned(params string[] owners) =>
        new(Trio, Now, "Salle 2", null, "fanny", owners.Length == 0 ? ["ana"] : owners, "fanny", Now);

    private static CodevSession At(CodevStep step, params string[] owners)
    {
        var session = Planned(owners);
        for (var i = 0; i < (int)step; i++)
        {
            session.Advance("fanny", Trio, Now);
        }
        return session;
    }

    [Fact]
    public void A_step_cannot_be_written_before_it_is_reached_nor_after_the_session_is_closed()
    {
        var session = Planned();
        Assert.Throws<CodevRefusedException>(() => session.WriteStep(CodevStep.Presentation, "Mon cas", "fanny", Trio));
        session.Advance("fanny", Trio, Now);
        session.WriteStep(CodevStep.Presentation, "Mon cas", "ana", Trio);
        Assert.Equal("Mon cas", session.Presentation);
        Assert.Equal(Now, session.HeldAt);
        Assert.Throws<CodevRefusedException>(() => session.WriteStep(CodevStep.Contract, "Trop tôt", "fanny", Trio));
        Assert.Throws<CodevRefusedException>(() => session.Contribute("ben", ContributionType.Hypothesis, "Trop tôt", "ben", Trio, Now));
        Assert.Throws<CodevRefusedException>(() => session.WriteTakeaway("ben", "Trop tôt", Trio, Now));

        var closed = At(CodevStep.Takeaways);
        closed.WriteTakeaway("ben", "Écouter avant de proposer", Trio, Now);
        closed.Advance("fanny", Trio, Now);
        Assert.True(closed.IsClosed);
        Assert.Throws<CodevRefusedException>(() => closed.WriteTakeaway("cleo", "Trop tard", Trio, Now));
        Assert.Throws<CodevRefusedException>(() => closed.WriteStep(CodevStep.Presentation, "Trop tard", "fanny", Trio));
        Assert.Throws<CodevRefusedException>(() => closed.Advance("fanny", Trio, Now));
    }

    [Fact]
    public void Only_a_case_owner_writes_the_synthesis_and_action_plan_and_only_their_own()
    {
        var session = At(CodevStep.Synthesis, "ana", "ben");
        Assert.Throws<CodevRefusedException>(() => session.WritePlan("cleo", "Pas mon cas", [], Now));
        Assert.Throws<CodevRefusedException>(() => session.WritePlan("fanny", "Pas mon cas", [], Now));
        session.WritePlan("ana", "Je retiens deux pistes", [new CodevActionItem("Rencontrer la DRH", new DateOnly(2026, 4, 1))], Now);
        session.WritePlan("ben", "Une piste", [], Now);
        Assert.Equal(["ana", "ben"], session.Plans.Select(p => p.OwnerId));
        Assert.Equal("Rencontrer la DRH", session.Plans[0].Items.Single().Text);
        Assert.Throws<CodevRefusedException>(() => session.WritePlan("ana", "Trop d'actions",
            [.. Enumerable.Range(1, 11).Select(i => new CodevActionItem($"Action {i}", new DateOnly(2026, 4, 1)))], Now));
    }

    [Fact]
    public void A_session_has_one_or_two_case_owners_from_the_group_and_a_runner_from_the_group_or_its_facilitator()
    {
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, "Salle", null, "fanny", [], "fanny", Now));
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, "Salle", null, "fanny", ["ana", "ben", "cleo"], "fanny", Now));
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, "Salle", null, "fanny", ["olga"], "fanny", Now));
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, "Salle", null, "olga", ["ana"], "fanny", Now));
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, null, null, "fanny", ["ana"], "fanny", Now));
        Assert.Throws<CodevRefusedException>(() => new CodevSession(Trio, Now, null, "javascript:alert(1)", "fanny", ["ana"], "fanny", Now));
        var online = new CodevSession(Trio, Now, null, " https://visio.example.be/salle ", "ben", ["ana", "ana", "cleo"], "fanny", Now);
        Assert.Equal("https://visio.example.be/salle", online.VideoLink);
        Assert.Equal(["ana", "cleo"], online.CaseOwnerIds);
        // The named runner runs it; the facilitator may still step in; nobody else.
        online.Advance("ben", Trio, Now);
        online.Advance("fanny", Trio, Now);
        Assert.Throws<CodevRefusedException>(() => online.Advance("ana", Trio, Now));
        Assert.Equal(2, online.CurrentStep);
        Assert.Throws<CodevRefusedException>(() => online.Schedule(Trio, Now, "Salle", null, "ben", ["ana"]));
    }

    [Fact]
    public void Case_owners_listen_during_the_consultation_and_members_record_only_their_own_contributions()
    {
        var session = At(CodevStep.Consultation);
        Assert.Throws<CodevRefusedException>(() => session.Contribute("ana", ContributionType.Reaction, "Je réagis", "ana", Trio, Now));
        Assert.Throws<CodevRefusedException>(() => session.Contribute("cleo", ContributionType.Reaction, "Au nom de Cléo", "ben", Trio, Now));
        session.Contribute("ben", ContributionType.Hypothesis, "Et si le conflit venait du calendrier ?", "ben", Trio, Now);
        session.Contribute("cleo", ContributionType.Experience, "Noté par l'animatrice", "fanny", Trio, Now);
        Assert.Equal([("ben", ContributionType.Hypothesis), ("cleo", ContributionType.Experience)], session.Contributions.Select(c => (c.MemberId, c.Type)));
    }

    [Fact]
    public void A_member_writes_only_their_own_take_away()
    {
        var session = At(CodevStep.Takeaways);
        session.WriteTakeaway("ben", "Version 1", Trio, Now);
        session.WriteTakeaway("ben", "Version 2", Trio, Now);
        session.WriteTakeaway("ana", "Ce que le porteur retient", Trio, Now);
        Assert.Throws<CodevRefusedException>(() => session.WriteTakeaway("fanny", "La facilitatrice n'est pas membre", Trio, Now));
        Assert.Equal([("ben", "Version 2"), ("ana", "Ce que le porteur retient")], session.Takeaways.Select(t => (t.MemberId, t.Text)));
    }

    [Fact]
    public void A_session_lasts_90_minutes_with_one_case_owner_and_120_with_two()
    {
        Assert.Equal(90, CodevTiming.TotalMinutes(1));
        Assert.Equal(120, CodevTiming.TotalMinutes(2));
        Assert.All(Enum.GetValues<CodevStep>(), step => Assert.True(CodevTiming.Minutes(step, 2) >= CodevTiming.Minutes(step, 1)));
        Assert.Equal([10, 15, 5, 30, 10, 10], Enum.GetValues<CodevStep>().Select(s => CodevTiming.Minutes(s, 1)));
        Assert.Equal(CodevStep.Consultation, Enum.GetValues<CodevStep>().MaxBy(s => CodevTiming.Minutes(s, 2)));
    }

    [Fact]
    public void The_rotation_proposes_members_who_never_brought_a_case_first_then_the_least_recent()
    {
        CodevRotation.Member[] members = [new("a", "Ana"), new("b", "Ben"), new("c", "Cléo"), new("d", "Dina")];
        var first = CodevRotation.Propose(members, [("a", Now.AddDays(-60)), ("b", Now.AddDays(-30))]);
        Assert.Equal(["Cléo", "Dina"], first.Next.Select(r => r.Name));
        Assert.Equal([true, true, false, false], first.Members.Select(r => r.DoneThisCycle));

        // Everybody has brought a case once: a new cycle starts with the one whose case is the oldest.
        var second = CodevRotation.Propose(members, [("a", Now.AddDays(-60)), ("b", Now.AddDays(-30)), ("c", Now.AddDays(-20)), ("d", Now.AddDays(-10))], proposals: 1);
        Assert.Equal(["Ana"], second.Next.Select(r => r.Name));
        Assert.All(second.Members, r => Assert.False(r.DoneThisCycle));
    }

    // ---- Through the pages ----------------------------------------------------------------------------------------

    [Fact]
    public async Task The_facilitator_plans_a_session_and_members_and_facilitator_see_it_and_are_notified()
    {
        var w = await WorldAsync();
        var starts = PortfolioBuilder.Today.AddDays(10).ToDateTime(new TimeOnly(14, 0));
        var response = await PostFormAsync(w.Fanny.Client, $"/Codev/Plan/{w.GroupId}", new()
        {
            ["Input.StartsAt"] = starts.ToString("yyyy-MM-ddTHH:mm"),
            ["Input.Place"] = "Salle du conseil",
            ["Input.VideoLink"] = "",
            ["Input.RunById"] = w.Fanny.Id,
            ["Input.CaseOwnerIds"] = w.Ben.Id,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Factory.NewDb();
        var session = await db.CodevSessions.SingleAsync();
        Assert.Equal([w.Ben.Id], session.CaseOwnerIds);
        Assert.Equal("Salle du conseil", session.Place);
        Assert.Equal(starts, TimeZoneInfo.ConvertTime(session.StartsAt, Dates.Brussels).DateTime);
        var notified = await db.Notifications.Where(n => n.Kind == NotificationKind.SessionPlanned).Select(n => new { n.UserId, n.Link }).ToListAsync();
        Assert.Equal(new[] { w.Ana.Id, w.Ben.Id, w.Cleo.Id }.Order(), notified.Select(n => n.UserId).Order());
        Assert.All(notified, n => Assert.Equal($"/Codev/Session/{session.Id}", n.Link));

        foreach (var person in new[] { w.Ana, w.Cleo, w.Fanny })
        {
            var list = await GetPageAsync(person.Client, "/Codev");
            Assert.Single(list.QuerySelectorAll("#planned-sessions tbody tr"));
            Assert.Contains("Prénom ben", list.QuerySelector("#planned-sessions")!.TextContent);
        }
        Assert.NotNull((await GetPageAsync(w.Olga.Client, "/Codev")).QuerySelector("#no-planned-sessions"));
    }

    [Fact]
    public async Task Planning_with_a_careless_form_answers_with_french_messages_and_stores_nothing()
    {
        var w = await WorldAsync();
        foreach (var (fields, expected) in new (Dictionary<string, string> Fields, string Message)[]
        {
            (new() { ["Input.Place"] = "", ["Input.VideoLink"] = "" }, "Indiquez un lieu ou un lien de visioconférence."),
            (new() { ["Input.VideoLink"] = "javascript:alert(1)" }, "Le lien de visioconférence doit être une adresse web"),
            (new() { ["Input.CaseOwnerIds"] = w.Olga.Id }, "Les porteurs de cas sont des membres du groupe."),
            (new() { ["Input.RunById"] = w.Gil.Id }, "La séance est animée par le facilitateur ou par un membre du groupe."),
            (new() { ["Input.Place"] = new string('x', 201) }, "au plus 200 caractères"),
            (new() { ["Input.StartsAt"] = "" }, "Indiquez la date et l'heure de la séance."),
        })
        {
            var response = await PostFormAsync(w.Fanny.Client, $"/Codev/Plan/{w.GroupId}", new(fields) { ["Input.Place"] = fields.GetValueOrDefault("Input.Place", "Salle 2") });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, (await ParseAsync(response)).QuerySelector("main")!.TextContent);
        }
        await using var db = Factory.NewDb();
        Assert.Empty(await db.CodevSessions.ToListAsync());
        Assert.Empty(await db.Notifications.ToListAsync());
    }

    [Fact]
    public async Task Outsiders_get_404_on_every_codev_url_and_see_none_of_its_words()
    {
        var w = await WorldAsync();
        var (sessionId, planId, takeawayId) = await HeldSessionAsync(w);
        var nextId = await PlanAsync(w, [w.Cleo.Id], Now.AddDays(30));
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        string[] urls =
        [
            $"/Codev/Session/{sessionId}", $"/Codev/Plan/{w.GroupId}", $"/Codev/Rotation/{w.GroupId}", $"/Codev/Step/{sessionId}/1",
            $"/Codev/Attendance/{sessionId}", $"/Codev/Contribute/{sessionId}", $"/Codev/ActionPlan/{sessionId}", $"/Codev/Takeaway/{sessionId}",
            $"/Codev/FollowUp/{nextId}/{planId}", $"/Codev/ToEvidence/takeaway/{takeawayId}", $"/Codev/ToEvidence/plan/{planId}", $"/Codev/Reschedule/{nextId}",
        ];
        // A participant of another group and the facilitator of another group: not found.
        foreach (var outsider in new[] { w.Olga, w.Gil })
        {
            foreach (var url in urls)
            {
                var response = await outsider.Client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
                Assert.DoesNotContain("DRH", await response.Content.ReadAsStringAsync());
            }
            var post = await outsider.Client.PostAsync($"/Codev/Advance/{nextId}", new FormUrlEncodedContent([]));
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"advance answered {(int)post.StatusCode}");
            Assert.Empty((await GetPageAsync(outsider.Client, "/Codev")).QuerySelectorAll("#past-sessions tbody tr"));
        }
        // A coordinator sees figures, never the sessions' content: the folder is not theirs.
        foreach (var url in urls.Append("/Codev"))
        {
            var response = await coordinator.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("DRH", await response.Content.ReadAsStringAsync());
        }
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.CodevSessions.CountAsync(s => s.CurrentStep == 0));
    }

    [Fact]
    public async Task A_member_cannot_write_another_members_take_away_nor_turn_another_members_words_into_evidence()
    {
        var w = await WorldAsync();
        var (sessionId, planId, anaTakeaway) = await HeldSessionAsync(w, close: false);

        // Ben's page writes Ben's take-away, whatever he sends.
        var response = await PostFormAsync(w.Ben.Client, $"/Codev/Takeaway/{sessionId}", new() { ["Input.Text"] = "Ce que Ben retient", ["MemberId"] = w.Ana.Id });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var db = Factory.NewDb())
        {
            var takeaways = await db.CodevTakeaways.OrderBy(t => t.Id).Select(t => new { t.MemberId, t.Text }).ToListAsync();
            Assert.Equal([(w.Ana.Id, "Ce qu'Ana retient : écouter avant de répondre"), (w.Ben.Id, "Ce que Ben retient")], takeaways.Select(t => (t.MemberId, t.Text)));
        }

        // Another member's words, a case owner's plan: not found for Ben, by GET or POST.
        foreach (var url in new[] { $"/Codev/ToEvidence/takeaway/{anaTakeaway}", $"/Codev/ToEvidence/plan/{planId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await w.Ben.Client.GetAsync(url)).StatusCode);
        }
        var session = await GetPageAsync(w.Ben.Client, $"/Codev/Session/{sessionId}");
        Assert.Single(session.QuerySelectorAll("a[href*='/Codev/ToEvidence/']"));
        Assert.Empty(session.QuerySelectorAll("a[href*='/Codev/ActionPlan/']"));

        // Ana turns her own take-away into evidence: private, tagged, its origin kept; a second time leads to the same item.
        var made = await PostFormAsync(w.Ana.Client, $"/Codev/ToEvidence/takeaway/{anaTakeaway}", new() { ["ObjectiveIds"] = w.Objective.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var again = await w.Ana.Client.GetAsync($"/Codev/ToEvidence/takeaway/{anaTakeaway}");
        Assert.Equal(made.Headers.Location, again.Headers.Location);
        await using (var db = Factory.NewDb())
        {
            var evidence = await db.Evidence.SingleAsync();
            Assert.Equal(w.Ana.Id, evidence.OwnerId);
            Assert.Equal(Visibility.Private, evidence.Visibility);
            Assert.Equal([w.Objective], evidence.ObjectiveIds);
            Assert.Equal("Ce qu'Ana retient : écouter avant de répondre", evidence.Description);
            Assert.Equal(EvidenceOriginKind.CodevTakeaway, evidence.OriginKind);
            Assert.Equal(anaTakeaway, evidence.OriginId);
            Assert.Contains("Groupe 1", evidence.OriginDescription);
        }
        // Refused without objective, nothing stored.
        var plan = await PostFormAsync(w.Ana.Client, $"/Codev/ToEvidence/plan/{planId}", new());
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Contains("Cochez au moins un objectif", (await ParseAsync(plan)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_previous_action_plan_comes_back_at_the_next_session_for_its_owner_to_follow_up()
    {
        var w = await WorldAsync();
        var (_, planId, _) = await HeldSessionAsync(w);
        var nextId = await PlanAsync(w, [w.Cleo.Id], Now.AddDays(30));

        var anaView = await GetPageAsync(w.Ana.Client, $"/Codev/Session/{nextId}");
        Assert.Contains("Rencontrer la DRH", anaView.QuerySelector(".previous-plan")!.TextContent);
        var link = anaView.QuerySelector($"a[href='/Codev/FollowUp/{nextId}/{planId}']");
        Assert.NotNull(link);
        Assert.Null((await GetPageAsync(w.Ben.Client, $"/Codev/Session/{nextId}")).QuerySelector("a[href*='/Codev/FollowUp/']"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.Ben.Client.GetAsync($"/Codev/FollowUp/{nextId}/{planId}")).StatusCode);

        var response = await PostFormAsync(w.Ana.Client, $"/Codev/FollowUp/{nextId}/{planId}", new() { ["Input.Text"] = "J'ai vu la DRH : un pilote démarre en mai." });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var benView = await GetPageAsync(w.Ben.Client, $"/Codev/Session/{nextId}");
        Assert.Equal("J'ai vu la DRH : un pilote démarre en mai.", benView.QuerySelector(".follow-up")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_stale_save_of_step_notes_is_detected_and_overwrites_nothing()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now, step: 1);
        var fannyForm = await GetPageAsync(w.Fanny.Client, $"/Codev/Step/{sessionId}/1");
        var first = await PostFormAsync(w.Ana.Client, $"/Codev/Step/{sessionId}/1", new() { ["Input.Text"] = "Notes d'Ana" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // Fanny's form was opened before Ana saved.
        var values = FormValues((IHtmlFormElement)fannyForm.QuerySelector("main form")!).Where(v => v.Key != "Input.Text").ToList();
        values.Add(new("Input.Text", "Notes de Fanny"));
        var stale = await w.Fanny.Client.PostAsync($"/Codev/Step/{sessionId}/1", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Notes d'Ana", page.QuerySelector("#stale-warning")!.TextContent);
        Assert.Equal("Notes de Fanny", page.QuerySelector("textarea")!.TextContent.Trim());
        await using (var db = Factory.NewDb())
        {
            Assert.Equal("Notes d'Ana", (await db.CodevSessions.SingleAsync()).Presentation);
        }
        // Saved again knowingly, it replaces.
        var again = await PostFormAsync(w.Fanny.Client, $"/Codev/Step/{sessionId}/1", new() { ["Input.Text"] = "Notes de Fanny" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_double_click_on_next_step_moves_one_step_only()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now);
        var page = await GetPageAsync(w.Fanny.Client, $"/Codev/Session/{sessionId}");
        var form = (IHtmlFormElement)page.QuerySelector("#advance-form")!;
        for (var i = 0; i < 2; i++)
        {
            var response = await w.Fanny.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(FormValues(form)));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await using var db = Factory.NewDb();
        Assert.Equal(1, (await db.CodevSessions.SingleAsync()).CurrentStep);
        Assert.Contains("a changé entre-temps", (await GetPageAsync(w.Fanny.Client, $"/Codev/Session/{sessionId}")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Writing_too_long_or_out_of_turn_answers_with_a_message_never_a_500()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now, step: 1);
        var cases = new (HttpClient Client, string Url, Dictionary<string, string> Fields, string Message)[]
        {
            (w.Fanny.Client, $"/Codev/Step/{sessionId}/1", new() { ["Input.Text"] = new string('x', CodevSession.StepTextLength + 1) }, "au plus"),
            (w.Fanny.Client, $"/Codev/Step/{sessionId}/3", new() { ["Input.Text"] = "Trop tôt" }, "Cette étape n'est pas encore atteinte."),
            (w.Ben.Client, $"/Codev/Step/{sessionId}/1", new() { ["Input.Text"] = "Pas mon rôle" }, "Seuls l'animateur et les porteurs de cas notent cette étape."),
            (w.Ben.Client, $"/Codev/Contribute/{sessionId}", new() { ["Input.Text"] = "Trop tôt" }, "Cette étape n'est pas encore atteinte."),
            (w.Ben.Client, $"/Codev/Takeaway/{sessionId}", new() { ["Input.Text"] = "Trop tôt" }, "Cette étape n'est pas encore atteinte."),
            (w.Ana.Client, $"/Codev/ActionPlan/{sessionId}", new() { ["Input.Synthesis"] = "Trop tôt", ["Input.Items[0].Text"] = "Agir" }, "L'action « Agir » n'a pas d'échéance."),
            (w.Ana.Client, $"/Codev/ActionPlan/{sessionId}", new() { ["Input.Synthesis"] = "Trop tôt" }, "Cette étape n'est pas encore atteinte."),
        };
        foreach (var (client, url, fields, message) in cases)
        {
            var response = await PostFormAsync(client, url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            Assert.Contains(message, (await ParseAsync(response)).QuerySelector("main")!.TextContent);
        }
        foreach (var url in new[] { "/Codev/Session/999999", "/Codev/Step/999999/1", $"/Codev/Step/{sessionId}/4", $"/Codev/Step/{sessionId}/0", "/Codev/Rotation/999999",
            "/Codev/Plan/999999", $"/Codev/FollowUp/{sessionId}/999999", "/Codev/ToEvidence/autre/1", $"/Codev/Plan/{w.OtherGroupId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await w.Fanny.Client.GetAsync(url)).StatusCode);
        }
        // A member of a group with a facilitator does not plan its sessions.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Ana.Client.GetAsync($"/Codev/Plan/{w.GroupId}")).StatusCode);
        await using var db = Factory.NewDb();
        var stored = await db.CodevSessions.Include(s => s.Contributions).Include(s => s.Takeaways).Include(s => s.Plans).SingleAsync();
        Assert.Equal("", stored.Presentation);
        Assert.Empty(stored.Contributions);
        Assert.Empty(stored.Takeaways);
        Assert.Empty(stored.Plans);
    }

    [Fact]
    public async Task The_rotation_page_shows_who_brought_a_case_and_proposes_the_next()
    {
        var w = await WorldAsync();
        await PlanAsync(w, [w.Ana.Id], Now.AddDays(-30));
        await PlanAsync(w, [w.Ben.Id], Now.AddDays(-10));
        var page = await GetPageAsync(w.Ben.Client, $"/Codev/Rotation/{w.GroupId}");
        Assert.Equal(["Prénom cleo"], page.QuerySelectorAll("#next-owners li").Select(li => li.TextContent.Trim()));
        var plan = await GetPageAsync(w.Fanny.Client, $"/Codev/Plan/{w.GroupId}");
        Assert.Equal([w.Cleo.Id], plan.QuerySelectorAll("input[name='Input.CaseOwnerIds'][checked]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task The_sessions_list_issues_as_many_commands_for_1_and_for_30_sessions()
    {
        var w = await WorldAsync();
        await PlanAsync(w, [w.Olga.Id], Now, groupId: w.OtherGroupId, runBy: w.Gil.Id);
        for (var i = 0; i < 30; i++)
        {
            await PlanAsync(w, [i % 2 == 0 ? w.Ana.Id : w.Ben.Id], Now.AddDays(i - 15), step: i % 3);
        }
        var few = await CommandsForAsync(w.Olga.Client, "/Codev");
        var many = await CommandsForAsync(w.Ana.Client, "/Codev");
        var page = await GetPageAsync(w.Ana.Client, "/Codev");
        Assert.Equal(30, page.QuerySelectorAll("#planned-sessions tbody tr, #past-sessions tbody tr").Length);
        Assert.Equal(few, many);
    }

    [Fact]
    public async Task The_run_sheet_issues_as_many_commands_for_a_few_and_for_many_contributions()
    {
        var w = await WorldAsync();
        var (small, _, _) = await HeldSessionAsync(w, close: false);
        var (large, _, _) = await HeldSessionAsync(w, close: false, contributions: 40);
        var few = await CommandsForAsync(w.Ben.Client, $"/Codev/Session/{small}");
        var many = await CommandsForAsync(w.Ben.Client, $"/Codev/Session/{large}");
        Assert.Equal(40 + 2, (await GetPageAsync(w.Ben.Client, $"/Codev/Session/{large}")).QuerySelectorAll(".contributions li").Length);
        Assert.Equal(few, many);
    }

    [Fact]
    public async Task The_runner_takes_the_group_through_the_six_steps_from_the_run_sheet()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now);
        var sheet = await GetPageAsync(w.Fanny.Client, $"/Codev/Session/{sessionId}");
        Assert.Equal("90 minutes", sheet.QuerySelector("#planned-duration")!.TextContent.Trim());
        Assert.Equal(6, sheet.QuerySelectorAll("#run-sheet > li").Length);
        Assert.Null(sheet.QuerySelector("[data-codev-timer]"));
        Assert.Null((await GetPageAsync(w.Ben.Client, $"/Codev/Session/{sessionId}")).QuerySelector("#advance-form"));

        await AdvanceThroughPageAsync(w.Fanny.Client, sessionId);
        sheet = await GetPageAsync(w.Fanny.Client, $"/Codev/Session/{sessionId}");
        Assert.Equal("10", sheet.QuerySelector("#step-1 [data-codev-timer]")!.GetAttribute("data-minutes"));
        var attendance = await PostFormAsync(w.Fanny.Client, $"/Codev/Attendance/{sessionId}", []);
        Assert.Equal(HttpStatusCode.Redirect, attendance.StatusCode);
        Assert.Equal(3, (await GetPageAsync(w.Ana.Client, $"/Codev/Session/{sessionId}")).QuerySelectorAll("#attendance li").Length);
        for (var step = 2; step <= 6; step++)
        {
            await AdvanceThroughPageAsync(w.Fanny.Client, sessionId);
        }
        await AdvanceThroughPageAsync(w.Fanny.Client, sessionId);
        sheet = await GetPageAsync(w.Ben.Client, $"/Codev/Session/{sessionId}");
        Assert.Equal("Séance close.", sheet.QuerySelector("#session-state")!.TextContent.Trim());
        Assert.Null(sheet.QuerySelector("a[href*='/Codev/Takeaway/']"));
        Assert.Single((await GetPageAsync(w.Ben.Client, "/Codev")).QuerySelectorAll("#past-sessions tbody tr"));
    }

    [Fact]
    public async Task A_case_owner_writes_a_dated_action_plan_and_keeps_it_as_evidence_and_a_member_records_their_own_contribution()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now, step: 4);
        var contributed = await PostFormAsync(w.Ben.Client, $"/Codev/Contribute/{sessionId}", new() { ["Input.Type"] = "Suggestion", ["Input.Text"] = "Un tiers neutre" });
        Assert.Equal(HttpStatusCode.Redirect, contributed.StatusCode);
        // Ben is offered only himself; the case owner is offered nobody.
        Assert.Equal([w.Ben.Id], (await GetPageAsync(w.Ben.Client, $"/Codev/Contribute/{sessionId}")).QuerySelectorAll("select[name='Input.MemberId'] option").Select(o => o.GetAttribute("value")));
        await AdvanceThroughPageAsync(w.Fanny.Client, sessionId);

        var written = await PostFormAsync(w.Ana.Client, $"/Codev/ActionPlan/{sessionId}", new()
        {
            ["Input.Synthesis"] = "Deux pistes : la DRH et le calendrier.",
            ["Input.Items[0].Text"] = "Rencontrer la DRH",
            ["Input.Items[0].DueOn"] = "2026-04-01",
            ["Input.Items[1].Text"] = "Revoir le calendrier avec l'équipe",
            ["Input.Items[1].DueOn"] = "2026-04-15",
        });
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var sheet = await GetPageAsync(w.Ben.Client, $"/Codev/Session/{sessionId}");
        Assert.Contains("Prénom ben (Suggestion) : Un tiers neutre", sheet.QuerySelector(".contributions")!.TextContent);
        Assert.Equal(["Rencontrer la DRH — pour le 1 avril 2026", "Revoir le calendrier avec l'équipe — pour le 15 avril 2026"],
            sheet.QuerySelectorAll(".plan li").Select(li => li.TextContent.Trim()));

        int planId;
        await using (var db = Factory.NewDb())
        {
            planId = await db.CodevPlans.Select(p => p.Id).SingleAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await w.Ben.Client.GetAsync($"/Codev/ToEvidence/plan/{planId}")).StatusCode);
        var made = await PostFormAsync(w.Ana.Client, $"/Codev/ToEvidence/plan/{planId}", new() { ["ObjectiveIds"] = w.Objective.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        await using (var db = Factory.NewDb())
        {
            var evidence = await db.Evidence.SingleAsync();
            Assert.Equal(w.Ana.Id, evidence.OwnerId);
            Assert.Equal(EvidenceOriginKind.CodevActionPlan, evidence.OriginKind);
            Assert.Equal(planId, evidence.OriginId);
            Assert.Contains("- Rencontrer la DRH (pour le 1 avril 2026)", evidence.Description);
        }
        Assert.NotNull((await GetPageAsync(w.Ana.Client, $"/Codev/Session/{sessionId}")).QuerySelector("a[href^='/Participant/Evidence/Details/']"));
    }

    [Fact]
    public async Task The_facilitator_and_the_named_runner_reschedule_and_a_stale_save_is_detected()
    {
        var w = await WorldAsync();
        var sessionId = await PlanAsync(w, [w.Ana.Id], Now.AddDays(20), runBy: w.Ben.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Cleo.Client.GetAsync($"/Codev/Reschedule/{sessionId}")).StatusCode);
        var bensForm = await GetPageAsync(w.Ben.Client, $"/Codev/Reschedule/{sessionId}");
        var moved = await PostFormAsync(w.Fanny.Client, $"/Codev/Reschedule/{sessionId}", new() { ["Input.Place"] = "Salle Namur", ["Input.CaseOwnerIds"] = w.Cleo.Id });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var values = FormValues((IHtmlFormElement)bensForm.QuerySelector("main form")!).Where(v => v.Key != "Input.Place").ToList();
        values.Add(new("Input.Place", "Salle Liège"));
        var stale = await w.Ben.Client.PostAsync($"/Codev/Reschedule/{sessionId}", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Salle Namur", page.QuerySelector("#stale-warning")!.TextContent);
        Assert.Equal("Salle Liège", page.QuerySelector("#Input_Place")!.GetAttribute("value"));
        await using (var db = Factory.NewDb())
        {
            var session = await db.CodevSessions.SingleAsync();
            Assert.Equal("Salle Namur", session.Place);
            Assert.Equal([w.Cleo.Id], session.CaseOwnerIds);
            Assert.Equal(3, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.SessionPlanned && n.Link == $"/Codev/Session/{sessionId}"));
        }

        // Once started, it is not rescheduled any more.
        await AdvanceThroughPageAsync(w.Ben.Client, sessionId);
        var late = await PostFormAsync(w.Fanny.Client, $"/Codev/Reschedule/{sessionId}", new() { ["Input.Place"] = "Ailleurs" });
        Assert.Contains("Une séance commencée ne se replanifie plus.", (await ParseAsync(late)).QuerySelector("main")!.TextContent);
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------------

    private async Task AdvanceThroughPageAsync(HttpClient client, int sessionId)
    {
        var page = await GetPageAsync(client, $"/Codev/Session/{sessionId}");
        var form = (IHtmlFormElement)page.QuerySelector("#advance-form")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(FormValues(form)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await GetPageAsync(client, url);
        Factory.Commands.Reset();
        await GetPageAsync(client, url);
        return Factory.Commands.Count;
    }

    private async Task<int> PlanAsync(World w, string[] owners, DateTimeOffset startsAt, int step = 0, int? groupId = null, string? runBy = null)
    {
        await using var db = Factory.NewDb();
        var group = groupId is { } other ? new CodevGroup(other, w.CohortId, "Groupe 2", w.Gil.Id, [w.Olga.Id]) : w.Group;
        var session = new CodevSession(group, startsAt, "Salle 2", null, runBy ?? w.Fanny.Id, owners, w.Fanny.Id, Now);
        for (var i = 0; i < step; i++)
        {
            session.Advance(runBy ?? w.Fanny.Id, group, startsAt);
        }
        db.CodevSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>A session of the group held through its six steps: Ana's case, her plan, her take-away, Ben's and Cléo's contributions.</summary>
    private async Task<(int SessionId, int PlanId, int AnaTakeawayId)> HeldSessionAsync(World w, bool close = true, int contributions = 0)
    {
        await using var db = Factory.NewDb();
        var g = w.Group;
        var session = new CodevSession(g, Now, "Salle 2", null, w.Fanny.Id, [w.Ana.Id], w.Fanny.Id, Now);
        session.Advance(w.Fanny.Id, g, Now);
        session.WriteStep(CodevStep.Presentation, "Un conflit d'équipe", w.Ana.Id, g);
        for (var i = 0; i < 3; i++)
        {
            session.Advance(w.Fanny.Id, g, Now);
        }
        session.Contribute(w.Ben.Id, ContributionType.Hypothesis, "Le calendrier ?", w.Ben.Id, g, Now);
        session.Contribute(w.Cleo.Id, ContributionType.Suggestion, "Un tiers neutre", w.Cleo.Id, g, Now);
        for (var i = 0; i < contributions; i++)
        {
            session.Contribute(i % 2 == 0 ? w.Ben.Id : w.Cleo.Id, (ContributionType)(i % 4), $"Contribution {i}", w.Fanny.Id, g, Now);
        }
        session.Advance(w.Fanny.Id, g, Now);
        var plan = session.WritePlan(w.Ana.Id, "Je vais m'appuyer sur la DRH", [new CodevActionItem("Rencontrer la DRH", new DateOnly(2026, 4, 1))], Now);
        session.Advance(w.Fanny.Id, g, Now);
        var takeaway = session.WriteTakeaway(w.Ana.Id, "Ce qu'Ana retient : écouter avant de répondre", g, Now);
        if (close)
        {
            session.Advance(w.Fanny.Id, g, Now);
        }
        db.CodevSessions.Add(session);
        await db.SaveChangesAsync();
        return (session.Id, plan.Id, takeaway.Id);
    }

    /// <summary>Groupe 1: Ana, Ben, Cléo with Fanny as facilitator; Groupe 2: Olga with Gil. Same cohort.</summary>
    private async Task<World> WorldAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        async Task<Person> PersonAsync(string name, string role)
        {
            var client = await SignedInClientAsync($"{name}@example.be", role);
            await using var db = Factory.NewDb();
            var id = await db.Users.Where(u => u.Email == $"{name}@example.be").Select(u => u.Id).SingleAsync();
            if (role == Roles.Participant)
            {
                await Factory.EnrolAsync(cohortId, id);
            }
            return new Person(client, id);
        }
        var ana = await PersonAsync("ana", Roles.Participant);
        var ben = await PersonAsync("ben", Roles.Participant);
        var cleo = await PersonAsync("cleo", Roles.Participant);
        var olga = await PersonAsync("olga", Roles.Participant);
        var fanny = await PersonAsync("fanny", Roles.Facilitator);
        var gil = await PersonAsync("gil", Roles.Facilitator);
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe 1", [ana.Id, ben.Id, cleo.Id], fanny.Id);
        var otherGroupId = await Factory.CreateGroupAsync(cohortId, "Groupe 2", [olga.Id], gil.Id);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        return new World(cohortId, groupId, otherGroupId, ana, ben, cleo, fanny, olga, gil, objective);
    }
}
