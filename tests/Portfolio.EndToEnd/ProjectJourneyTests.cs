using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// The transformation project in the browser (issue 11): Amélie states her project, adds a milestone and asks her group
/// for advice; Bruno answers beside the project; Amélie prepares and submits her final presentation; her juror reads it
/// and scores it with the programme's grid. axe-core on every page state.
/// </summary>
public sealed class ProjectJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Amelie = "amelie.dupont@exemple.be";
    private const string Bruno = "bruno.martin@exemple.be";
    private const string Juror = "marie.leroy@exemple.be";
    private const string Title = "Dématérialiser les marchés publics";
    private static readonly string[] Levels = ["Insuffisant", "Fragile", "Satisfaisant", "Bon", "Excellent"];

    [Fact]
    public async Task Participant_carries_her_project_to_the_jury()
    {
        var (cohortId, jurorId, ameliaId) = await ArrangeAsync();
        var page = Page;

        await SignInAsync(Amelie);
        await page.GetByRole(AriaRole.Link, new() { Name = "Projet de transformation", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon projet de transformation");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Décrire mon projet" }).ClickAsync();
        await page.GetByLabel("Titre du projet").FillAsync(Title);
        await page.GetByLabel("Contexte").FillAsync("Le service des achats traite ses marchés sur papier.");
        await page.GetByLabel("Ambition").FillAsync("Un marché signé en ligne de bout en bout.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'énoncé de votre projet a été enregistré.");
        await Expect(page.Locator("#statement h2")).ToHaveTextAsync(Title);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un jalon" }).ClickAsync();
        await page.GetByLabel("Jalon").FillAsync("Cartographier les procédures");
        await page.GetByLabel("Échéance").FillAsync("2026-03-31");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#milestones")).ToContainTextAsync("Cartographier les procédures");
        await page.GetByRole(AriaRole.Link, new() { Name = "Marquer comme atteint : Cartographier les procédures" }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Marquer comme atteint" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Jalon « Cartographier les procédures » atteint.");
        await CheckAccessibilityAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Demander conseil à mes pairs" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Demander conseil sur mon projet : {Title}" })).ToBeCheckedAsync();
        await page.GetByLabel("Votre question").FillAsync("Par où commencer avec l'équipe ?");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Received/\\d+"));
        await Expect(page.Locator("#material-project")).ToHaveTextAsync($"Projet de transformation : {Title}");

        await SignInAsync(Bruno);
        await page.GotoAsync("/Participant/Feedback");
        await page.GetByRole(AriaRole.Link, new() { Name = "Par où commencer avec l'équipe ?" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Answer/\\d+"));
        await Expect(page.Locator("#material-project-item")).ToContainTextAsync("Cartographier les procédures");
        await CheckAccessibilityAsync();
        await page.Locator("#input-strengths").FillAsync("La cartographie avec l'équipe est un bon départ.");
        await page.Locator("#input-suggestions").FillAsync("Commencez par les acheteurs volontaires.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon retour" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Votre retour, envoyé le") })).ToBeVisibleAsync();

        await SignInAsync(Amelie);
        await page.GotoAsync("/Participant/Project");
        await Expect(page.Locator("#advice")).ToContainTextAsync("Réponses : 1 sur 1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Préparer la présentation" }).ClickAsync();
        await page.GetByLabel("Date de la présentation").FillAsync("2026-06-20");
        await page.GetByLabel("Résumé").FillAsync("Le bilan : cinq marchés signés en ligne.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remettre la présentation" }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre la présentation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre présentation finale a été remise.");
        await Expect(page.Locator("#presentation-status")).ToContainTextAsync("Remise le");
        await CheckAccessibilityAsync();

        await SignInAsync(Juror);
        int candidate;
        await using (var db = Fixture.NewDb())
        {
            candidate = await db.JuryCandidates.Where(c => c.ParticipantId == ameliaId).Select(c => c.Id).SingleAsync();
        }
        await page.GotoAsync($"/Jury/Candidate/{candidate}");
        await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(page.Locator("#project-presentation")).ToContainTextAsync("Le bilan : cinq marchés signés en ligne.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Évaluer avec la grille du programme" }).ClickAsync();
        var criteria = page.Locator("main form fieldset");
        var count = await criteria.CountAsync();
        Assert.True(count >= 1);
        for (var i = 0; i < count; i++)
        {
            await criteria.Nth(i).GetByRole(AriaRole.Radio, new() { Name = $"4 — {Levels[3]}", Exact = true }).CheckAsync();
        }
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre mon évaluation" }).ClickAsync();
        await Expect(page.Locator("#my-score").GetByRole(AriaRole.Heading)).ToContainTextAsync("Votre évaluation, remise le");

        await using var check = Fixture.NewDb();
        Assert.True(await check.JurorScores.AnyAsync(s => s.JuryCandidateId == candidate && s.JurorId == jurorId && s.SubmittedAt != null));
        Assert.Equal(1, await check.Feedback.CountAsync(f => f.SubmittedAt != null));
        Assert.NotNull((await check.TransformationProjects.SingleAsync(p => p.CohortId == cohortId)).PresentationSubmittedAt);
    }

    /// <summary>Amélie and Bruno in one intervision group; Marie alone on Amélie's jury, no conflict declared.</summary>
    private async Task<(int CohortId, string JurorId, string AmeliaId)> ArrangeAsync()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var ids = new List<string>();
        foreach (var (email, first, last, role) in new[] { (Amelie, "Amélie", "Dupont", Roles.Participant), (Bruno, "Bruno", "Martin", Roles.Participant), (Juror, "Marie", "Leroy", Roles.JuryMember) })
        {
            var user = AppUser.Create(email, first, last, "Service public de Wallonie");
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            ids.Add(user.Id);
        }
        await Fixture.EnrolAsync(cohortId, ids[0]);
        await Fixture.EnrolAsync(cohortId, ids[1]);
        await Fixture.CreateGroupAsync(cohortId, "Groupe 1", [ids[0], ids[1]]);
        await Fixture.CreateDeclaredJuryAsync(cohortId, "Jury 1", [ids[2]], [ids[0]]);
        return (cohortId, ids[2], ids[0]);
    }
}
