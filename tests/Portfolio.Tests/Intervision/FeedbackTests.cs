using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Intervision;

/// <summary>Feedback requests and structured feedback through the pages: who reads what, the rules of answers, replies and ratings.</summary>
public class FeedbackTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Person(HttpClient Client, string Id);

    private sealed record Setup(int CohortId, Person Ana, Person Ben, Person Cleo, Person Olga, int Objective, int EvidenceId, int AttachmentId, int PrivateId);

    [Fact]
    public async Task Asking_shares_exactly_the_chosen_items_with_exactly_the_chosen_peers_and_notifies_them()
    {
        var s = await ArrangeAsync();
        var response = await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Ask?evidence={s.EvidenceId}", new()
        {
            ["Input.Question"] = "Comment ai-je mené la réunion ?",
            ["Input.WholeGroup"] = "false",
            ["Input.PeerIds"] = s.Ben.Id,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var requestId = await SingleRequestIdAsync();

        Assert.Equal(HttpStatusCode.OK, (await s.Ben.Client.GetAsync($"/Peer/Evidence/Details/{s.EvidenceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Ben.Client.GetAsync($"/Participant/Evidence/Attachment/{s.AttachmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Ben.Client.GetAsync($"/Peer/Evidence/Details/{s.PrivateId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Cleo.Client.GetAsync($"/Peer/Evidence/Details/{s.EvidenceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Cleo.Client.GetAsync($"/Participant/Feedback/Answer/{requestId}")).StatusCode);

        var answer = await GetPageAsync(s.Ben.Client, $"/Participant/Feedback/Answer/{requestId}");
        Assert.Equal(["Conduire la réunion budgétaire"], answer.QuerySelectorAll(".material-item h3").Select(h => h.TextContent.Trim()));
        Assert.Equal(["compte-rendu.pdf (télécharger)"], answer.QuerySelectorAll(".material-attachments a").Select(a => a.TextContent.Trim()));
        var owed = await GetPageAsync(s.Ben.Client, "/Participant/Feedback");
        Assert.Contains("Comment ai-je mené la réunion ?", owed.QuerySelector("#owed")!.TextContent);

        await using var db = Factory.NewDb();
        var notifications = await db.Notifications.Select(n => new { n.UserId, n.Kind, n.Link, n.ActorId }).ToListAsync();
        var single = Assert.Single(notifications);
        Assert.Equal((s.Ben.Id, NotificationKind.FeedbackRequested, $"/Participant/Feedback/Answer/{requestId}", s.Ana.Id), (single.UserId, single.Kind, single.Link, single.ActorId!));
    }

    [Fact]
    public async Task Asking_the_whole_group_asks_every_other_member()
    {
        var s = await ArrangeAsync();
        var response = await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Ask?evidence={s.EvidenceId}", new() { ["Input.Question"] = "Qu'en pensez-vous ?" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(new[] { s.Ben.Id, s.Cleo.Id }.Order(), (await db.FeedbackRecipients.Select(r => r.PeerId).ToListAsync()).Order());
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.FeedbackRequested));
    }

    [Fact]
    public async Task A_participant_outside_the_request_gets_404_on_its_pages_items_and_attachments()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id]);
        await Factory.GiveFeedbackAsync(requestId, s.Ben.Id);
        foreach (var url in new[]
        {
            $"/Participant/Feedback/Answer/{requestId}", $"/Participant/Feedback/Received/{requestId}", $"/Participant/Feedback/Withdraw/{requestId}",
            $"/Peer/Evidence/Details/{s.EvidenceId}", $"/Participant/Evidence/Attachment/{s.AttachmentId}",
        })
        {
            var response = await s.Olga.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("réunion", await response.Content.ReadAsStringAsync());
        }
        // The peer asked reads the request's item, not the requester's other items nor the requester's pages.
        foreach (var url in new[] { $"/Peer/Evidence/Details/{s.PrivateId}", $"/Participant/Feedback/Received/{requestId}", $"/Participant/Feedback/Withdraw/{requestId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s.Ben.Client.GetAsync(url)).StatusCode);
        }
        // An outsider's post is not found either.
        var rating = await s.Olga.Client.PostAsync($"/Participant/Feedback/Received/{requestId}?handler=Keep&feedbackId=1", new FormUrlEncodedContent([]));
        Assert.True(rating.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Withdrawing_a_request_ends_the_peers_access_at_once()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id]);
        Assert.Equal(HttpStatusCode.OK, (await s.Ben.Client.GetAsync($"/Participant/Feedback/Answer/{requestId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Ben.Client.GetAsync($"/Participant/Evidence/Attachment/{s.AttachmentId}")).StatusCode);

        var withdrawn = await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Withdraw/{requestId}", []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        foreach (var url in new[] { $"/Participant/Feedback/Answer/{requestId}", $"/Peer/Evidence/Details/{s.EvidenceId}", $"/Participant/Evidence/Attachment/{s.AttachmentId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s.Ben.Client.GetAsync(url)).StatusCode);
        }
        Assert.NotNull((await GetPageAsync(s.Ben.Client, "/Participant/Feedback")).QuerySelector("#nothing-owed"));
        Assert.NotNull((await GetPageAsync(s.Ana.Client, $"/Participant/Feedback/Received/{requestId}")).QuerySelector("#withdrawn"));
    }

    [Fact]
    public async Task A_draft_stays_with_the_peer_until_submitted_then_the_requester_reads_it_and_is_notified()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id, s.Cleo.Id], objectiveIds: [s.Objective]);
        var url = $"/Participant/Feedback/Answer/{requestId}";
        var draft = await PostFormAsync(s.Ben.Client, url, new()
        {
            ["Input.Strengths"] = "Un ordre du jour clair.",
            ["Input.Questions"] = "Qui prenait les notes ?",
            ["Input.Levels[0].Level"] = "3",
        });
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal("Un ordre du jour clair.", (await GetPageAsync(s.Ben.Client, url)).QuerySelector("#input-strengths")!.TextContent);
        Assert.Empty((await GetPageAsync(s.Ana.Client, $"/Participant/Feedback/Received/{requestId}")).QuerySelectorAll("article.feedback"));

        var sent = await PostAnswerAsync(s.Ben.Client, url, new() { ["Input.Suggestions"] = "Un tour de table au début." }, "Submit");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var received = await GetPageAsync(s.Ana.Client, $"/Participant/Feedback/Received/{requestId}");
        var article = Assert.Single(received.QuerySelectorAll("article.feedback"));
        Assert.Contains("Un ordre du jour clair.", article.TextContent);
        Assert.Contains("Qui prenait les notes ?", article.TextContent);
        Assert.Contains("Un tour de table au début.", article.TextContent);
        Assert.Contains(": 3 —", article.QuerySelector("ul[id$='-levels']")!.TextContent);
        Assert.Contains("Prénom cleo n'a pas encore répondu.", received.QuerySelector("main")!.TextContent);
        Assert.Contains("1 sur 2", (await GetPageAsync(s.Ana.Client, "/Participant/Feedback")).QuerySelector("#asked")!.TextContent);
        // Sent: the form is gone, the peer reads what they sent.
        Assert.Null((await GetPageAsync(s.Ben.Client, url)).QuerySelector("#feedback-form"));

        await using var db = Factory.NewDb();
        Assert.NotNull(await db.FeedbackRecipients.Where(r => r.PeerId == s.Ben.Id).Select(r => r.AnsweredAt).SingleAsync());
        Assert.Null(await db.FeedbackRecipients.Where(r => r.PeerId == s.Cleo.Id).Select(r => r.AnsweredAt).SingleAsync());
        var answered = await db.Notifications.Where(n => n.Kind == NotificationKind.FeedbackAnswered).Select(n => new { n.UserId, n.Link }).SingleAsync();
        Assert.Equal((s.Ana.Id, $"/Participant/Feedback/Received/{requestId}"), (answered.UserId, answered.Link));
    }

    [Fact]
    public async Task The_autosave_keeps_the_draft_and_returns_the_new_version()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id]);
        var url = $"/Participant/Feedback/Answer/{requestId}";
        var saved = await PostAnswerAsync(s.Ben.Client, url, new() { ["Input.Strengths"] = "En cours d'écriture" }, "Autosave");
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        await using var db = Factory.NewDb();
        var draft = await db.Feedback.SingleAsync();
        Assert.Equal(("En cours d'écriture", (DateTimeOffset?)null), (draft.Strengths, draft.SubmittedAt));
        Assert.Equal(draft.RowVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), saved.Headers.GetValues("X-Row-Version").Single());
    }

    [Fact]
    public async Task A_stale_draft_save_is_detected_and_keeps_what_was_typed()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id]);
        var url = $"/Participant/Feedback/Answer/{requestId}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ben.Client, url, new() { ["Input.Strengths"] = "Version du premier onglet" })).StatusCode);
        uint loaded;
        await using (var db = Factory.NewDb())
        {
            loaded = await db.Feedback.Select(f => f.RowVersion).SingleAsync();
        }
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ben.Client, url, new() { ["Input.Strengths"] = "Version du deuxième onglet" })).StatusCode);

        // The first tab, loaded before the second saved, saves again.
        var stale = await PostAnswerAsync(s.Ben.Client, url, new() { ["Input.Strengths"] = "Texte tapé dans l'onglet périmé", ["Input.RowVersion"] = loaded.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Contains("Version du deuxième onglet", page.QuerySelector("#draft-conflict")!.TextContent);
        Assert.Equal("Texte tapé dans l'onglet périmé", page.QuerySelector("#input-strengths")!.TextContent);
        await using var after = Factory.NewDb();
        Assert.Equal("Version du deuxième onglet", await after.Feedback.Select(f => f.Strengths).SingleAsync());
    }

    [Fact]
    public async Task The_requester_replies_once_and_rates_once_and_the_peer_is_notified_each_time()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id]);
        var feedbackId = await Factory.GiveFeedbackAsync(requestId, s.Ben.Id);
        var url = $"/Participant/Feedback/Received/{requestId}";

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, url, new() { ["reply.Text"] = "Merci, je retiens le tour de table." }, "Reply")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, url, new() { ["rating.Critical"] = "3", ["rating.Benevolent"] = "4", ["rating.Comment"] = "Franc et utile." }, "Rate")).StatusCode);

        // Both forms are gone; posting again anyway is refused with a message, nothing changes.
        var page = await GetPageAsync(s.Ana.Client, url);
        Assert.Empty(page.QuerySelectorAll("form.reply-form, form.rate-form"));
        var again = await s.Ana.Client.PostAsync($"{url}?handler=Reply&feedbackId={feedbackId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reply.Text"] = "Une deuxième réponse", ["__RequestVerificationToken"] = Token(page),
        }));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("une seule réponse est possible", (await ParseAsync(again)).QuerySelector(".alert-danger")!.TextContent);
        var rerate = await s.Ana.Client.PostAsync($"{url}?handler=Rate&feedbackId={feedbackId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["rating.Critical"] = "1", ["rating.Benevolent"] = "1", ["__RequestVerificationToken"] = Token(page),
        }));
        Assert.Equal(HttpStatusCode.OK, rerate.StatusCode);

        await using var db = Factory.NewDb();
        var feedback = await db.Feedback.SingleAsync();
        Assert.Equal(("Merci, je retiens le tour de table.", 3, 4, "Franc et utile."), (feedback.Reply, feedback.CriticalRating, feedback.BenevolentRating, feedback.RatingComment));
        var kinds = await db.Notifications.Where(n => n.UserId == s.Ben.Id).OrderBy(n => n.Id).Select(n => new { n.Kind, n.Link }).ToListAsync();
        Assert.Equal([NotificationKind.FeedbackReplied, NotificationKind.FeedbackRated], kinds.Select(k => k.Kind));
        Assert.All(kinds, k => Assert.Equal($"/Participant/Feedback/Answer/{requestId}", k.Link));

        // The peer reads the reply and the rating beside what they sent.
        var answer = await GetPageAsync(s.Ben.Client, $"/Participant/Feedback/Answer/{requestId}");
        Assert.Contains("Merci, je retiens le tour de table.", answer.QuerySelector("#reply")!.TextContent);
        Assert.Equal("Critique : 3 sur 4 · bienveillant : 4 sur 4.", answer.QuerySelector("#rating")!.TextContent.Trim());
    }

    [Fact]
    public void The_entity_refuses_a_second_reply_a_second_rating_and_changes_after_submitting()
    {
        var request = new FeedbackRequest(1, "ana", "Question ?", new DateOnly(2026, 12, 31), [1], [], ["ben"], DateTimeOffset.UtcNow);
        var feedback = new Feedback(request, "ben", DateTimeOffset.UtcNow);
        Assert.Throws<InvalidOperationException>(() => feedback.ReplyOnce("Trop tôt", DateTimeOffset.UtcNow));
        Assert.Throws<InvalidOperationException>(() => feedback.Submit(request.Recipients.Single(), DateTimeOffset.UtcNow));
        Assert.Throws<ArgumentException>(() => new Feedback(request, "olga", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Keeping_a_feedback_as_evidence_keeps_its_origin_and_a_second_click_leads_to_the_same_item()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id], question: "Comment ai-je mené la réunion ?");
        var feedbackId = await Factory.GiveFeedbackAsync(requestId, s.Ben.Id, strengths: "Un ordre du jour clair.");
        var url = $"/Participant/Feedback/Received/{requestId}";
        var page = await GetPageAsync(s.Ana.Client, url);

        var first = await PostFormAsync(s.Ana.Client, url, [], "Keep");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await s.Ana.Client.PostAsync($"{url}?handler=Keep&feedbackId={feedbackId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        await using var db = Factory.NewDb();
        var kept = await db.Evidence.Where(e => e.OriginKind == EvidenceOriginKind.FeedbackReceived).ToListAsync();
        var item = Assert.Single(kept);
        Assert.Equal((s.Ana.Id, feedbackId, EvidenceKind.FeedbackReceived, Visibility.Private), (item.OwnerId, item.OriginId!.Value, item.Kind, item.Visibility));
        Assert.Contains("Un ordre du jour clair.", item.Description);
        Assert.Equal(new[] { s.Objective }, item.ObjectiveIds);
        Assert.Equal($"/Participant/Evidence/Details/{item.Id}", first.Headers.Location!.OriginalString);

        var details = await GetPageAsync(s.Ana.Client, $"/Participant/Evidence/Details/{item.Id}");
        Assert.Contains("Retour de Prénom ben sur « Comment ai-je mené la réunion ? »", details.QuerySelector("#evidence-origin")!.TextContent);
        Assert.NotNull((await GetPageAsync(s.Ana.Client, url)).QuerySelector("a.kept-evidence"));
    }

    [Fact]
    public async Task The_mirror_shows_my_averages_and_the_comments_of_the_ratings_i_received()
    {
        var s = await ArrangeAsync();
        var first = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id], question: "Première demande");
        var second = await Factory.AskFeedbackAsync(s.CohortId, s.Cleo.Id, [], [s.Ben.Id], question: "Deuxième demande", objectiveIds: [s.Objective]);
        var third = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Cleo.Id], question: "Pas pour Ben");
        var now = DateTimeOffset.UtcNow;
        await Factory.GiveFeedbackAsync(first, s.Ben.Id, rating: (2, 3, "Un peu sévère mais juste."), ratedAt: now);
        await Factory.GiveFeedbackAsync(second, s.Ben.Id, rating: (4, 4, null), ratedAt: now);
        await Factory.GiveFeedbackAsync(third, s.Cleo.Id, rating: (1, 1, "Pas pour Ben"), ratedAt: now);

        var mirror = await GetPageAsync(s.Ben.Client, "/Participant/Feedback/Mirror");
        var row = Assert.Single(mirror.QuerySelectorAll("#mirror-months tbody tr"));
        Assert.Equal(["2", "3,0", "3,5"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("En tout, 2 retours évalués", mirror.QuerySelector("#mirror-overall")!.TextContent);
        var comment = Assert.Single(mirror.QuerySelectorAll("#mirror-comments li"));
        Assert.Contains("Un peu sévère mais juste.", comment.TextContent);
        Assert.NotNull((await GetPageAsync(s.Olga.Client, "/Participant/Feedback/Mirror")).QuerySelector("#no-ratings"));
    }

    [Fact]
    public async Task Overdue_requests_are_flagged_in_words()
    {
        var s = await ArrangeAsync();
        await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id], question: "En retard", dueOn: PortfolioBuilder.Today.AddDays(-1));
        await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id], question: "À temps", dueOn: PortfolioBuilder.Today.AddDays(3));
        var rows = (await GetPageAsync(s.Ben.Client, "/Participant/Feedback")).QuerySelectorAll("#owed tbody tr");
        Assert.Equal(["En retard", "À temps"], rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        Assert.Equal("En retard", rows[0].QuerySelector(".overdue")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector(".overdue"));
    }

    [Fact]
    public async Task Hostile_requests_are_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var s = await ArrangeAsync();
        var ask = $"/Participant/Feedback/Ask?evidence={s.EvidenceId}";
        var cases = new (Dictionary<string, string> Fields, string Message)[]
        {
            (new() { ["Input.Question"] = new string('q', FeedbackRequest.QuestionLength + 1) }, "compte au plus 4000 caractères"),
            (new() { ["Input.Question"] = "Q ?", ["Input.WholeGroup"] = "false", ["Input.PeerIds"] = s.Olga.Id }, "n'est pas membre de votre groupe"),
            (new() { ["Input.Question"] = "Q ?", ["Input.DueOn"] = PortfolioBuilder.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, "est passée"),
            (new() { ["Input.Question"] = "Q ?", ["Input.EvidenceIds"] = (s.EvidenceId + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "n'est pas une de vos preuves"),
            (new() { ["Input.Question"] = "Q ?", ["Input.ObjectiveIds"] = (await OtherFrameworkObjectiveAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "n'appartient pas au référentiel"),
        };
        foreach (var (fields, message) in cases)
        {
            var response = await PostFormAsync(s.Ana.Client, ask, fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent);
        }
        await using var db = Factory.NewDb();
        Assert.Equal(0, await db.FeedbackRequests.CountAsync());
    }

    [Fact]
    public async Task Hostile_answers_are_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var s = await ArrangeAsync();
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Ben.Id], objectiveIds: [s.Objective]);
        var url = $"/Participant/Feedback/Answer/{requestId}";
        var cases = new (Dictionary<string, string> Fields, string Message)[]
        {
            (new() { ["Input.Strengths"] = new string('s', Feedback.TextLength + 1) }, "compte au plus 8000 caractères"),
            (new() { ["Input.Strengths"] = "Bien", ["Input.Levels[0].Level"] = "99" }, "n'existe pas sur l'échelle"),
            (new() { ["Input.Strengths"] = "Bien", ["Input.StrengthsObjectiveIds"] = (await OtherFrameworkObjectiveAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "n'appartient pas au référentiel"),
            (new() { ["Input.Strengths"] = "Bien", ["Input.Levels[0].ObjectiveId"] = (s.Objective + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Levels[0].Level"] = "2" }, "ne concerne pas"),
        };
        foreach (var (fields, message) in cases)
        {
            foreach (var handler in new string?[] { null, "Submit" })
            {
                var response = await PostAnswerAsync(s.Ben.Client, url, fields, handler);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains(message, (await ParseAsync(response)).QuerySelector(".alert-danger")!.TextContent);
            }
        }
        var empty = await PostAnswerAsync(s.Ben.Client, url, [], "Submit");
        Assert.Contains("au moins une des trois parties", (await ParseAsync(empty)).QuerySelector(".alert-danger")!.TextContent);

        var received = $"/Participant/Feedback/Received/{requestId}";
        await Factory.GiveFeedbackAsync(await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [s.EvidenceId], [s.Cleo.Id]), s.Cleo.Id);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(0, await db.Feedback.CountAsync(f => f.PeerId == s.Ben.Id));
        }
        var otherRequest = await db2RequestOfAsync(s.Cleo.Id);
        var rating = await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Received/{otherRequest}", new() { ["rating.Critical"] = "7", ["rating.Benevolent"] = "0" }, "Rate");
        Assert.Equal(HttpStatusCode.OK, rating.StatusCode);
        Assert.Contains("Le champ Critique va de 1 à 4.", (await ParseAsync(rating)).QuerySelector(".alert-danger")!.TextContent);
        var reply = await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Received/{otherRequest}", new() { ["reply.Text"] = new string('r', Feedback.ReplyLength + 1) }, "Reply");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("compte au plus 4000 caractères", (await ParseAsync(reply)).QuerySelector(".alert-danger")!.TextContent);
        // Another person's feedback id on one's own request is not found.
        var page = await GetPageAsync(s.Ana.Client, received);
        var foreign = await s.Ana.Client.PostAsync($"{received}?handler=Keep&feedbackId=999999",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        await using var after = Factory.NewDb();
        Assert.Equal(0, await after.Feedback.CountAsync(f => f.RatedAt != null || f.RepliedAt != null));

        async Task<int> db2RequestOfAsync(string peerId)
        {
            await using var db = Factory.NewDb();
            return await db.FeedbackRecipients.Where(r => r.PeerId == peerId).Select(r => r.RequestId).SingleAsync();
        }
    }

    /// <summary>Posts the answer form as its button would: the draft (no handler), "Submit", or the autosave script's "Autosave".</summary>
    private static async Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string url, Dictionary<string, string> fields, string? handler)
    {
        var page = await GetPageAsync(client, url);
        var form = (IHtmlFormElement)page.QuerySelector("#feedback-form")!;
        var values = FormValues(form);
        values.RemoveAll(v => fields.ContainsKey(v.Key));
        values.AddRange(fields);
        return await client.PostAsync(handler is null ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(values));
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    private async Task<int> SingleRequestIdAsync()
    {
        await using var db = Factory.NewDb();
        return await db.FeedbackRequests.Select(r => r.Id).SingleAsync();
    }

    /// <summary>An objective of another framework than the cohort's.</summary>
    private async Task<int> OtherFrameworkObjectiveAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var (document, problems) = FrameworkDocument.Read("""
            {"code":"autre-referentiel","version":1,"title":"Autre référentiel","language":"fr","pillarLabel":"Module",
             "pillars":[{"code":"M1","title":"Module","objectives":[{"code":"M1.1","title":"Objectif d'ailleurs"}]}]}
            """);
        Assert.Empty(problems);
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        await FrameworkImport.ImportAsync(db, document!, DateTimeOffset.UtcNow);
        return await db.Frameworks.Where(f => f.Code == "autre-referentiel").SelectMany(f => f.Pillars).SelectMany(p => p.Objectives).Select(o => o.Id).SingleAsync();
    }


    /// <summary>Ana, Ben and Cléo in a group; Olga in another. Ana has an item with an attachment, and a private item.</summary>
    private async Task<Setup> ArrangeAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var people = new List<Person>();
        foreach (var email in new[] { "ana@example.be", "ben@example.be", "cleo@example.be", "olga@example.be" })
        {
            var client = await SignedInClientAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            people.Add(new Person(client, id));
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [people[0].Id, people[1].Id, people[2].Id]);
        await Factory.CreateGroupAsync(cohortId, "Groupe 2", [people[3].Id]);
        var objective = (await Factory.ObjectivesAsync(cohortId))[0].Id;
        var evidenceId = await Factory.AddEvidenceAsync(people[0].Id, cohortId, "Conduire la réunion budgétaire", [objective], description: "La réunion de mars.");
        var privateId = await Factory.AddEvidenceAsync(people[0].Id, cohortId, "Entretien confidentiel", [objective]);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var stored = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf));
        var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
        var attachment = evidence.Attach("compte-rendu.pdf", "application/pdf", Pdf.Length, stored.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return new Setup(cohortId, people[0], people[1], people[2], people[3], objective, evidenceId, attachment.Id, privateId);
    }
}
