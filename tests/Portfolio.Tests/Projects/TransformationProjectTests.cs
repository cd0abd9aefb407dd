using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Submissions;

namespace Portfolio.Tests.Projects;

/// <summary>The transformation project through the pages: the owner's use cases, who reads it (peers, jury) and who never does.</summary>
public class TransformationProjectTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private sealed record Person(HttpClient Client, string Id);

    private sealed record Setup(int CohortId, Person Ana, Person Ben, Person Olga);

    /// <summary>Ana and Ben in one intervision group, Olga in another, all in one cohort.</summary>
    private async Task<Setup> ArrangeAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var people = new List<Person>();
        foreach (var email in new[] { "ana@example.be", "ben@example.be", "olga@example.be" })
        {
            var client = await SignedInClientAsync(email, Roles.Participant);
            var id = await Factory.UserIdAsync(email);
            await Factory.EnrolAsync(cohortId, id);
            people.Add(new Person(client, id));
        }
        await Factory.CreateGroupAsync(cohortId, "Groupe 1", [people[0].Id, people[1].Id]);
        await Factory.CreateGroupAsync(cohortId, "Groupe 2", [people[2].Id]);
        return new Setup(cohortId, people[0], people[1], people[2]);
    }

    private async Task<TransformationProject> StoredProjectAsync(string ownerId)
    {
        await using var db = Factory.NewDb();
        return await db.TransformationProjects.Include(p => p.Milestones).SingleAsync(p => p.OwnerId == ownerId);
    }

    [Fact]
    public async Task A_participant_states_her_project_adds_a_milestone_and_completes_it_once()
    {
        var s = await ArrangeAsync();
        var empty = await GetPageAsync(s.Ana.Client, "/Participant/Project");
        Assert.NotNull(empty.QuerySelector("#no-project"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Project/Statement", new()
        {
            ["Input.Title"] = "Dématérialiser les marchés publics",
            ["Input.Context"] = "Service des achats,\n\n  douze agents.",
            ["Input.Ambition"] = "Un marché signé en ligne de bout en bout.",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Project/Milestone", new()
        {
            ["Input.Title"] = "Cartographier les procédures",
            ["Input.DueOn"] = "2026-03-31",
        })).StatusCode);
        var project = await StoredProjectAsync(s.Ana.Id);
        Assert.Equal(("Dématérialiser les marchés publics", "Service des achats,\n\n  douze agents.", Visibility.Private), (project.Title, project.Context, project.Visibility));
        var milestone = Assert.Single(project.Milestones);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, $"/Participant/Project/Complete/{milestone.Id}", new() { ["Input.DoneOn"] = "2026-03-20" })).StatusCode);
        var again = await PostFormAsync(s.Ana.Client, $"/Participant/Project/Complete/{milestone.Id}", new() { ["Input.DoneOn"] = "2026-03-25" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Ce jalon est déjà marqué comme atteint.", (await ParseAsync(again)).QuerySelector("main")!.TextContent);
        Assert.Equal(new DateOnly(2026, 3, 20), (await StoredProjectAsync(s.Ana.Id)).Milestones.Single().DoneOn);

        var page = await GetPageAsync(s.Ana.Client, "/Participant/Project");
        Assert.Contains("Dématérialiser les marchés publics", page.QuerySelector("#statement")!.TextContent);
        Assert.Contains("Atteint le 20 mars 2026", page.QuerySelector("#milestones")!.TextContent);
    }

    [Fact]
    public async Task A_stale_statement_is_refused_and_keeps_what_was_typed()
    {
        var s = await ArrangeAsync();
        await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Premier titre");
        var form = await GetPageAsync(s.Ana.Client, "/Participant/Project/Statement");
        var version = form.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Project/Statement", new() { ["Input.Title"] = "Titre d'un autre onglet" })).StatusCode);

        var stale = await PostFormAsync(s.Ana.Client, "/Participant/Project/Statement", new() { ["Input.Title"] = "Mon titre", ["Input.RowVersion"] = version });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await ParseAsync(stale);
        Assert.Equal("Mon titre", page.QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));
        Assert.Equal("Titre d'un autre onglet", (await StoredProjectAsync(s.Ana.Id)).Title);
    }

    [Fact]
    public async Task The_project_page_lists_her_own_tied_reflections_and_evidence()
    {
        var s = await ArrangeAsync();
        await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats");
        var objective = (await Factory.ObjectivesAsync(s.CohortId))[0].Id;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Journal/Edit", new()
        {
            ["Input.Title"] = "Première réunion d'équipe", ["Input.WrittenOn"] = "2026-02-10", ["Input.OnProject"] = "true",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Journal/Edit", new()
        {
            ["Input.Title"] = "Réflexion sans lien", ["Input.WrittenOn"] = "2026-02-11",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Evidence/Edit", new()
        {
            ["Input.Title"] = "Note de cadrage", ["Input.OccurredOn"] = "2026-02-12", ["Input.ObjectiveIds"] = objective.ToString(), ["Input.OnProject"] = "true",
        })).StatusCode);
        // Ben's items are never Ana's, whatever he ticks: his form offers his own project only, and he has none.
        await Factory.AddEvidenceAsync(s.Ben.Id, s.CohortId, "Preuve de Ben", [objective]);

        var page = await GetPageAsync(s.Ana.Client, "/Participant/Project");
        Assert.Equal(["Première réunion d'équipe"], page.QuerySelectorAll("#tied-reflections a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Note de cadrage"], page.QuerySelectorAll("#tied-evidence a").Select(a => a.TextContent.Trim()));
        var journalForm = await GetPageAsync(s.Ben.Client, "/Participant/Journal/Edit");
        Assert.Null(journalForm.QuerySelector("#on-project"));
    }

    [Fact]
    public async Task Peers_read_a_project_only_as_ItemAccess_allows()
    {
        var s = await ArrangeAsync();
        var projectId = await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats");
        Assert.Equal(HttpStatusCode.NotFound, (await s.Ben.Client.GetAsync($"/Peer/Project/Details/{projectId}")).StatusCode);

        await using (var db = Factory.NewDb())
        {
            var project = await db.TransformationProjects.SingleAsync();
            project.State(project.Title, project.Context, project.Ambition, Visibility.Group, [], DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var read = await GetPageAsync(s.Ben.Client, $"/Peer/Project/Details/{projectId}");
        Assert.Contains("Réduire les délais de moitié.", read.QuerySelector("main")!.TextContent);
        Assert.Contains("Réforme des achats", (await GetPageAsync(s.Ben.Client, "/Peer")).QuerySelector("#shared-projects")!.TextContent);
        var refused = await s.Olga.Client.GetAsync($"/Peer/Project/Details/{projectId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("Réforme", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Asking_advice_on_the_project_shares_it_with_the_peers_asked_until_withdrawn()
    {
        var s = await ArrangeAsync();
        var projectId = await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats", milestones: 2, done: 1);
        var ask = await GetPageAsync(s.Ana.Client, "/Participant/Feedback/Ask?project=true");
        Assert.True(ask.QuerySelector("#on-project")!.HasAttribute("checked"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Feedback/Ask?project=true", new()
        {
            ["Input.Question"] = "Par quoi commencer la conduite du changement ?",
        })).StatusCode);
        await using var db = Factory.NewDb();
        var request = await db.FeedbackRequests.SingleAsync();
        Assert.Equal(projectId, request.ProjectId);
        Assert.Equal(NotificationKind.FeedbackRequested, (await db.Notifications.SingleAsync(n => n.UserId == s.Ben.Id)).Kind);

        var answer = await GetPageAsync(s.Ben.Client, $"/Participant/Feedback/Answer/{request.Id}");
        Assert.Contains("Projet de transformation : Réforme des achats", answer.QuerySelector("#material-project-item")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await s.Ben.Client.GetAsync($"/Peer/Project/Details/{projectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Olga.Client.GetAsync($"/Peer/Project/Details/{projectId}")).StatusCode);

        await Factory.GiveFeedbackAsync(request.Id, s.Ben.Id, strengths: "Commencez par les acheteurs volontaires.");
        var mine = await GetPageAsync(s.Ana.Client, "/Participant/Project");
        Assert.Contains("Réponses : 1 sur 1", mine.QuerySelector("#advice")!.TextContent);
        var received = await GetPageAsync(s.Ana.Client, $"/Participant/Feedback/Received/{request.Id}");
        Assert.Contains("Commencez par les acheteurs volontaires.", received.QuerySelector("main")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, $"/Participant/Feedback/Withdraw/{request.Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Ben.Client.GetAsync($"/Peer/Project/Details/{projectId}")).StatusCode);
    }

    [Fact]
    public async Task The_presentation_is_frozen_once_submitted_through_the_pages()
    {
        var s = await ArrangeAsync();
        var projectId = await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats");
        var incomplete = await PostFormAsync(s.Ana.Client, "/Participant/Project/Submit", []);
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("donnez-lui une date et un résumé", (await ParseAsync(incomplete)).QuerySelector("main")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Project/Presentation",
            new() { ["Input.PresentationOn"] = "2026-06-20", ["Input.Summary"] = "Le bilan de la réforme." }, file: ("Upload", "diapositives.pdf", Pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Ana.Client, "/Participant/Project/Submit", [])).StatusCode);
        var frozen = await PostFormAsync(s.Ana.Client, "/Participant/Project/Presentation", new() { ["Input.Summary"] = "Réécrit après coup." });
        Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        var stored = await StoredProjectAsync(s.Ana.Id);
        Assert.Equal(("Le bilan de la réforme.", "diapositives.pdf"), (stored.PresentationSummary, stored.PresentationFileName));
        Assert.NotNull(stored.PresentationSubmittedAt);
        var download = await s.Ana.Client.GetAsync($"/Participant/Project/File/{projectId}");
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Olga.Client.GetAsync($"/Participant/Project/File/{projectId}")).StatusCode);
    }

    [Fact]
    public async Task The_jury_reads_a_submitted_presentation_of_its_open_candidates_only_and_scores_it_with_the_programmes_grid()
    {
        var s = await ArrangeAsync();
        var juror = await SignedInClientAsync("jury1@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("jury1@example.be");
        var other = await SignedInClientAsync("jury2@example.be", Roles.JuryMember);
        var otherId = await Factory.UserIdAsync("jury2@example.be");
        var (_, candidates) = await Factory.CreateDeclaredJuryAsync(s.CohortId, "Jury 1", [jurorId], [s.Ana.Id]);
        await Factory.CreateDeclaredJuryAsync(s.CohortId, "Jury 2", [otherId], [s.Ben.Id]);
        var candidate = candidates[0];
        await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats", milestones: 3, done: 2);

        // Before the presentation is submitted the jury sees nothing of the project.
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Project/{candidate}")).StatusCode);
        Assert.NotNull((await GetPageAsync(juror, $"/Jury/Candidate/{candidate}")).QuerySelector("#no-candidate-project"));

        await using (var db = Factory.NewDb())
        {
            var project = await db.TransformationProjects.SingleAsync();
            project.PreparePresentation(new DateOnly(2026, 6, 20), "Le bilan de la réforme.", DateTimeOffset.UtcNow);
            project.SubmitPresentation(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var home = await GetPageAsync(juror, $"/Jury/Candidate/{candidate}");
        Assert.Contains("Réforme des achats", home.QuerySelector("#candidate-project")!.TextContent);
        var page = await GetPageAsync(juror, $"/Jury/Project/{candidate}");
        Assert.Contains("Le bilan de la réforme.", page.QuerySelector("#project-presentation")!.TextContent);
        Assert.Contains("Atteints : 2 sur 3", page.QuerySelector("main")!.TextContent);
        Assert.Equal($"/Jury/Score/{candidate}", page.QuerySelector("#score-project")!.GetAttribute("href"));

        // The score page is the programme's grid, the same for the project as for the rest of the work.
        var criteria = await Factory.CriteriaAsync(s.CohortId);
        var score = await GetPageAsync(juror, $"/Jury/Score/{candidate}");
        Assert.Equal(criteria.Length, score.QuerySelectorAll("main form fieldset").Length);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Jury/Project/{candidate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Jury/ProjectFile/{candidate}")).StatusCode);
    }

    [Fact]
    public async Task A_juror_who_stepped_aside_reads_no_project()
    {
        var s = await ArrangeAsync();
        var juror = await SignedInClientAsync("jury1@example.be", Roles.JuryMember);
        var jurorId = await Factory.UserIdAsync("jury1@example.be");
        var candidate = await Factory.JuryWithCandidateAsync(s.CohortId, "Jury 1", [jurorId], s.Ana.Id);
        await Factory.DeclareAsync(candidate, jurorId, ConflictLevel.Major, "Ma collègue directe.");
        await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats", submitted: true);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync($"/Jury/Project/{candidate}")).StatusCode);
    }

    [Fact]
    public async Task The_coordinator_sees_figures_and_titles_never_the_projects_texts()
    {
        var s = await ArrangeAsync();
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var projectId = await Factory.AddProjectAsync(s.Ana.Id, s.CohortId, "Réforme des achats", milestones: 3, done: 1, submitted: true);
        var requestId = await Factory.AskFeedbackAsync(s.CohortId, s.Ana.Id, [], [s.Ben.Id], objectiveIds: [(await Factory.ObjectivesAsync(s.CohortId))[0].Id]);
        await using (var db = Factory.NewDb())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"FeedbackRequests\" SET \"ProjectId\" = {projectId} WHERE \"Id\" = {requestId}");
        }
        await Factory.GiveFeedbackAsync(requestId, s.Ben.Id);

        var page = await GetPageAsync(coordinator, $"/Coordinator/Projects/{s.CohortId}");
        var ana = page.QuerySelector("#projects tr[data-participant='Prénom ana']")!;
        var cells = ana.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("Réforme des achats", cells[0]);
        Assert.Equal("1 sur 3", cells[1]);
        Assert.Equal("1", cells[2]);
        Assert.StartsWith("Remise le", cells[3]);
        Assert.Equal(2, page.QuerySelectorAll("#projects tbody tr").Count(r => r.TextContent.Contains("Pas encore de projet")));
        Assert.DoesNotContain("Réduire les délais", page.QuerySelector("main")!.TextContent);

        var facilitator = await SignedInClientAsync("facilitation@example.be", Roles.Facilitator);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.GetAsync($"/Peer/Project/Details/{projectId}")).StatusCode);
    }
}
