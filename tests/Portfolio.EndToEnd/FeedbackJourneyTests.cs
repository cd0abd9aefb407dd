using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// Peer feedback in the browser. The steps are small methods (ask, answer, read and rate, keep) so that longer journeys
/// (the named one, with notifications and co-development) can reuse them.
/// </summary>
public sealed class FeedbackJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IDisposable
{
    private const string Amelie = "amelie.dupont@exemple.be";
    private const string Bruno = "bruno.martin@exemple.be";
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-e2e-").FullName;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task A_peer_answers_a_request_and_the_requester_rates_the_feedback_and_keeps_it_as_evidence()
    {
        var (_, evidenceId) = await ArrangeGroupAsync();

        await SignInAsync(Amelie);
        await AskGroupAsync(evidenceId, "Comment ai-je mené la réunion budgétaire ?");

        await SignInAsync(Bruno);
        await AnswerAsync("Comment ai-je mené la réunion budgétaire ?", "compte-rendu.pdf",
            "Un ordre du jour clair.", "Qui prenait les décisions ?", "Un tour de table au début.");

        await SignInAsync(Amelie);
        await ReadReplyRateAndKeepAsync("Bruno Martin", "Merci, je retiens le tour de table.", critical: 3, benevolent: 4);

        // Bruno sees what kind of mirror he is.
        await SignInAsync(Bruno);
        await Page.GotoAsync("/Participant/Feedback/Mirror");
        await Expect(Page.Locator("#mirror-months tbody td")).ToHaveTextAsync(["1", "3,0", "4,0"]);
        await Expect(Page.Locator("#mirror-comments")).ToContainTextAsync("Franc et utile.");
        await CheckAccessibilityAsync();

        await using var db = Fixture.NewDb();
        var kept = await db.Evidence.SingleAsync(e => e.OriginKind == EvidenceOriginKind.FeedbackReceived);
        Assert.Contains("Un ordre du jour clair.", kept.Description);
        var feedback = await db.Feedback.SingleAsync();
        Assert.Equal((3, 4, "Merci, je retiens le tour de table."), (feedback.CriticalRating!.Value, feedback.BenevolentRating!.Value, feedback.Reply!));
    }

    /// <summary>From the evidence item's page, "Demander un retour" to the whole group.</summary>
    private async Task AskGroupAsync(int evidenceId, string question)
    {
        var page = Page;
        await page.GotoAsync($"/Participant/Evidence/Details/{evidenceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Demander un retour" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Ask"));
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Conduire la réunion budgétaire" })).ToBeCheckedAsync();
        await page.GetByLabel("Votre question").FillAsync(question);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Received/\\d+"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre demande a été envoyée");
        await CheckAccessibilityAsync();
    }

    /// <summary>The peer finds the request among what they owe, reads the item and downloads its attachment, writes the three parts and sends.</summary>
    private async Task AnswerAsync(string question, string attachmentName, string strengths, string questions, string suggestions)
    {
        var page = Page;
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Retours entre pairs" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback$"));
        await CheckAccessibilityAsync();
        await page.Locator("#owed").GetByRole(AriaRole.Link, new() { Name = question }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Answer/\\d+"));
        await Expect(page.Locator(".material-item h3")).ToHaveTextAsync("Conduire la réunion budgétaire");
        await CheckAccessibilityAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = attachmentName }).ClickAsync());
        var saved = Path.Combine(folder, attachmentName);
        await download.SaveAsAsync(saved);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(saved));

        await page.Locator("#input-strengths").FillAsync(strengths);
        await page.Locator("#input-questions").FillAsync(questions);
        await page.Locator("#input-suggestions").FillAsync(suggestions);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Votre brouillon a été enregistré");
        await Expect(page.Locator("#input-strengths")).ToHaveValueAsync(strengths);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon retour" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Votre retour, envoyé le") })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    /// <summary>The requester opens what they received, replies, rates and keeps the feedback as evidence.</summary>
    private async Task ReadReplyRateAndKeepAsync(string peer, string reply, int critical, int benevolent)
    {
        var page = Page;
        await page.GotoAsync("/Participant/Feedback");
        await CheckAccessibilityAsync();
        await page.Locator("#received").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Received/\\d+"));
        var feedback = page.Locator("article.feedback").Filter(new() { HasText = $"Retour de {peer}" });
        await Expect(feedback).ToContainTextAsync("Un ordre du jour clair.");
        await CheckAccessibilityAsync();

        await feedback.GetByLabel($"Votre réponse à {peer}").FillAsync(reply);
        await feedback.GetByRole(AriaRole.Button, new() { Name = "Répondre" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Votre réponse a été envoyée.");
        await Expect(feedback.Locator(".feedback-reply")).ToContainTextAsync(reply);

        await feedback.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("critique") }).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{critical}") }).CheckAsync();
        await feedback.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("bienveillant") }).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{benevolent}") }).CheckAsync();
        await feedback.GetByLabel("Commentaire (facultatif)").FillAsync("Franc et utile.");
        await feedback.GetByRole(AriaRole.Button, new() { Name = "Évaluer" }).ClickAsync();
        await Expect(feedback.Locator(".feedback-rating")).ToHaveTextAsync($"Critique : {critical} sur 4 · bienveillant : {benevolent} sur 4.");
        await CheckAccessibilityAsync();

        await feedback.GetByRole(AriaRole.Button, new() { Name = "Garder comme preuve" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.Locator("#evidence-origin")).ToContainTextAsync($"Retour de {peer} sur «");
        await CheckAccessibilityAsync();
    }

    /// <summary>Amélie and Bruno, participants of one cohort in one intervision group; Amélie has an item with a PDF attached.</summary>
    private async Task<(int CohortId, int EvidenceId)> ArrangeGroupAsync()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var ids = new List<string>();
        foreach (var (email, first, last) in new[] { (Amelie, "Amélie", "Dupont"), (Bruno, "Bruno", "Martin") })
        {
            var user = AppUser.Create(email, first, last, "Service public de Wallonie");
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Participant)).Succeeded);
            await Fixture.EnrolAsync(cohortId, user.Id);
            ids.Add(user.Id);
        }
        await Fixture.CreateGroupAsync(cohortId, "Groupe 1", [.. ids]);
        var objective = (await Fixture.ObjectivesAsync(cohortId))[0].Id;
        var evidenceId = await Fixture.AddEvidenceAsync(ids[0], cohortId, "Conduire la réunion budgétaire", [objective], description: "La réunion de mars avec les chefs de service.");
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var stored = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf));
        var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
        evidence.Attach("compte-rendu.pdf", "application/pdf", Pdf.Length, stored.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return (cohortId, evidenceId);
    }

    private async Task SignInAsync(string email)
    {
        var page = Page;
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
