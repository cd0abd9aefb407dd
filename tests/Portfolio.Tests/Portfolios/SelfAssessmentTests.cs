using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Portfolios;

public class SelfAssessmentTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly CultureInfo French = new("fr-BE");

    private static string EditUrl(int campaignId, int objectiveId) => $"/Participant/Assessments/Edit?campaignId={campaignId}&objectiveId={objectiveId}";

    private static string CompetencyUrl(int campaignId, int competencyId) => $"/Participant/Assessments/Edit?campaignId={campaignId}&competencyId={competencyId}";

    /// <summary>A signed-in participant enrolled in the cohort.</summary>
    private async Task<(HttpClient Client, string UserId)> ParticipantAsync(string email, int cohortId)
    {
        var client = await SignedInClientAsync(email, Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, userId);
        return (client, userId);
    }

    private async Task<int> CampaignIdAsync(int cohortId, string name)
    {
        await using var db = Factory.NewDb();
        return await db.Campaigns.Where(c => c.CohortId == cohortId && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private async Task<IReadOnlyList<int>> OutcomeIdsAsync(int objectiveId)
    {
        await using var db = Factory.NewDb();
        return await db.Set<LearningOutcome>().Where(o => o.ObjectiveId == objectiveId).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync();
    }

    private async Task<SelfAssessment?> StoredAsync(string userId, int campaignId, int objectiveId)
    {
        await using var db = Factory.NewDb();
        return await db.SelfAssessments.Include(a => a.Outcomes).AsNoTracking()
            .SingleOrDefaultAsync(a => a.ParticipantId == userId && a.CampaignId == campaignId && a.ObjectiveId == objectiveId);
    }

    /// <summary>A post the page offers no form for (read-only views): the antiforgery token is taken from the page's header form.</summary>
    private static async Task<HttpResponseMessage> PostWithoutFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await GetPageAsync(client, url);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    private static string RowVersionOf(IHtmlDocument page) => page.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;

    [Fact]
    public async Task A_participant_saves_a_level_a_justification_outcome_states_and_an_evidence_link()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var outcomes = await OutcomeIdsAsync(objective.Id);
        Assert.True(outcomes.Count >= 2);
        var evidenceId = await Factory.AddEvidenceAsync(userId, cohortId, "Note au comité de direction", [objective.Id]);
        var url = EditUrl(campaignId, objective.Id);

        var form = await GetPageAsync(client, url);
        Assert.NotNull(form.QuerySelector("form[data-warn-unsaved]"));
        Assert.Contains("Je découvre cette compétence", form.QuerySelector("label[for='level-1']")!.TextContent);
        Assert.Contains("Note au comité de direction", form.QuerySelector($"label[for='evidence-{evidenceId}']")!.TextContent);

        var response = await PostFormAsync(client, url, new()
        {
            ["Input.Level"] = "3",
            ["Input.Justification"] = "J'ai rédigé la note d'orientation du service.",
            [$"Input.Outcomes[{outcomes[0]}]"] = "Acquired",
            [$"Input.Outcomes[{outcomes[1]}]"] = "InProgress",
            ["Input.EvidenceIds"] = evidenceId.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await GetPageAsync(client, response.Headers.Location!.ToString());
        Assert.Contains("Votre auto-évaluation est enregistrée.", saved.QuerySelector("main")!.TextContent);
        Assert.True(((IHtmlInputElement)saved.QuerySelector("#level-3")!).IsChecked);
        Assert.True(((IHtmlInputElement)saved.QuerySelector($"#evidence-{evidenceId}")!).IsChecked);

        var stored = await StoredAsync(userId, campaignId, objective.Id);
        Assert.NotNull(stored);
        Assert.Equal(3, stored.Level);
        Assert.Equal("J'ai rédigé la note d'orientation du service.", stored.Justification);
        Assert.Equal(OutcomeState.Acquired, stored.Outcomes.Single(o => o.LearningOutcomeId == outcomes[0]).State);
        Assert.Equal(OutcomeState.InProgress, stored.Outcomes.Single(o => o.LearningOutcomeId == outcomes[1]).State);
        Assert.Equal(2, stored.Outcomes.Count);
        Assert.Equal([evidenceId], stored.EvidenceIds);

        var index = await GetPageAsync(client, "/Participant/Assessments");
        Assert.Contains("1 / 22 objectifs évalués", index.QuerySelector("#progress")!.TextContent);
        var row = index.QuerySelectorAll("main li").Single(li => li.TextContent.Contains(objective.Code + " —"));
        Assert.Contains("Maîtrisé", row.TextContent);
        Assert.Contains("À faire", index.QuerySelectorAll("main li").First(li => li != row).TextContent);
    }

    [Fact]
    public async Task Save_and_next_objective_goes_to_the_following_objective()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, _) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objectives = await Factory.ObjectivesAsync(cohortId);

        var response = await PostFormAsync(client, EditUrl(campaignId, objectives[0].Id), new() { ["Input.Level"] = "2", ["then"] = "next" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"objectiveId={objectives[1].Id}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_stale_second_save_is_refused_and_shows_the_conflict_keeping_the_second_text()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var url = EditUrl(campaignId, objective.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new() { ["Input.Level"] = "1", ["Input.Justification"] = "Brouillon" })).StatusCode);

        // Two tabs open the same form; the first one saves.
        var staleVersion = RowVersionOf(await GetPageAsync(client, url));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new()
        {
            ["Input.Level"] = "3", ["Input.Justification"] = "Texte de l'onglet A",
        })).StatusCode);

        var conflict = await PostFormAsync(client, url, new()
        {
            ["Input.Level"] = "2", ["Input.Justification"] = "Texte de l'onglet B", ["Input.RowVersion"] = staleVersion,
        });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await ParseAsync(conflict);
        var shown = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("Texte de l'onglet A", shown);
        Assert.Contains("Maîtrisé", shown);
        Assert.Equal("Texte de l'onglet B", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Justification']")!).Value.Trim());
        Assert.True(((IHtmlInputElement)page.QuerySelector("#level-2")!).IsChecked);
        var stored = await StoredAsync(userId, campaignId, objective.Id);
        Assert.Equal("Texte de l'onglet A", stored!.Justification);
        Assert.Equal(3, stored.Level);

        // Saving again from the conflict page is deliberate: it applies.
        var again = await PostFormAsync(client, url, new()
        {
            ["Input.Level"] = "2", ["Input.Justification"] = "Texte de l'onglet B", ["Input.RowVersion"] = RowVersionOf(page),
        });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        stored = await StoredAsync(userId, campaignId, objective.Id);
        Assert.Equal("Texte de l'onglet B", stored!.Justification);
        Assert.Equal(2, stored.Level);
    }

    [Fact]
    public async Task A_first_save_from_a_tab_opened_before_another_tab_saved_is_refused_as_a_conflict()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var url = EditUrl(campaignId, objective.Id);
        var emptyVersion = RowVersionOf(await GetPageAsync(client, url));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, url, new() { ["Input.Justification"] = "Premier onglet" })).StatusCode);

        var conflict = await PostFormAsync(client, url, new() { ["Input.Justification"] = "Second onglet", ["Input.RowVersion"] = emptyVersion });

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Premier onglet", (await ParseAsync(conflict)).QuerySelector("#conflict")!.TextContent);
        Assert.Equal("Premier onglet", (await StoredAsync(userId, campaignId, objective.Id))!.Justification);
    }

    [Fact]
    public async Task A_closed_campaign_is_read_only_and_a_post_changes_nothing()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var closed = await Factory.AddCampaignAsync(cohortId, "Campagne de l'an passé", 0, PortfolioBuilder.Today.AddDays(-60), PortfolioBuilder.Today.AddDays(-30));
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        await using (var db = Factory.NewDb())
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == closed.Id);
            var assessment = SelfAssessment.ForObjective(closed.Id, userId, objective.Id);
            // Recorded while the campaign was open.
            assessment.Record(campaign, campaign.OpensOn, [1, 2, 3, 4], 2, "Ce que j'écrivais alors", new Dictionary<int, OutcomeState>(), [], DateTimeOffset.UtcNow);
            db.SelfAssessments.Add(assessment);
            await db.SaveChangesAsync();
        }
        var url = EditUrl(closed.Id, objective.Id);

        var page = await GetPageAsync(client, url);
        Assert.Null(page.QuerySelector("main form"));
        Assert.Contains("clôturée", page.QuerySelector("#read-only")!.TextContent);
        Assert.Contains("Ce que j'écrivais alors", page.QuerySelector("#stored-justification")!.TextContent);
        Assert.Contains("En développement", page.QuerySelector("#stored-level")!.TextContent);

        var response = await PostWithoutFormAsync(client, url, new() { ["Input.Level"] = "4", ["Input.Justification"] = "Réécriture de l'histoire" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await ParseAsync(response);
        Assert.Contains("n'a pas été enregistrée", refused.QuerySelector("#refusal")!.TextContent);
        Assert.Null(refused.QuerySelector("main form"));
        var stored = await StoredAsync(userId, closed.Id, objective.Id);
        Assert.Equal("Ce que j'écrivais alors", stored!.Justification);
        Assert.Equal(2, stored.Level);
    }

    [Fact]
    public async Task An_upcoming_campaign_cannot_be_answered_yet()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var upcoming = await CampaignIdAsync(cohortId, "Mi-parcours");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var url = EditUrl(upcoming, objective.Id);

        var page = await GetPageAsync(client, url);
        Assert.Null(page.QuerySelector("main form"));
        var response = await PostWithoutFormAsync(client, url, new() { ["Input.Level"] = "4" });

        Assert.Contains("n'a pas été enregistrée", (await ParseAsync(response)).QuerySelector("#refusal")!.TextContent);
        Assert.Null(await StoredAsync(userId, upcoming, objective.Id));
    }

    [Fact]
    public async Task A_level_that_is_not_on_the_scale_is_refused_with_a_message()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];

        var response = await PostFormAsync(client, EditUrl(campaignId, objective.Id), new() { ["Input.Level"] = "9", ["Input.Justification"] = "Hors échelle" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains("Choisissez un niveau de l'échelle du référentiel.", page.QuerySelector("main [role=alert]")!.TextContent);
        Assert.Equal("Hors échelle", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Justification']")!).Value.Trim());
        Assert.Null(await StoredAsync(userId, campaignId, objective.Id));
    }

    [Fact]
    public async Task A_leadership_competency_is_refused_before_its_seminar_and_allowed_after()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (client, userId) = await ParticipantAsync("anne@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var seminarDay = PortfolioBuilder.Today.AddDays(10);
        var seminarId = await Factory.AddSeminarAsync(cohortId, "L1", seminarDay);
        int competencyId;
        await using (var db = Factory.NewDb())
        {
            competencyId = (await db.CohortSessions.SingleAsync(s => s.Id == seminarId)).LeadershipCompetencyId!.Value;
        }
        var url = CompetencyUrl(campaignId, competencyId);

        var index = await GetPageAsync(client, "/Participant/Assessments");
        var text = index.QuerySelector("main")!.TextContent;
        Assert.Contains($"Disponible après le séminaire du {Dates.Day(seminarDay, French)}", text);
        Assert.Contains("Séminaire non planifié", text);
        Assert.Null(index.QuerySelector($"a[href*='competencyId={competencyId}']"));

        var before = await GetPageAsync(client, url);
        Assert.Null(before.QuerySelector("main form"));
        Assert.Contains(Dates.Day(seminarDay, French), before.QuerySelector("#read-only")!.TextContent);
        var refused = await PostWithoutFormAsync(client, url, new() { ["Input.Level"] = "2" });
        Assert.Contains("n'a pas été enregistrée", (await ParseAsync(refused)).QuerySelector("#refusal")!.TextContent);
        await using (var db = Factory.NewDb())
        {
            Assert.False(await db.SelfAssessments.AnyAsync());
        }
        await Factory.MoveSessionAsync(seminarId, PortfolioBuilder.Today.AddDays(-1));

        var after = await GetPageAsync(client, "/Participant/Assessments");
        Assert.NotNull(after.QuerySelector($"a[href*='competencyId={competencyId}']"));
        var saved = await PostFormAsync(client, url, new() { ["Input.Level"] = "2", ["Input.Justification"] = "Retour du séminaire" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = Factory.NewDb();
        var stored = await check.SelfAssessments.SingleAsync();
        Assert.Equal(competencyId, stored.LeadershipCompetencyId);
        Assert.Null(stored.ObjectiveId);
        Assert.Equal(userId, stored.ParticipantId);
        Assert.Equal(2, stored.Level);
    }

    [Fact]
    public async Task Another_participant_can_neither_see_nor_change_someone_elses_self_assessment()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var (anne, anneId) = await ParticipantAsync("anne@example.be", cohortId);
        var (bruno, brunoId) = await ParticipantAsync("bruno@example.be", cohortId);
        var campaignId = await CampaignIdAsync(cohortId, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];
        var anneEvidence = await Factory.AddEvidenceAsync(anneId, cohortId, "Note confidentielle d'Anne", [objective.Id]);
        var url = EditUrl(campaignId, objective.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(anne, url, new()
        {
            ["Input.Level"] = "4", ["Input.Justification"] = "Mon texte très personnel", ["Input.EvidenceIds"] = anneEvidence.ToString(),
        })).StatusCode);

        var response = await bruno.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Mon texte très personnel", html);
        Assert.DoesNotContain("Note confidentielle", html);
        var page = await ParseAsync(response);
        Assert.Equal("", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name='Input.Justification']")!).Value.Trim());
        Assert.True(((IHtmlInputElement)page.QuerySelector("#level-none")!).IsChecked);
        Assert.Contains("0 / 22", (await GetPageAsync(bruno, "/Participant/Assessments")).QuerySelector("#progress")!.TextContent);

        // Bruno's save writes his own row only, and cannot link Anne's evidence.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(bruno, url, new()
        {
            ["Input.Level"] = "1", ["Input.Justification"] = "Texte de Bruno", ["Input.EvidenceIds"] = anneEvidence.ToString(),
        })).StatusCode);
        var annes = await StoredAsync(anneId, campaignId, objective.Id);
        Assert.Equal("Mon texte très personnel", annes!.Justification);
        Assert.Equal(4, annes.Level);
        var brunos = await StoredAsync(brunoId, campaignId, objective.Id);
        Assert.Equal("Texte de Bruno", brunos!.Justification);
        Assert.Empty(brunos.EvidenceIds);
    }

    [Fact]
    public async Task A_campaign_of_another_cohort_is_not_found()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var otherCohort = await Factory.CreateCohortWithCampaignsAsync("Autre promotion");
        var (client, _) = await ParticipantAsync("anne@example.be", cohortId);
        var foreignCampaign = await CampaignIdAsync(otherCohort, "Positionnement initial");
        var objective = (await Factory.ObjectivesAsync(cohortId))[0];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditUrl(foreignCampaign, objective.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Participant/Assessments?campaignId={foreignCampaign}")).StatusCode);
    }
}
