using System.Net;
using AngleSharp.Html.Dom;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Scoring;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Juries;

/// <summary>The scoring grid, sealed independent scoring, calibration, deliberation, results, export and release.</summary>
public class ScoringTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Setup(int CohortId, int JuryId, int[] Candidates, string[] Jurors, HttpClient[] JurorClients, string[] Participants, HttpClient[] ParticipantClients);

    /// <summary>A cohort, a jury of four (the first chairs) who declared no conflict, and <paramref name="candidates"/> enrolled candidates.</summary>
    private async Task<Setup> SetupAsync(int candidates = 1, string prefix = "")
    {
        var cohortId = await Factory.CreateCohortAsync($"{prefix}Promotion 2025-2026");
        var jurors = new List<string>();
        var jurorClients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            var email = $"{prefix}juror{i}@example.be";
            jurorClients.Add(await SignedInClientAsync(email, Roles.JuryMember));
            jurors.Add(await Factory.UserIdAsync(email));
        }
        var participants = new List<string>();
        var participantClients = new List<HttpClient>();
        for (var i = 0; i < candidates; i++)
        {
            var email = $"{prefix}candidate{i}@example.be";
            participantClients.Add(await SignedInClientAsync(email, Roles.Participant));
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            participants.Add(id);
        }
        var (juryId, ids) = await Factory.CreateDeclaredJuryAsync(cohortId, $"{prefix}Jury A", [.. jurors], [.. participants]);
        return new Setup(cohortId, juryId, ids, [.. jurors], [.. jurorClients], [.. participants], [.. participantClients]);
    }


    /// <summary>Fills the score form (level and comment for every criterion) and submits it as the button "Remettre" does.</summary>
    private static async Task<HttpResponseMessage> PostScoreAsync(HttpClient client, int candidateId, int level, string comment, bool submit = true,
        Dictionary<string, string>? overrides = null)
    {
        var url = $"/Jury/Score/{candidateId}";
        var page = await GetPageAsync(client, url);
        var form = (IHtmlFormElement)page.QuerySelector("#score-form")!;
        var values = FormValues(form).Where(v => !v.Key.EndsWith(".Level", StringComparison.Ordinal) && !v.Key.EndsWith(".Comment", StringComparison.Ordinal)).ToList();
        var count = values.Count(v => v.Key.EndsWith(".CriterionId", StringComparison.Ordinal));
        for (var i = 0; i < count; i++)
        {
            values.Add(new($"Input.Marks[{i}].Level", level.ToString()));
            values.Add(new($"Input.Marks[{i}].Comment", comment));
        }
        foreach (var (key, value) in overrides ?? [])
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }
        return await client.PostAsync(submit ? url + "?handler=Submit" : url, new FormUrlEncodedContent(values));
    }

    private static async Task<string> TextOfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ParseAsync(response)).QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task A_juror_cannot_read_other_jurors_scores_before_all_have_submitted()
    {
        var s = await SetupAsync();
        var candidate = s.Candidates[0];
        for (var i = 1; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(s.JurorClients[i], candidate, i + 1, $"Avis secret du juré {i}", submit: i < 3)).StatusCode);
        }
        // The chair (juror 0) has not submitted either: two of four submitted, juror 3 keeps a draft.
        Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(s.JurorClients[0], candidate, 3, "Avis secret du président", submit: false)).StatusCode);

        foreach (var (client, who) in new[] { (s.JurorClients[2], 2), (s.JurorClients[0], 0) })
        {
            var score = await TextOfAsync(client, $"/Jury/Score/{candidate}");
            Assert.Contains("2 sur 4", score);
            Assert.DoesNotContain("Avis secret du juré 1", score);
            var calibration = await TextOfAsync(client, $"/Jury/Calibration/{s.JuryId}");
            Assert.DoesNotContain("Avis secret", calibration);
            Assert.Contains("2 sur 4", calibration);
            var page = await ParseAsync(await client.GetAsync($"/Jury/Calibration/{s.JuryId}"));
            Assert.Null(page.QuerySelector("#calibration"));
        }
        var sealedDeliberation = await TextOfAsync(s.JurorClients[0], $"/Jury/Deliberation/{candidate}");
        Assert.DoesNotContain("Avis secret du juré", sealedDeliberation);
        Assert.Contains("2 sur 4", sealedDeliberation);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var results = await TextOfAsync(coordinator, $"/Coordinator/Results/{s.CohortId}");
        Assert.Contains("2 sur 4", results);

        // The last two submit: the scores open for the jury.
        Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(s.JurorClients[3], candidate, 4, "Avis secret du juré 3")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(s.JurorClients[0], candidate, 3, "Avis secret du président")).StatusCode);

        var opened = await ParseAsync(await s.JurorClients[2].GetAsync($"/Jury/Calibration/{s.JuryId}"));
        Assert.NotNull(opened.QuerySelector("#calibration"));
        Assert.Contains("4 sur 4", await TextOfAsync(s.JurorClients[2], $"/Jury/Score/{candidate}"));
        var deliberation = await TextOfAsync(s.JurorClients[0], $"/Jury/Deliberation/{candidate}");
        Assert.Contains("Avis secret du juré 1", deliberation);
        Assert.Contains("Avis secret du juré 3", deliberation);
        // A juror's own Score page never shows the others' comments, even afterwards.
        Assert.DoesNotContain("Avis secret du juré 1", await TextOfAsync(s.JurorClients[2], $"/Jury/Score/{candidate}"));
    }

    [Fact]
    public async Task Calibration_flags_scores_two_levels_apart_or_across_the_pass_mark_first()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        // Criteria in order: agreed (3,3,3,3); far apart (2..4); across the pass mark 3 (2,3,2,2); agreed (4); agreed (5).
        int[][] levels = [[3, 2, 2, 4, 5], [3, 4, 3, 4, 5], [3, 3, 2, 4, 5], [3, 3, 2, 4, 5]];
        for (var j = 0; j < 4; j++)
        {
            await Factory.ScoreAsync(s.CohortId, c, s.Jurors[j], levels[j]);
        }
        var page = await GetPageAsync(s.JurorClients[1], $"/Jury/Calibration/{s.JuryId}");
        var rows = page.QuerySelectorAll("#calibration tbody tr").ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["yes", "yes", "no", "no", "no"], rows.Select(r => r.GetAttribute("data-flagged")));
        Assert.Contains("Rapport individuel", rows[0].TextContent);
        Assert.Contains("Écart de 2 niveaux", rows[0].TextContent);
        Assert.Contains("Présentation orale", rows[1].TextContent);
        Assert.Contains("De part et d'autre du seuil de réussite", rows[1].TextContent);
        Assert.DoesNotContain("Écart de", rows[1].TextContent);
        Assert.Contains("Rapport collectif", rows[2].TextContent);
    }

    [Fact]
    public async Task Deliberation_is_recorded_by_the_chair_only_and_every_change_is_audited()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        foreach (var juror in s.Jurors)
        {
            await Factory.ScoreAsync(s.CohortId, c, juror, [3, 3, 4, 4, 3], "Bien");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await s.JurorClients[1].GetAsync($"/Jury/Deliberation/{c}")).StatusCode);

        var fields = new Dictionary<string, string> { ["Input.Decision"] = "Passed", ["Input.Comments"] = "Bravo pour la défense." };
        for (var i = 0; i < 5; i++)
        {
            fields[$"Input.Marks[{i}].Level"] = "4";
            fields[$"Input.Marks[{i}].Rationale"] = "Accord du jury";
        }
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.JurorClients[0], $"/Jury/Deliberation/{c}", fields)).StatusCode);
        fields["Input.Decision"] = "Deferred";
        fields["Input.Marks[0].Level"] = "2";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.JurorClients[0], $"/Jury/Deliberation/{c}", fields)).StatusCode);

        var page = await GetPageAsync(s.JurorClients[0], $"/Jury/Deliberation/{c}");
        var audit = page.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(audit, r => r.Contains("Décision") && r.Contains("Réussi") && r.Contains("Ajourné") && r.Contains("Prénom juror0"));
        Assert.Contains(audit, r => r.Contains("Niveau retenu — Rapport collectif") && r.Contains("4 — Bon") && r.Contains("2 — Fragile"));
        Assert.Contains(audit, r => r.Contains("Commentaires pour le candidat") && r.Contains("Bravo pour la défense."));
        await using var db = Factory.NewDb();
        var stored = await db.Deliberations.SingleAsync();
        Assert.Equal(Decision.Deferred, stored.Decision);
        // Weighted: (1 + 3·4) / (5·4) · 20 = 13.
        Assert.Equal(13m, stored.Grade);
        Assert.Equal(5 * 2 + 2 + 2, await db.DeliberationChanges.CountAsync());
        Assert.All(await db.DeliberationChanges.ToListAsync(), ch => Assert.Equal(s.Jurors[0], ch.ById));
    }

    [Fact]
    public async Task Results_are_invisible_to_the_candidate_before_release_and_visible_after()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        foreach (var juror in s.Jurors)
        {
            await Factory.ScoreAsync(s.CohortId, c, juror, [4, 4, 4, 4, 4], "Commentaire individuel du juré");
        }
        await Factory.DeliberateAsync(s.CohortId, c, [4, 4, 4, 4, 5], Decision.Passed, "Un travail remarquable.");
        var candidate = s.ParticipantClients[0];

        var before = await GetPageAsync(candidate, "/Participant/Results");
        Assert.NotNull(before.QuerySelector("#no-results"));
        Assert.DoesNotContain("Un travail remarquable.", before.Body!.TextContent);
        Assert.Null((await GetPageAsync(candidate, "/Participant")).QuerySelector("a[href='/Participant/Results']"));

        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, $"/Coordinator/Results/Release/{s.CohortId}", [])).StatusCode);

        var after = await GetPageAsync(candidate, "/Participant/Results");
        Assert.Equal("Réussi", after.QuerySelector("#decision")!.TextContent.Trim());
        Assert.Contains("16,0 / 20", after.QuerySelector("#grade")!.TextContent);
        Assert.Contains("Un travail remarquable.", after.QuerySelector("#comments")!.TextContent);
        Assert.Contains("5 sur 5 — Excellent", after.QuerySelector("#agreed")!.TextContent);
        Assert.DoesNotContain("Commentaire individuel du juré", after.Body!.TextContent);
        Assert.NotNull(after.QuerySelector("a[href='/Participant/Results']"));
        await using var db = Factory.NewDb();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == s.Participants[0] && n.Kind == NotificationKind.ResultsReleased && n.Link == "/Participant/Results"));
    }

    [Fact]
    public async Task A_cohort_without_candidates_has_no_results_to_release()
    {
        var cohortId = await Factory.CreateCohortAsync("Promotion sans jury");
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var url = $"/Coordinator/Results/Release/{cohortId}";

        var page = await GetPageAsync(coordinator, url);
        Assert.Contains("il n'y a pas de résultats à publier", page.QuerySelector("#no-candidates")!.TextContent);
        Assert.Null(page.QuerySelector("main form[method=post]"));
        // As a page opened before the candidates were unassigned would post it.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await coordinator.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("il n'y a pas de résultats à publier", (await ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.False(await db.ResultsReleases.AnyAsync());
    }

    [Fact]
    public async Task Release_is_refused_while_a_decision_is_missing_and_names_the_candidate()
    {
        var s = await SetupAsync(candidates: 2);
        foreach (var c in s.Candidates)
        {
            foreach (var juror in s.Jurors)
            {
                await Factory.ScoreAsync(s.CohortId, c, juror, [3, 3, 3, 3, 3]);
            }
        }
        await Factory.DeliberateAsync(s.CohortId, s.Candidates[0], [3, 3, 3, 3, 3], Decision.Passed);
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await PostFormAsync(coordinator, $"/Coordinator/Results/Release/{s.CohortId}", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Prénom candidate1", page.QuerySelector("#missing-decisions")!.TextContent);
        Assert.DoesNotContain("Prénom candidate0", page.QuerySelector("#missing-decisions")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.False(await db.ResultsReleases.AnyAsync());
        Assert.False(await db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ResultsReleased));
    }

    [Fact]
    public async Task The_exported_workbook_keeps_a_comment_beginning_with_equals_as_quote_prefixed_text()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        foreach (var juror in s.Jurors)
        {
            await Factory.ScoreAsync(s.CohortId, c, juror, [3, 3, 3, 3, 3]);
        }
        await Factory.DeliberateAsync(s.CohortId, c, [3, 3, 3, 3, 3], Decision.Passed, "=HYPERLINK(\"http://evil.example\",\"clic\")");
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var response = await coordinator.GetAsync($"/Coordinator/Results/Export/{s.CohortId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        var comment = sheet.Row(2).CellsUsed().Last();
        // The same text, marked as text by the quote prefix (SpreadsheetText.Write): shown, never run.
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"clic\")", comment.GetString());
        Assert.True(comment.Style.IncludeQuotePrefix);
        Assert.Equal(XLDataType.Text, comment.DataType);
        Assert.False(comment.HasFormula);
        Assert.Equal("Prénom candidate0", sheet.Cell(2, 1).GetString());
        Assert.Equal(10m, sheet.Row(2).Cells().First(x => x.DataType == XLDataType.Number && x.GetValue<decimal>() == 10m).GetValue<decimal>());
    }

    [Fact]
    public async Task A_juror_with_a_major_conflict_or_of_another_jury_gets_404_on_Score()
    {
        var s = await SetupAsync();
        var other = await SetupAsync(prefix: "b-");
        await using (var db = Factory.NewDb())
        {
            // Juror 3 steps aside for the candidate: replace the declaration with a major conflict.
            db.ConflictDeclarations.RemoveRange(db.ConflictDeclarations.Where(d => d.JurorId == s.Jurors[3]));
            await db.SaveChangesAsync();
        }
        await Factory.DeclareAsync(s.Candidates[0], s.Jurors[3], ConflictLevel.Major);

        Assert.Equal(HttpStatusCode.NotFound, (await s.JurorClients[3].GetAsync($"/Jury/Score/{s.Candidates[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.JurorClients[0].GetAsync($"/Jury/Score/{s.Candidates[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.JurorClients[0].GetAsync($"/Jury/Calibration/{s.JuryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.JurorClients[0].GetAsync($"/Jury/Deliberation/{s.Candidates[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.JurorClients[0].GetAsync($"/Jury/Score/{s.Candidates[0]}")).StatusCode);

        // The juror who stepped aside is not awaited: three submissions open the scores.
        for (var j = 0; j < 3; j++)
        {
            await using var db = Factory.NewDb();
            db.JurorScores.RemoveRange(db.JurorScores.Where(x => x.JurorId == s.Jurors[j]));
            await db.SaveChangesAsync();
            await Factory.ScoreAsync(s.CohortId, s.Candidates[0], s.Jurors[j], [3, 3, 3, 3, 3]);
        }
        Assert.Contains("3 sur 3", await TextOfAsync(s.JurorClients[0], $"/Jury/Score/{s.Candidates[0]}"));
    }

    [Fact]
    public async Task Sealing_awaits_the_same_scorers_as_JuryAccess()
    {
        var s = await SetupAsync(candidates: 2);
        await using var db = Factory.NewDb();
        db.ConflictDeclarations.RemoveRange(db.ConflictDeclarations.Where(d => d.JurorId == s.Jurors[2] && d.JuryCandidateId == s.Candidates[1]));
        await db.SaveChangesAsync();
        await Factory.DeclareAsync(s.Candidates[1], s.Jurors[2], ConflictLevel.Major);
        foreach (var c in s.Candidates)
        {
            var expected = await JuryAccess.ScorersOf(db, c).Select(m => m.UserId).OrderBy(x => x).ToListAsync();
            var actual = await Sealing.Scorers(db).Where(x => x.JuryCandidateId == c).Select(x => x.UserId).OrderBy(x => x).ToListAsync();
            Assert.Equal(expected, actual);
        }
        Assert.Equal(3, (await Sealing.StateAsync(db, s.Candidates[1])).Expected);
    }

    [Fact]
    public async Task Strange_score_inputs_are_refused_with_a_message_never_a_500()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        var client = s.JurorClients[1];
        var criteria = await Factory.CriteriaAsync(s.CohortId);

        var offScale = await PostScoreAsync(client, c, 999, "x");
        Assert.Equal(HttpStatusCode.OK, offScale.StatusCode);
        Assert.Contains("Choisissez un niveau de l'échelle.", (await ParseAsync(offScale)).Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, c, -3, "x", overrides: new() { ["Input.Marks[0].Level"] = "abc" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, c, 3, "x", overrides: new() { ["Input.Marks[0].CriterionId"] = "999999" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, c, 3, new string('é', 5000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostScoreAsync(client, c, 3, "x", overrides: new() { ["Input.RowVersion"] = "-1" })).StatusCode);
        var incomplete = await PostScoreAsync(client, c, 3, "x", overrides: new() { ["Input.Marks[2].Level"] = "" });
        Assert.Contains("Choisissez un niveau pour chaque critère", (await ParseAsync(incomplete)).Body!.TextContent);

        // A draft, then a save from a form loaded before it: refused as stale, not overwritten.
        var staleForm = FormValues((IHtmlFormElement)(await GetPageAsync(client, $"/Jury/Score/{c}")).QuerySelector("#score-form")!);
        Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(client, c, 4, "Premier brouillon", submit: false)).StatusCode);
        staleForm.RemoveAll(v => v.Key.EndsWith(".Level", StringComparison.Ordinal));
        staleForm.AddRange(criteria.Select((_, i) => new KeyValuePair<string, string>($"Input.Marks[{i}].Level", "1")));
        var stale = await client.PostAsync($"/Jury/Score/{c}", new FormUrlEncodedContent(staleForm));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("enregistrée ailleurs", (await ParseAsync(stale)).Body!.TextContent);

        // Submitted once; the second submission is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await PostScoreAsync(client, c, 4, "Final")).StatusCode);
        var stored = await GetPageAsync(client, $"/Jury/Score/{c}");
        Assert.Null(stored.QuerySelector("#score-form"));
        Assert.Contains("Final", stored.QuerySelector("#my-score")!.TextContent);
        var again = await client.PostAsync($"/Jury/Score/{c}?handler=Submit", new FormUrlEncodedContent(staleForm));
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);
        await using var db = Factory.NewDb();
        Assert.All(await db.JurorMarks.ToListAsync(), m => Assert.Equal(4, m.Level));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Jury/Score/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Jury/Calibration/2147483647")).StatusCode);
    }

    [Fact]
    public async Task Strange_deliberation_and_grid_inputs_never_answer_500()
    {
        var s = await SetupAsync();
        var c = s.Candidates[0];
        // Sealed: the chair's post is refused with the reason.
        var sealedPost = await s.JurorClients[0].PostAsync($"/Jury/Deliberation/{c}", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.InternalServerError, sealedPost.StatusCode);
        foreach (var juror in s.Jurors)
        {
            await Factory.ScoreAsync(s.CohortId, c, juror, [3, 3, 3, 3, 3]);
        }
        var bogus = await PostFormAsync(s.JurorClients[0], $"/Jury/Deliberation/{c}", new() { ["Input.Decision"] = "Bogus", ["Input.Marks[0].Level"] = "77" });
        Assert.Equal(HttpStatusCode.OK, bogus.StatusCode);
        var noLevels = await PostFormAsync(s.JurorClients[0], $"/Jury/Deliberation/{c}", new() { ["Input.Decision"] = "Passed", ["Input.Marks[0].Level"] = "" });
        Assert.Contains("Fixez le niveau retenu pour chaque critère", (await ParseAsync(noLevels)).Body!.TextContent);

        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        int programmeId;
        await using (var db = Factory.NewDb())
        {
            programmeId = await db.Cohorts.Where(x => x.Id == s.CohortId).Select(x => x.ProgrammeId).SingleAsync();
        }
        var frozen = await GetPageAsync(coordinator, $"/Coordinator/Programmes/Grid/{programmeId}");
        Assert.NotNull(frozen.QuerySelector("#grid-frozen"));
        var refused = await coordinator.PostAsync($"/Coordinator/Programmes/Grid/{programmeId}", new FormUrlEncodedContent([new("Input.PassMark", "0"), new("Input.Criteria[0].Weight", "-5")]));
        Assert.NotEqual(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Programmes/Grid/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Results/2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/Coordinator/Results/Export/2147483647")).StatusCode);
    }

    [Fact]
    public async Task A_new_programme_gets_the_default_grid_which_its_coordinator_edits_until_scores_exist()
    {
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var programmeId = await Factory.CreateProgrammeAsync("cycle");
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("coord@example.be"), "cycle");
        var url = $"/Coordinator/Programmes/Grid/{programmeId}";
        var page = await GetPageAsync(coordinator, url);
        Assert.Equal("Rapport collectif", page.QuerySelector("#criterion-0-title")!.GetAttribute("value"));
        Assert.Equal("Excellent", page.QuerySelector("#level-4")!.GetAttribute("value"));

        var saved = await PostFormAsync(coordinator, url, new()
        {
            ["Input.Criteria[4].Title"] = "",
            ["Input.Criteria[0].Weight"] = "40",
            ["Input.Levels[4]"] = "",
            ["Input.PassMark"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = Factory.NewDb();
        var grid = await db.ScoringGrids.Include(g => g.Criteria).Include(g => g.Levels).SingleAsync(g => g.ProgrammeId == programmeId);
        Assert.Equal(4, grid.Criteria.Count);
        Assert.Equal(4, grid.Levels.Count);
        Assert.Equal(2, grid.PassMark);
        Assert.Equal(40, grid.Criteria.Single(c => c.Position == 0).Weight);

        // A coordinator of another programme does not find it.
        var stranger = await SignedInClientAsync("other@example.be", Roles.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
    }
}
