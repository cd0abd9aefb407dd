using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class ParticipantJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output), IDisposable
{
    private const string Email = "amelie.dupont@exemple.be";
    private readonly string folder = Directory.CreateTempSubdirectory("portfolio-e2e-").FullName;

    /// <summary>A small but valid one-page PDF.</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task Participant_self_assesses_and_logs_evidence()
    {
        await ArrangeParticipantAsync();
        var page = Page;
        var portfolio = page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" });

        await SignInAsync();
        await page.GotoAsync("/Participant");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon portfolio");
        await Expect(page.Locator("#campaign-completion")).ToHaveTextAsync("0 / 22 objectifs auto-évalués");
        await CheckAccessibilityAsync();

        // The baseline campaign, three objectives in a row with "save and next".
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Auto-évaluation", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Assessments"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "P1.1 — Affirmer les finalités du service public et ses enjeux éthiques" }).ClickAsync();
        var levels = new[] { "Maîtrisé", "En développement", "Expert" };
        for (var i = 0; i < 3; i++)
        {
            await page.WaitForURLAsync(new Regex("/Participant/Assessments/Edit"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"P1.{i + 1}");
            await page.GetByRole(AriaRole.Radio, new() { Name = levels[i] }).CheckAsync();
            await page.GetByLabel("Justification").FillAsync($"Dans mon service, j'ai mené le projet n°{i + 1} avec **l'équipe**.");
            // The first learning outcome of the objective is acquired.
            await page.Locator("fieldset").Filter(new() { Has = page.Locator("legend", new() { HasTextRegex = new Regex(@"^\s*P1\.\d\.1 —") }) })
                .Locator("input[value=Acquired]").CheckAsync();
            if (i == 0)
            {
                await CheckAccessibilityAsync();
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et objectif suivant" }).ClickAsync();
        }
        await page.WaitForURLAsync(new Regex("/Participant/Assessments/Edit"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("P1.4");

        // An evidence item with a PDF, tagged to two objectives and one axis.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Preuves", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une preuve" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Edit"));
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Note stratégique au comité de direction");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Une note de **cinq pages** sur la stratégie numérique.");
        await page.GetByLabel("Réflexion", new() { Exact = true }).FillAsync("J'ai appris à articuler vision et contraintes budgétaires.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "P1.3 Planifier la stratégie et piloter la performance" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "P1.4 Gérer le numérique et ses enjeux dans le cadre de la gouvernance publique" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "A1 Les enjeux de la transformation numérique et de l'e-gouvernance" }).CheckAsync();
        var pdf = Path.Combine(folder, "note-strategique.pdf");
        await File.WriteAllBytesAsync(pdf, Pdf);
        await page.GetByLabel("Ajouter des fichiers").SetInputFilesAsync(pdf);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Note stratégique au comité de direction");
        var attachment = page.GetByRole(AriaRole.Link, new() { Name = "note-strategique.pdf" });
        await Expect(attachment).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        // The attachment comes back byte for byte.
        var download = await page.RunAndWaitForDownloadAsync(() => attachment.ClickAsync());
        Assert.Equal("note-strategique.pdf", download.SuggestedFilename);
        var saved = Path.Combine(folder, "downloaded.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(saved));

        // The matrix shows the levels and the evidence.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Matrice", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Matrix"));
        var p11 = page.Locator("tr[data-objective='P1.1']");
        await Expect(p11.Locator("td.level-cell")).ToContainTextAsync("3 — Maîtrisé");
        var p13 = page.Locator("tr[data-objective='P1.3']");
        await Expect(p13.Locator("td.level-cell")).ToContainTextAsync("4 — Expert");
        await Expect(p13.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(page.Locator("tr[data-objective='P1.4'] td").Nth(1)).ToHaveTextAsync("1");
        await Expect(p13.Locator("td.heat").First).ToHaveTextAsync("1");
        await CheckAccessibilityAsync();

        // The progression shows the baseline.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Progression", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Progression"));
        await Expect(page.Locator("#history-table tbody tr").Nth(1).Locator("td").First).ToHaveTextAsync("2 — En développement");
        await Expect(page.Locator("#radar-table tbody tr").First.Locator("td").First).ToHaveTextAsync("3,0");
        // One pillar assessed so far: bars rather than a radar of a single point.
        await Expect(page.Locator("canvas#pillar-chart[data-chart=bar]")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        await page.GotoAsync("/Participant");
        await Expect(page.Locator("#campaign-completion")).ToHaveTextAsync("3 / 22 objectifs auto-évalués");
        await Expect(page.Locator("#recent-activity")).ToContainTextAsync("Preuve ajoutée : Note stratégique au comité de direction");
        await CheckAccessibilityAsync();

        // A reflection in the journal, tied to an objective.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle réflexion" }).ClickAsync();
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Après le premier séminaire");
        await page.GetByLabel("Réflexion", new() { Exact = true }).FillAsync("J'ai compris l'importance du **récit** stratégique.");
        await page.GetByLabel("Objectif", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "P1.3 — Planifier la stratégie et piloter la performance" });
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Journal$"));
        await Expect(page.GetByRole(AriaRole.Article)).ToContainTextAsync("P1.3 — Planifier la stratégie et piloter la performance");
        await CheckAccessibilityAsync();

        // The export page: asking for a copy shows its progress until the archive is ready.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Exporter", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Export"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander une copie de mon portfolio" }).ClickAsync();
        var archive = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Télécharger") });
        await Expect(archive).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CheckAccessibilityAsync();
    }

    [Fact]
    public async Task Participant_adds_evidence_from_an_objective_without_any_then_deletes_it_and_a_reflection()
    {
        var (userId, cohortId) = await ArrangeParticipantAsync();
        await using (var db = Fixture.NewDb())
        {
            var entry = new JournalEntry(userId, cohortId, DateTimeOffset.UtcNow);
            entry.Write(PortfolioBuilder.Today, "Brouillon à effacer", "Une idée sans suite.", null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        var page = Page;
        var portfolio = page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" });
        var gaps = page.Locator("#objectives-without-evidence");
        const string objective = "P2.1 Soutenir les approches intégrées de l'excellence opérationnelle et de la qualité";

        // From the home page's objectives without evidence, straight to a form with that objective ticked.
        await SignInAsync();
        await page.GotoAsync("/Participant");
        await Expect(gaps.GetByRole(AriaRole.Link)).ToHaveCountAsync(22);
        await gaps.GetByRole(AriaRole.Link, new() { Name = objective }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Edit\\?objective=\\d+"));
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = objective })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Checked = true })).ToHaveCountAsync(1);
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Audit qualité du guichet");
        var pdf = Path.Combine(folder, "audit.pdf");
        await File.WriteAllBytesAsync(pdf, Pdf);
        await page.GetByLabel("Ajouter des fichiers").SetInputFilesAsync(pdf);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "audit.pdf" })).ToBeVisibleAsync();
        await page.GotoAsync("/Participant");
        await Expect(gaps.GetByRole(AriaRole.Link)).ToHaveCountAsync(21);
        await Expect(gaps).Not.ToContainTextAsync("P2.1");

        // Deleting it asks first, names the attachment that goes with it, then leaves nothing behind.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Preuves", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit qualité du guichet" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Supprimer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Delete/\\d+"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Supprimer la preuve « Audit qualité du guichet »");
        await Expect(page.Locator("#attachments-deleted")).ToContainTextAsync("audit.pdf");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La preuve « Audit qualité du guichet » a été supprimée.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aucune preuve trouvée" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await page.GotoAsync("/Participant");
        await Expect(gaps.GetByRole(AriaRole.Link)).ToHaveCountAsync(22);

        // The reflection goes the same way, from the journal.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Supprimer — Brouillon à effacer" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Journal/Delete/\\d+"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Journal$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La réflexion « Brouillon à effacer » a été supprimée.");
        await Expect(page.GetByText("Aucune réflexion pour l'instant.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        await using var check = Fixture.NewDb();
        Assert.Equal(0, await check.Evidence.CountAsync());
        Assert.Equal(0, await check.StoredFiles.CountAsync());
        Assert.Equal(0, await check.JournalEntries.CountAsync());
    }

    [Fact]
    public async Task The_browser_names_an_attachment_over_the_limit_before_sending_it()
    {
        await ArrangeParticipantAsync();
        var page = Page;
        await SignInAsync();
        await page.GotoAsync("/Participant/Evidence/Edit");
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Enregistrement de la séance");

        await page.GetByLabel("Ajouter des fichiers").SetInputFilesAsync(new FilePayload
        {
            Name = "seance.pdf", MimeType = "application/pdf", Buffer = new byte[21 * 1024 * 1024],
        });

        var warning = page.Locator("#files-size");
        await Expect(warning).ToHaveTextAsync("Le fichier « seance.pdf » dépasse la taille maximale de 20 Mo : choisissez-en un plus léger.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        // Nothing left the browser: the same page, the warning (written by the script, gone after any reload) and the title.
        await Expect(warning).ToHaveTextAsync(new Regex("seance\\.pdf"));
        await Expect(page.GetByLabel("Titre", new() { Exact = true })).ToHaveValueAsync("Enregistrement de la séance");
        await using var db = Fixture.NewDb();
        Assert.Equal(0, await db.Evidence.CountAsync());
    }

    private async Task<(string UserId, int CohortId)> ArrangeParticipantAsync()
    {
        var cohortId = await Fixture.CreateCohortWithCampaignsAsync();
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var participant = AppUser.Create(Email, "Amélie", "Dupont", "Service public de Wallonie");
        Assert.True((await users.CreateAsync(participant, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(participant, Roles.Participant)).Succeeded);
        await Fixture.EnrolAsync(cohortId, participant.Id);
        return (participant.Id, cohortId);
    }

    private async Task SignInAsync()
    {
        var page = Page;
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
