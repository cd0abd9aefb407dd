using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Portfolios;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// The assessment from end to end: a participant writes and submits her individual report, her case-study group hands
/// in its collective report, the coordinator forms a jury and plans her exam, four jurors declare and score her, the
/// chair records the deliberation, the coordinator releases the results and she reads hers. Only the people, the cohort,
/// its enrolments, the case-study group and one evidence item are arranged in the database; everything else is done in
/// the browser.
/// </summary>
public sealed class JuryJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string ParticipantEmail = "martin@exemple.be";
    private const string Candidate = "Anne Martin";
    private const string CohortName = "Promotion 2026-2027";
    private const string JuryName = "Jury A";
    private const string EvidenceTitle = "Plan de transformation numérique du service";
    private const string SynthesisText = "Mon parcours m'a appris à **piloter le changement** avec les équipes du service.";

    private static readonly byte[] CollectivePdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Rapport collectif : SPF Finances\n%%EOF\n");

    /// <summary>The criteria of the default grid, in order, and the levels of its scale.</summary>
    private static readonly string[] Criteria = ["Rapport collectif", "Rapport individuel", "Présentation orale", "Défense orale", "Maîtrise des acquis d'apprentissage"];
    private static readonly string[] Levels = ["Insuffisant", "Fragile", "Satisfaisant", "Bon", "Excellent"];

    /// <summary>The jurors (e-mail, name, organisation); the chair is Marie Leroy.</summary>
    private static readonly (string Email, string First, string Last, string Organisation)[] Jurors =
    [
        ("lambert@jury.test", "Jules", "Lambert", "UCLouvain"),
        ("leroy@jury.test", "Marie", "Leroy", "ULiège"),
        ("janssens@jury.test", "Sophie", "Janssens", "UGent"),
        ("lemaire@jury.test", "Thomas", "Lemaire", "UNamur"),
    ];

    private int axeChecks;
    private bool homeChecked;

    [Fact]
    public async Task Jury_member_scores_assigned_candidate()
    {
        var clock = Stopwatch.StartNew();
        await ArrangeAsync();
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var status = page.GetByRole(AriaRole.Status);
        var portfolio = page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" });

        // 1. Anne keeps an evidence item for the assessment, writes two sections of her report and submits.
        await SignInCheckingTheLoginPageAsync(ParticipantEmail);
        await page.GotoAsync("/Participant");
        await Expect(h1).ToHaveTextAsync("Mon portfolio");
        await CheckAsync();
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Preuves", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes preuves");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = EvidenceTitle }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(EvidenceTitle);
        await CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retenir pour l'évaluation" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("La preuve sera jointe à votre dépôt pour l'évaluation.");
        await Expect(page.Locator("#assessment-mark")).ToContainTextAsync("Retenue pour l'évaluation");
        await CheckAsync();

        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Rapport individuel", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mon rapport individuel");
        await Expect(page.Locator("#total-words")).ToHaveTextAsync("0");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Pilier P1 — La gouvernance publique et le pilotage" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Pilier P1 — La gouvernance publique et le pilotage");
        await CheckAsync();
        await page.GetByLabel("Texte de la section").FillAsync("J'ai conduit le plan de transformation numérique de mon service.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = EvidenceTitle }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la section" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("La section « Pilier P1 — La gouvernance publique et le pilotage » a été enregistrée.");
        await Expect(page.Locator("tr[data-section='pillar-P1'] td.words")).ToHaveTextAsync("10");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Synthèse générale", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Synthèse générale");
        await CheckAsync();
        await page.GetByLabel("Texte de la section").FillAsync(SynthesisText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la section" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("La section « Synthèse générale » a été enregistrée.");
        await Expect(page.Locator("#total-words")).ToHaveTextAsync("23");
        await CheckAsync();

        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Dépôt", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Dépôt pour l'évaluation");
        await Expect(page.Locator("#marked-evidence")).ToContainTextAsync(EvidenceTitle);
        await Expect(page.Locator("#report-summary")).ToContainTextAsync("Les sections rédigées : 23 mots au total.");
        await CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Je confirme le dépôt" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer pour l'évaluation" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Votre travail a été déposé pour l'évaluation.");
        await Expect(page.Locator("#submission-locked")).ToBeVisibleAsync();
        await Expect(page.Locator("#submission-dates li")).ToHaveCountAsync(1);
        await CheckAsync();

        // 2. For her case-study group, she hands in the collective report as a PDF.
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Étude de cas", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Étude de cas et rapport collectif");
        await Expect(page.Locator("#report-status")).ToHaveTextAsync("Pas encore remis");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Déposer une version" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Déposer une version du rapport collectif");
        await CheckAsync();
        await page.GetByLabel("Fichier du rapport").SetInputFilesAsync(new FilePayload { Name = "rapport-collectif.pdf", MimeType = "application/pdf", Buffer = CollectivePdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("La version « rapport-collectif.pdf » du rapport collectif est déposée.");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remettre comme version finale" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Remettre la version 1 comme version finale ?");
        await CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre comme version finale" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("La version 1 est remise comme version finale du rapport collectif.");
        await Expect(page.Locator("#report-status")).ToContainTextAsync($"par {Candidate}");
        await CheckAsync();
        await SignOutAsync();

        // 3. The coordinator forms a jury of four with a chair, assigns Anne to it and plans her exam.
        await SignInCheckingTheLoginPageAsync(CoordinatorEmail);
        await GoToCohortAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Jurys", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Jurys");
        await Expect(page.Locator("#no-juries")).ToBeVisibleAsync();
        await Expect(page.Locator("#without-jury")).ToHaveTextAsync("2 participant·es sans jury.");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Former un jury" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Former un jury");
        await CheckAsync();
        await page.GetByLabel("Nom du jury").FillAsync(JuryName);
        foreach (var juror in Jurors.Take(3))
        {
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"{juror.First} {juror.Last} ({juror.Organisation})" }).CheckAsync();
        }
        await page.GetByLabel("Présidence").SelectOptionAsync(new SelectOptionValue { Label = "Marie Leroy" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Former le jury" }).ClickAsync();
        // Three members: the page asks to confirm the unusual size before forming the jury.
        await Expect(page.GetByText("Un jury compte normalement 4 membres ; vous en avez choisi 3.")).ToBeVisibleAsync();
        await CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Je confirme cette taille de jury" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Former le jury" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"Le jury « {JuryName} » est formé.");
        var jurySection = page.Locator($"section[data-jury='{JuryName}']");
        await Expect(jurySection.Locator(".jury-size-warning")).ToContainTextAsync("celui-ci en a 3");
        await CheckAsync();
        // The fourth member joins afterwards.
        await jurySection.GetByRole(AriaRole.Link, new() { Name = $"Ajouter un membre au jury {JuryName}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Ajouter un membre au jury « {JuryName} »");
        await CheckAsync();
        await page.GetByLabel("Membre du jury").SelectOptionAsync(new SelectOptionValue { Label = "Thomas Lemaire" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter au jury" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"Thomas Lemaire a rejoint le jury « {JuryName} ».");
        await Expect(jurySection.Locator(".jury-size-warning")).ToHaveCountAsync(0);
        await Expect(jurySection.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Marie Leroy" })).ToContainTextAsync("préside");
        await CheckAsync();
        await jurySection.GetByRole(AriaRole.Link, new() { Name = $"Assigner des candidats au jury {JuryName}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Assigner des candidats au jury « {JuryName} »");
        await CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"{Candidate} (Service public de Wallonie)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Assigner", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("1 candidat assigné au jury.");
        await Expect(jurySection).ToContainTextAsync(Candidate);
        await Expect(page.Locator("#without-jury")).ToHaveTextAsync("1 participant·e sans jury.");
        await CheckAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Calendrier des examens" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Calendrier des examens");
        await Expect(page.Locator("#no-exams")).ToBeVisibleAsync();
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Planifier l'examen de {Candidate}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Planifier l'examen de {Candidate}");
        await Expect(page.GetByText($"Devant le jury « {JuryName} ».")).ToBeVisibleAsync();
        await CheckAsync();
        var examDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(examDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Heure de début (heure de Bruxelles)").FillAsync("09:30");
        await page.GetByLabel("Durée (minutes)").FillAsync("60");
        await page.GetByLabel("Salle").FillAsync("Salle du conseil");
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"L'examen de {Candidate} est planifié.");
        var examRow = page.Locator($"#exams tr[data-candidate='{Candidate}']");
        var examDayText = examDay.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-BE"));
        await Expect(examRow).ToContainTextAsync($"{examDayText} à 09:30 – 10:30");
        await Expect(examRow).ToContainTextAsync("Salle du conseil");
        await Expect(examRow).ToContainTextAsync("Planifié");
        await CheckAsync();
        await SignOutAsync();

        // 4. The first juror declares no conflict, reads Anne's dossier and both reports, and scores her.
        var (first, chair, third, fourth) = (Jurors[0], Jurors[1], Jurors[2], Jurors[3]);
        await SignInCheckingTheLoginPageAsync(first.Email);
        await DeclareNoConflictAsync();
        var candidateRow = page.Locator($"tr[data-candidate='{Candidate}']");
        await candidateRow.GetByRole(AriaRole.Link, new() { Name = $"Dossier accessible : {Candidate}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Dossier de {Candidate}");
        await Expect(page.Locator("#submission-dates li")).ToHaveCountAsync(1);
        // The individual report of the snapshot: the sections she wrote, their citation, the evidence she kept.
        await Expect(page.Locator("#snapshot-report-words")).ToHaveTextAsync("23 mots au total.");
        var synthesis = page.Locator("article[data-section='synthesis']");
        await Expect(synthesis.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Synthèse générale (13 mots)");
        await Expect(synthesis.Locator("strong")).ToHaveTextAsync("piloter le changement");
        var pillar = page.Locator("article[data-section='pillar-P1']");
        await Expect(pillar).ToContainTextAsync("J'ai conduit le plan de transformation numérique de mon service.");
        await Expect(page.Locator(".snapshot-evidence").GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync(EvidenceTitle);
        await CheckAsync();
        await pillar.GetByRole(AriaRole.Link, new() { Name = EvidenceTitle }).ClickAsync();
        await Expect(page.Locator(".snapshot-evidence").First).ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" }).GetByRole(AriaRole.Link, new() { Name = "Mes jurys" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes jurys");
        await CheckAsync();
        // The collective report, as the group handed it in.
        var download = await page.RunAndWaitForDownloadAsync(() => candidateRow.GetByRole(AriaRole.Link, new() { Name = $"Rapport collectif de {Candidate}" }).ClickAsync());
        Assert.Equal("rapport-collectif.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"rapport-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(CollectivePdf, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);
        await ScoreAsync([4, 3, 4, 4, 3], "Analyse solide.", submittedBefore: 0, detailed: true);
        await SignOutAsync();

        // 5. The two other members declare and score alike; the chair last, then she deliberates.
        foreach (var (juror, levels, done) in new[] { (third, new[] { 3, 4, 4, 4, 3 }, 1), (fourth, new[] { 4, 2, 4, 4, 3 }, 2) })
        {
            await SignInCheckingTheLoginPageAsync(juror.Email);
            await DeclareNoConflictAsync();
            await ScoreAsync(levels, $"Avis de {juror.First} {juror.Last}.", submittedBefore: done, detailed: false);
            await SignOutAsync();
        }
        await SignInCheckingTheLoginPageAsync(chair.Email);
        await DeclareNoConflictAsync();
        await ScoreAsync([4, 4, 4, 3, 3], "Avis de la présidence.", submittedBefore: 3, detailed: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Toutes les évaluations sont remises : voir la calibration du jury" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Calibration du jury {JuryName}");
        var calibration = page.Locator("#calibration");
        // Jurors in alphabetical order; the criterion they disagree on (2 to 4, across the pass mark) comes first.
        await Expect(calibration.Locator("thead th")).ToHaveTextAsync(["Candidat", "Critère", "Sophie Janssens", "Jules Lambert", "Thomas Lemaire", "Marie Leroy", "Min", "Max", "Moyenne", "À discuter"]);
        var firstItem = calibration.Locator("tbody tr").First;
        await Expect(firstItem).ToHaveAttributeAsync("data-flagged", "yes");
        await Expect(firstItem.Locator("td:not(:last-child)")).ToHaveTextAsync(["Rapport individuel", "4", "3", "2", "4", "2", "4", "3,25"]);
        await Expect(firstItem.Locator("td:last-child")).ToHaveTextAsync(new Regex("Écart de 2 niveaux.*De part et d'autre du seuil de réussite", RegexOptions.Singleline));
        await Expect(calibration.Locator("tbody tr[data-flagged='no']")).ToHaveCountAsync(4);
        await Expect(page.Locator("#sealed")).ToHaveCountAsync(0);
        await CheckAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Fil d'Ariane" }).GetByRole(AriaRole.Link, new() { Name = "Mes jurys" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes jurys");
        await Expect(page.GetByText("Vous présidez ce jury")).ToBeVisibleAsync();
        await CheckAsync();
        await candidateRow.GetByRole(AriaRole.Link, new() { Name = $"Délibération {Candidate}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Délibération pour {Candidate}");
        await Expect(page.Locator("#seal-state")).ToHaveTextAsync("Évaluations remises pour ce candidat : 4 sur 4.");
        await Expect(page.Locator("#no-changes")).ToBeVisibleAsync();
        var individual = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Rapport individuel") });
        await Expect(individual.GetByRole(AriaRole.Row).Filter(new() { HasText = "Jules Lambert" })).ToContainTextAsync("3 — Satisfaisant");
        await Expect(individual.GetByRole(AriaRole.Row).Filter(new() { HasText = "Jules Lambert" })).ToContainTextAsync("Analyse solide.");
        await Expect(individual).ToContainTextAsync("À discuter : niveaux de 2 à 4.");
        await CheckAsync();
        int[] agreed = [4, 3, 4, 4, 3];
        for (var i = 0; i < Criteria.Length; i++)
        {
            await page.GetByLabel($"Niveau retenu pour « {Criteria[i]} »").SelectOptionAsync(new SelectOptionValue { Label = LevelLabel(agreed[i]) });
            await page.GetByLabel($"Justification pour « {Criteria[i]} »").FillAsync($"Consensus du jury sur « {Criteria[i]} ».");
        }
        await page.GetByRole(AriaRole.Radio, new() { Name = "Réussi" }).CheckAsync();
        await page.GetByLabel("Commentaires pour le candidat").FillAsync("Un rapport réfléchi et une défense convaincante.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la délibération" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"La délibération pour {Candidate} est enregistrée.");
        await Expect(page.Locator("#grade")).ToHaveTextAsync("Note pondérée : 13,0 / 20 Satisfaction");
        await Expect(page.GetByLabel("Niveau retenu pour « Rapport individuel »")).ToHaveValueAsync("3");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Réussi" })).ToBeCheckedAsync();
        await Expect(page.Locator("#audit").GetByRole(AriaRole.Row).Filter(new() { HasText = "Décision" })).ToContainTextAsync("Réussi");
        await CheckAsync();
        await SignOutAsync();

        // 6. The coordinator looks at the cohort's synthesis, then releases the results; Anne reads hers.
        await SignInCheckingTheLoginPageAsync(CoordinatorEmail);
        await GoToCohortAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Synthèse de la promotion", Exact = true }).ClickAsync();
        await Expect(h1).ToContainTextAsync(CohortName);
        var synthesisRow = page.Locator("#synthesis tbody tr").Filter(new() { HasText = Candidate });
        await Expect(synthesisRow.Locator(".submission-status")).ToContainTextAsync("déposé le");
        await Expect(synthesisRow.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("^/Coordinator/Submissions/Snapshot/\\d+$"));
        await CheckAsync();
        await GoToCohortAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Résultats du jury", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Résultats du jury — {CohortName}");
        var decisionRow = page.Locator($"#decisions tr[data-candidate='{Candidate}']");
        await Expect(decisionRow.Locator("td")).ToHaveTextAsync([JuryName, "4 sur 4", "4", "3", "4", "4", "3", "13,0 / 20", "Satisfaction", "Réussi"]);
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Publier les résultats" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Publier les résultats — {CohortName}");
        await Expect(page.Locator("#missing-decisions")).ToHaveCountAsync(0);
        await CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier les résultats" }).ClickAsync();
        await Expect(status).ToContainTextAsync($"Les résultats de {CohortName} sont publiés");
        await Expect(page.Locator("#released")).ToContainTextAsync("Résultats publiés le");
        await CheckAsync();
        await SignOutAsync();

        await SignInCheckingTheLoginPageAsync(ParticipantEmail);
        await page.GotoAsync("/Participant");
        await Expect(h1).ToHaveTextAsync("Mon portfolio");
        await CheckAsync();
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Mon examen", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mon examen oral");
        await Expect(page.Locator("#my-exams tbody tr")).ToContainTextAsync($"{examDayText} à 09:30 – 10:30");
        await CheckAsync();
        await portfolio.GetByRole(AriaRole.Link, new() { Name = "Mes résultats", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes résultats");
        await Expect(page.Locator("#decision")).ToHaveTextAsync("Réussi");
        await Expect(page.Locator("#grade")).ToHaveTextAsync("13,0 / 20 Satisfaction");
        for (var i = 0; i < Criteria.Length; i++)
        {
            await Expect(page.Locator("#agreed").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = Criteria[i], Exact = true }) }))
                .ToContainTextAsync($"{agreed[i]} sur 5 — {Levels[agreed[i] - 1]}");
        }
        await Expect(page.Locator("#comments")).ToHaveTextAsync("Un rapport réfléchi et une défense convaincante.");
        // Neither a juror's own score nor the jury's internal rationale reaches the candidate.
        await Expect(page.GetByText("Analyse solide.")).ToHaveCountAsync(0);
        await Expect(page.GetByText("Consensus du jury")).ToHaveCountAsync(0);
        await CheckAsync();

        Output.WriteLine($"Journey done in {clock.Elapsed.TotalSeconds:0.0} s with {axeChecks} axe checks.");
    }

    private async Task CheckAsync()
    {
        await CheckAccessibilityAsync();
        axeChecks++;
    }

    private static string LevelLabel(int level) => $"{level} — {Levels[level - 1]}";

    private async Task GoToCohortAsync()
    {
        var page = Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coordination des programmes");
        await CheckAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(CohortName);
        await CheckAsync();
    }

    /// <summary>From the juror's home, declares no conflict of interest with Anne; ends back on the juror's home.</summary>
    private async Task DeclareNoConflictAsync()
    {
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Mes jurys", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Mes jurys");
        var row = page.Locator($"tr[data-candidate='{Candidate}']");
        await Expect(row).ToContainTextAsync("Déclaration de conflits d'intérêts à faire");
        await CheckAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = $"Déclarer au sujet de {Candidate}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Conflits d'intérêts : {Candidate}");
        await CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Aucun conflit d'intérêts" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma déclaration" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Votre déclaration au sujet de {Candidate} est enregistrée.");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Dossier accessible : {Candidate}" })).ToBeVisibleAsync();
        await CheckAsync();
    }

    /// <summary>
    /// From the juror's home, scores Anne on every criterion with a comment and submits; <paramref name="detailed"/>
    /// also saves a draft first. Ends on the score page, which then shows the submitted score.
    /// </summary>
    private async Task ScoreAsync(int[] levels, string comment, int submittedBefore, bool detailed)
    {
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var status = page.GetByRole(AriaRole.Status);
        await page.Locator($"tr[data-candidate='{Candidate}']").GetByRole(AriaRole.Link, new() { Name = $"Évaluer {Candidate}" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Évaluer {Candidate}");
        await Expect(page.Locator("#seal-state")).ToHaveTextAsync($"Évaluations remises pour ce candidat : {submittedBefore} sur 4.");
        await CheckAsync();
        for (var i = 0; i < Criteria.Length; i++)
        {
            var criterion = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^{Regex.Escape(Criteria[i])} \\(poids 20\\)") });
            await criterion.GetByRole(AriaRole.Radio, new() { Name = LevelLabel(levels[i]), Exact = true }).CheckAsync();
            await criterion.GetByLabel($"Commentaire sur « {Criteria[i]} »").FillAsync(i == 1 ? comment : $"{comment} ({Criteria[i]})");
        }
        if (detailed)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
            await Expect(status).ToHaveTextAsync("Votre brouillon est enregistré. Personne d'autre ne le voit.");
            await Expect(page.Locator("#draft-saved")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Rapport individuel") }).GetByRole(AriaRole.Radio, new() { Name = LevelLabel(levels[1]), Exact = true })).ToBeCheckedAsync();
            await CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre mon évaluation" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"Votre évaluation de {Candidate} est remise. Elle reste scellée jusqu'à ce que tous les membres du jury aient remis la leur.");
        await Expect(page.Locator("#seal-state")).ToContainTextAsync($"Évaluations remises pour ce candidat : {submittedBefore + 1} sur 4.");
        var mine = page.Locator("#my-score");
        await Expect(mine.GetByRole(AriaRole.Heading)).ToContainTextAsync("Votre évaluation, remise le");
        await Expect(mine.GetByRole(AriaRole.Row).Filter(new() { HasText = "Rapport individuel" }).Locator("td")).ToHaveTextAsync([LevelLabel(levels[1]), comment]);
        await CheckAsync();
    }

    /// <summary>Signs in, running axe on the login page the first time (the journey counts its checks).</summary>
    private async Task SignInCheckingTheLoginPageAsync(string email)
    {
        var page = Page;
        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connexion");
        if (axeChecks == 0)
        {
            await CheckAsync();
        }
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }

    private async Task SignOutAsync()
    {
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Se connecter", Exact = true })).ToBeVisibleAsync();
        if (!homeChecked)
        {
            await CheckAsync();
            homeChecked = true;
        }
    }

    /// <summary>
    /// The coordinator of the programme, a cohort with Anne and Bruno (her case-study group), four people with the jury
    /// member role, and one evidence item of Anne's.
    /// </summary>
    private async Task ArrangeAsync()
    {
        int cohortId;
        string anne;
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var coordinator = await CreateUserAsync(users, CoordinatorEmail, "Claire", "Dubois", "Portfolio", Roles.Coordinator);
            foreach (var juror in Jurors)
            {
                await CreateUserAsync(users, juror.Email, juror.First, juror.Last, juror.Organisation, Roles.JuryMember);
            }
            var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
            var framework = await db.Frameworks.Where(f => f.Code == "cium-management-public").OrderByDescending(f => f.Version).FirstAsync();
            var programme = new Programme("cium", "Certificat inter-universités en management public");
            programme.Assign(coordinator.Id);
            var cohort = new Cohort(programme, CohortName, framework, new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30));
            db.Programmes.Add(programme);
            db.Cohorts.Add(cohort);
            anne = (await CreateUserAsync(users, ParticipantEmail, "Anne", "Martin", "Service public de Wallonie", Roles.Participant)).Id;
            var bruno = (await CreateUserAsync(users, "peeters@exemple.be", "Bruno", "Peeters", "SPF Finances", Roles.Participant)).Id;
            cohort.Enrol(anne, DateTimeOffset.UtcNow);
            cohort.Enrol(bruno, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            cohortId = cohort.Id;
            db.CaseStudyGroups.Add(CaseStudyGroup.Form(cohortId, "Groupe Finances", "SPF Finances", new DateOnly(2027, 5, 31), [anne, bruno], DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var objectives = await Fixture.ObjectivesAsync(cohortId);
        await Fixture.AddEvidenceAsync(anne, cohortId, EvidenceTitle, [objectives.Single(o => o.Code == "P1.4").Id],
            description: "Le plan adopté par le comité de direction.", reflection: "J'ai appris à associer les équipes dès le départ.");
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string email, string first, string last, string organisation, string role)
    {
        var user = AppUser.Create(email, first, last, organisation);
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
