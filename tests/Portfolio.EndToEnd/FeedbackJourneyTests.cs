using System.Globalization;
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
using Portfolio.Core.Text;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// Intervision in the browser: peer feedback on shared evidence, followed through notifications, then a co-development
/// session. The steps are small methods (ask, answer, read and rate, keep, run a session, keep a take-away).
/// </summary>
public sealed class FeedbackJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IDisposable
{
    private const string Amelie = "amelie.dupont@exemple.be";
    private const string Bruno = "bruno.martin@exemple.be";
    private const string Facilitator = "fanny.leroy@exemple.be";
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-e2e-").FullName;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>
    /// The issue's journey: Amélie asks her group for feedback on one evidence item; Bruno is notified, reads the item and
    /// its attachment, answers; Amélie is notified, reads, replies, rates and keeps the feedback as evidence; then their
    /// facilitator runs a co-development session through its six steps and Bruno keeps what he takes away.
    /// </summary>
    [Fact]
    public async Task Peer_gives_feedback_on_shared_evidence()
    {
        var (_, evidenceId) = await ArrangeGroupAsync();
        const string question = "Comment ai-je mené la réunion budgétaire ?";

        await SignInAsync(Amelie);
        await AskGroupAsync(evidenceId, question);

        // Bruno sees the request in the header, opens the centre and follows the notification to the answer page.
        await SignInAsync(Bruno);
        await FollowNotificationAsync($"Amélie Dupont vous demande un retour : « {question} »");
        await AnswerHereAsync("compte-rendu.pdf", "Un ordre du jour clair.", "Qui prenait les décisions ?", "Un tour de table au début.");

        // Amélie is told that Bruno answered, reads, replies, rates and keeps it.
        await SignInAsync(Amelie);
        await FollowNotificationAsync($"Bruno Martin a répondu à votre demande de retour « {question} »");
        await ReadReplyRateAndKeepAsync("Bruno Martin", "Merci, je retiens le tour de table.", critical: 3, benevolent: 4);

        // Their facilitator runs a co-development session; Amélie brings the case, Bruno keeps his take-away.
        await SignInAsync(Facilitator);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Dates.Brussels).DateTime).AddDays(1);
        await RunCodevSessionAsync(day, caseOwner: "Amélie Dupont");
        await SignInAsync(Bruno);
        await KeepTakeawayAsync(day, "Ouvrir chaque réunion par un tour de table.");

        await using var db = Fixture.NewDb();
        var kept = await db.Evidence.Where(e => e.OriginKind != null).OrderBy(e => e.Id).Select(e => new { e.OwnerId, e.OriginKind, e.Description }).ToListAsync();
        Assert.Equal(2, kept.Count);
        Assert.Equal(EvidenceOriginKind.FeedbackReceived, kept[0].OriginKind);
        Assert.Contains("Un ordre du jour clair.", kept[0].Description);
        Assert.Equal(EvidenceOriginKind.CodevTakeaway, kept[1].OriginKind);
        Assert.Equal("Ouvrir chaque réunion par un tour de table.", kept[1].Description);
        var feedback = await db.Feedback.SingleAsync();
        Assert.Equal((3, 4, "Merci, je retiens le tour de table."), (feedback.CriticalRating!.Value, feedback.BenevolentRating!.Value, feedback.Reply!));
    }

    /// <summary>The header's count says one unread notification; the centre shows it; following it leads to its page.</summary>
    private async Task FollowNotificationAsync(string text)
    {
        var page = Page;
        await page.GotoAsync("/Participant");
        var count = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications") });
        await Expect(count).ToHaveAccessibleNameAsync("Notifications, 1 non lue");
        await count.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Notifications$"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = text }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/"));
        await Expect(count).ToHaveAccessibleNameAsync("Notifications");
    }

    /// <summary>The facilitator plans a session for tomorrow and takes it through its six steps, noting the presentation.</summary>
    private async Task RunCodevSessionAsync(DateOnly day, string caseOwner)
    {
        var page = Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Codéveloppement", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une séance (Groupe 1)" }).ClickAsync();
        await page.GetByLabel("Date et heure").FillAsync($"{day:yyyy-MM-dd}T14:00");
        await page.GetByLabel("Lieu").FillAsync("Salle du conseil, Namur");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = caseOwner }).CheckAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.Locator("#case-owners")).ToHaveTextAsync(caseOwner);
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la séance" }).ClickAsync();
        await Expect(page.Locator("#step-1").GetByRole(AriaRole.Timer)).ToHaveTextAsync("10:00");
        await page.GetByRole(AriaRole.Link, new() { Name = "Noter l'étape 1" }).ClickAsync();
        await page.GetByLabel("Notes de l'étape").FillAsync("Amélie présente la préparation du budget avec ses chefs de service.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        foreach (var (next, step) in new[]
        {
            ("Étape suivante : Clarification", 2), ("Étape suivante : Contrat", 3), ("Étape suivante : Consultation", 4),
            ("Étape suivante : Synthèse et plan d'action", 5), ("Étape suivante : Ce que chacun retient", 6),
        })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = next }).ClickAsync();
            await Expect(page.Locator($"#step-{step}").GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#session-state")).ToHaveTextAsync("Étape 6 sur 6 : Ce que chacun retient");
        await CheckAccessibilityAsync();
    }

    /// <summary>A member writes what they take away and turns it into an evidence item of their portfolio.</summary>
    private async Task KeepTakeawayAsync(DateOnly day, string takeaway)
    {
        var page = Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Codéveloppement", Exact = true }).ClickAsync();
        await page.Locator("#planned-sessions").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Écrire ce que je retiens" }).ClickAsync();
        await page.GetByLabel("Ce que je retiens pour ma pratique").FillAsync(takeaway);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Verser ce que je retiens dans mon portfolio" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "P1.1 Affirmer les finalités du service public et ses enjeux éthiques" }).CheckAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la preuve" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Codéveloppement du {Dates.Day(day, CultureInfo.GetCultureInfo("fr-BE"))} : ce que je retiens");
        await CheckAccessibilityAsync();
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

    /// <summary>On the answer page: reads the item and downloads its attachment, writes the three parts, keeps a draft, sends.</summary>
    private async Task AnswerHereAsync(string attachmentName, string strengths, string questions, string suggestions)
    {
        var page = Page;
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
        var fanny = AppUser.Create(Facilitator, "Fanny", "Leroy", "Université de Namur");
        Assert.True((await users.CreateAsync(fanny, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(fanny, Roles.Facilitator)).Succeeded);
        await Fixture.CreateGroupAsync(cohortId, "Groupe 1", [.. ids], fanny.Id);
        var objective = (await Fixture.ObjectivesAsync(cohortId))[0].Id;
        var evidenceId = await Fixture.AddEvidenceAsync(ids[0], cohortId, "Conduire la réunion budgétaire", [objective], description: "La réunion de mars avec les chefs de service.");
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var stored = await scope.ServiceProvider.GetRequiredService<FileStore>().SaveAsync(new MemoryStream(Pdf));
        var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
        evidence.Attach("compte-rendu.pdf", "application/pdf", Pdf.Length, stored.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return (cohortId, evidenceId);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
