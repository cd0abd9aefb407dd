using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.EndToEnd.Infrastructure;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Juries;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

/// <summary>
/// Each of the five shipped programmes (templates/programmes) runs a cohort through its own parts in Chromium (issue 11):
/// the coordinator creates the cohort and enrols two people, sets up what the programme uses (calendar, groups,
/// campaigns); a participant sees only her programme's menus and does its main activity; a peer or group activity
/// follows; then the programme's final step. axe-core runs on every page state visited.
/// </summary>
public sealed class ProgrammeJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Coordinator = "coordination@portfolio.test";
    private const string Facilitator = "fanny.leroy@exemple.be";
    private const string Juror = "marie.janssens@exemple.be";
    private const string Amelie = "amelie.dupont@exemple.be";
    private const string Bruno = "bruno.martin@exemple.be";
    private const string CohortName = "Promotion 2026-2027";
    private static readonly string[] Levels = ["Insuffisant", "Fragile", "Satisfaisant", "Bon", "Excellent"];

    /// <summary>What each programme is, and the participant's menu it must show (and nothing else).</summary>
    private static readonly Dictionary<string, (string Title, string Framework, string[] Menu)> Programmes = new()
    {
        ["cium"] = ("Certificat inter-universités en management public", "Certificat inter-universités en management public v1",
            ["Accueil du portfolio", "Auto-évaluation", "Preuves", "Journal", "Mon agenda", "Retours entre pairs", "Partagé avec moi", "Mon groupe",
             "Matrice", "Progression", "Rapport individuel", "Dépôt", "Exporter"]),
        ["chesp"] = ("Cycle des hautes études de service public (CHESP)", "Cycle des hautes études de service public (CHESP) v1",
            ["Accueil du portfolio", "Preuves", "Journal", "Mon agenda", "Projet de transformation", "Retours entre pairs", "Partagé avec moi", "Mon groupe", "Exporter"]),
        ["ena-transformation-publique"] = ("Cycle dirigeant « Piloter la transformation publique »", "Cycle dirigeant « Piloter la transformation publique » (ENA) v1",
            ["Accueil du portfolio", "Preuves", "Journal", "Mon agenda", "Projet de transformation", "Retours entre pairs", "Partagé avec moi", "Mon groupe", "Exporter"]),
        ["inet-direction-generale"] = ("Cycle de direction générale (INET)", "Cycle de direction générale — Institut national des études territoriales (INET) v1",
            ["Accueil du portfolio", "Preuves", "Journal", "Mon agenda", "Partagé avec moi", "Mon groupe", "Exporter"]),
        ["communaute-cadres-dirigeants"] = ("Communauté des cadres dirigeants", "Communauté des cadres dirigeants du pôle ministériel v1",
            ["Accueil du portfolio", "Journal", "Mon agenda", "Retours entre pairs", "Partagé avec moi", "Mon groupe", "Exporter"]),
    };

    public static TheoryData<string> Codes => new(Programmes.Keys);

    private IPage page = null!;
    private ILocator H1 => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    private ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Programme_runs_end_to_end(string code)
    {
        page = Page;
        var (title, framework, menu) = Programmes[code];
        var components = await ArrangeAsync(code);
        bool Uses(ProgrammeComponents part) => components.HasFlag(part);

        // Enrol: the coordinator creates the cohort on the programme's framework and enrols two people.
        await SignInAsync(Coordinator);
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Grille d'évaluation" })).ToHaveCountAsync(Uses(ProgrammeComponents.Jury) ? 1 : 0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Modèle du rapport des candidats" })).ToHaveCountAsync(Uses(ProgrammeComponents.JuryPacks) ? 1 : 0);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle promotion" }).ClickAsync();
        await page.GetByLabel("Programme").SelectOptionAsync(new SelectOptionValue { Label = title });
        await page.GetByLabel("Nom de la promotion").FillAsync(CohortName);
        // The framework is left to the programme's own (its latest published version).
        await Expect(page.GetByLabel("Référentiel")).ToHaveValueAsync("0");
        var today = DateOnly.FromDateTime(DateTime.Today);
        await page.GetByLabel("Début", new() { Exact = true }).FillAsync(today.AddDays(-7).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Fin", new() { Exact = true }).FillAsync(today.AddMonths(9).ToString("yyyy-MM-dd"));
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la promotion" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Coordinator/Cohorts/Details/\\d+$"));
        await Expect(H1).ToHaveTextAsync(CohortName);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = framework, Exact = true })).ToBeVisibleAsync();
        var cohortId = int.Parse(Regex.Match(page.Url, "\\d+$").Value);
        foreach (var (email, first, last) in new[] { (Amelie, "Amélie", "Dupont"), (Bruno, "Bruno", "Martin") })
        {
            var enrol = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Inscrire", Exact = true }) });
            await enrol.GetByLabel("Adresse e-mail").FillAsync(email);
            await enrol.GetByLabel("Prénom").FillAsync(first);
            await enrol.GetByLabel("Nom", new() { Exact = true }).FillAsync(last);
            await enrol.GetByLabel("Organisation").FillAsync("Ministère de l'Intérieur");
            await enrol.GetByRole(AriaRole.Button, new() { Name = "Inscrire", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{first} {last} est inscrit·e.");
        }
        // The cohort page links to the parts the programme uses, and only to them.
        var parts = new (string Label, ProgrammeComponents Part)[]
        {
            ("Campagnes d'auto-évaluation", ProgrammeComponents.SelfAssessment), ("Calendrier de la promotion", ProgrammeComponents.Sessions),
            ("Études de cas", ProgrammeComponents.CaseStudy), ("Projets de transformation", ProgrammeComponents.TransformationProject),
            ("Jurys", ProgrammeComponents.Jury), ("Dossiers du jury", ProgrammeComponents.JuryPacks),
        };
        foreach (var (label, part) in parts)
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = label, Exact = true })).ToHaveCountAsync(Uses(part) ? 1 : 0);
        }
        await CheckAccessibilityAsync();
        var (amelie, bruno) = (await ActivateAsync(Amelie), await ActivateAsync(Bruno));

        if (Uses(ProgrammeComponents.SelfAssessment))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Campagnes d'auto-évaluation" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Créer les trois campagnes habituelles" }).ClickAsync();
            await Expect(page.GetByText("Positionnement initial").First).ToBeVisibleAsync();
            await CheckAccessibilityAsync();
            await page.GotoAsync($"/Coordinator/Cohorts/Details/{cohortId}");
        }
        var session = code == "inet-direction-generale" ? "Module 3 — Manager et piloter les ressources" : "Module 1 — séminaire d'ouverture";
        if (Uses(ProgrammeComponents.Sessions))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Calendrier de la promotion", Exact = true }).ClickAsync();
            await AddSessionAsync("Module", session, today.AddDays(-2), "Lyon, campus de l'INET");
            if (Uses(ProgrammeComponents.StudyTrip))
            {
                await AddSessionAsync("Voyage d'étude", "Voyage d'étude à Bruxelles", today.AddDays(30), "Bruxelles");
            }
            await page.GotoAsync($"/Coordinator/Cohorts/Details/{cohortId}");
        }
        if (Uses(ProgrammeComponents.Intervision) || Uses(ProgrammeComponents.CoDevelopment))
        {
            var groups = Uses(ProgrammeComponents.Intervision) ? "Groupes d'intervision" : "Groupes de codéveloppement";
            await page.GetByRole(AriaRole.Link, new() { Name = groups, Exact = true }).ClickAsync();
            await CheckAccessibilityAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Former un groupe" }).ClickAsync();
            await page.GetByLabel("Nom du groupe").FillAsync("Groupe 1");
            await page.GetByLabel("Facilitateur·rice").SelectOptionAsync(new SelectOptionValue { Label = "Fanny Leroy" });
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Amélie Dupont (Ministère de l'Intérieur)" }).CheckAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bruno Martin (Ministère de l'Intérieur)" }).CheckAsync();
            await CheckAccessibilityAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Former le groupe" }).ClickAsync();
            await page.WaitForURLAsync(new Regex("/Coordinator/Groups/\\d+$"));
            await CheckAccessibilityAsync();
        }
        int? candidate = null;
        if (Uses(ProgrammeComponents.Jury))
        {
            var (_, candidates) = await Fixture.CreateDeclaredJuryAsync(cohortId, "Jury 1", [await Fixture.UserIdAsync(Juror)], [amelie]);
            candidate = candidates[0];
        }

        // The participant sees her programme's menu, nothing more, and a part it does not use answers 404.
        await SignInAsync(Amelie);
        await page.GotoAsync("/Participant");
        await Expect(H1).ToHaveTextAsync("Mon portfolio");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).Locator("ul.nav > li > a")).ToHaveTextAsync(menu);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Mon groupe", Exact = true }).ClickAsync();
        await Expect(H1).ToHaveTextAsync(Uses(ProgrammeComponents.Intervision) ? "Mon groupe d'intervision" : "Mon groupe de codéveloppement");
        await Expect(page.Locator("#my-group")).ToContainTextAsync("Bruno Martin");
        await CheckAccessibilityAsync();
        var unused = Uses(ProgrammeComponents.SelfAssessment) ? "/Participant/Project" : "/Participant/Assessments";
        Assert.Equal(404, (await page.GotoAsync(unused))!.Status);
        await page.GotoAsync("/Participant");

        // The programme's main participant activity, a peer or group activity, and its final step.
        switch (code)
        {
            case "cium":
                await SelfAssessAsync();
                var evidence = await AddEvidenceAsync("Note stratégique au comité de direction", "P1.3 Planifier la stratégie et piloter la performance");
                await AskAndAnswerAsync(() => page.GotoAsync($"/Participant/Feedback/Ask?evidence={evidence}"), "Ma note est-elle assez claire ?");
                await DepositAsync();
                await ScoreAsync(candidate!.Value, viaProject: false);
                break;
            case "chesp" or "ena-transformation-publique":
                await StateProjectAsync();
                await AskAndAnswerAsync(() => page.GotoAsync("/Participant/Feedback/Ask?project=true"), "Par où commencer avec l'équipe ?");
                await PresentProjectAsync();
                await ScoreAsync(candidate!.Value, viaProject: true);
                break;
            case "inet-direction-generale":
                await ReflectAsync(session, "Ce que je retiens du module 3");
                await CodevelopAsync();
                await ReflectAsync("Voyage d'étude à Bruxelles", "Ce que je retiens du voyage d'étude");
                await ExportAsync();
                break;
            case "communaute-cadres-dirigeants":
                await ReflectAsync(null, "Ce que je retiens de notre premier chantier");
                await AskAndAnswerAsync(() => page.GotoAsync("/Participant/Feedback/Ask"), "Comment avez-vous associé vos directeurs au chantier ?");
                await CodevelopAsync();
                await ExportAsync();
                break;
        }

        await using var db = Fixture.NewDb();
        Assert.Equal(2, await db.Enrolments.CountAsync(e => e.CohortId == cohortId));
        Assert.Equal(code, await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Programme.Code).SingleAsync());
    }

    /// <summary>Rates the first objective of the open campaign.</summary>
    private async Task SelfAssessAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Auto-évaluation", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "P1.1 — Affirmer les finalités du service public et ses enjeux éthiques" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Assessments/Edit"));
        await page.GetByRole(AriaRole.Radio, new() { Name = "En développement" }).CheckAsync();
        await page.GetByLabel("Justification").FillAsync("J'ai conduit la réforme du service avec l'équipe.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et objectif suivant" }).ClickAsync();
        await Expect(H1).ToContainTextAsync("P1.2");
    }

    /// <summary>Adds an evidence item tagged to one objective; returns its id.</summary>
    private async Task<int> AddEvidenceAsync(string title, string objective)
    {
        await page.GotoAsync("/Participant/Evidence/Edit");
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Une note de cinq pages.");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = objective }).CheckAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Evidence/Details/\\d+"));
        await Expect(H1).ToHaveTextAsync(title);
        await CheckAccessibilityAsync();
        return int.Parse(Regex.Match(page.Url, "\\d+$").Value);
    }

    /// <summary>Amélie asks her group (opening the ask page as <paramref name="open"/> does); Bruno answers; Amélie reads it.</summary>
    private async Task AskAndAnswerAsync(Func<Task> open, string question)
    {
        await open();
        await Expect(H1).ToHaveTextAsync("Demander un retour");
        await page.GetByLabel("Votre question").FillAsync(question);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Received/\\d+"));
        var received = page.Url;
        await CheckAccessibilityAsync();

        await SignInAsync(Bruno);
        await page.GotoAsync("/Participant/Feedback");
        await page.GetByRole(AriaRole.Link, new() { Name = question }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/Participant/Feedback/Answer/\\d+"));
        await CheckAccessibilityAsync();
        await page.Locator("#input-strengths").FillAsync("Vous avez associé l'équipe dès le départ.");
        await page.Locator("#input-suggestions").FillAsync("Commencez par les volontaires.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon retour" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Votre retour, envoyé le") })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        await SignInAsync(Amelie);
        await page.GotoAsync(received);
        await Expect(page.Locator("main")).ToContainTextAsync("Commencez par les volontaires.");
        await CheckAccessibilityAsync();
    }

    /// <summary>Deposits the portfolio for the jury.</summary>
    private async Task DepositAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Dépôt", Exact = true }).ClickAsync();
        await Expect(H1).ToHaveTextAsync("Dépôt pour l'évaluation");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Je confirme le dépôt : cette copie sera remise à la coordination et à mon jury.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer pour l'évaluation" }).ClickAsync();
        await Expect(page.Locator("#submission-locked")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Dépôt n° 1 du") })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    /// <summary>States the transformation project and adds a milestone.</summary>
    private async Task StateProjectAsync()
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Projet de transformation", Exact = true }).ClickAsync();
        await Expect(H1).ToHaveTextAsync("Mon projet de transformation");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Décrire mon projet" }).ClickAsync();
        await page.GetByLabel("Titre du projet").FillAsync("Dématérialiser les marchés publics");
        await page.GetByLabel("Contexte").FillAsync("Le service des achats traite ses marchés sur papier.");
        await page.GetByLabel("Ambition").FillAsync("Un marché signé en ligne de bout en bout.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L'énoncé de votre projet a été enregistré.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un jalon" }).ClickAsync();
        await page.GetByLabel("Jalon").FillAsync("Cartographier les procédures");
        await page.GetByLabel("Échéance").FillAsync(DateTime.Today.AddMonths(2).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator("#milestones")).ToContainTextAsync("Cartographier les procédures");
        await CheckAccessibilityAsync();
    }

    /// <summary>Prepares and submits the final presentation ("challenge de la transformation").</summary>
    private async Task PresentProjectAsync()
    {
        await page.GotoAsync("/Participant/Project");
        await page.GetByRole(AriaRole.Link, new() { Name = "Préparer la présentation" }).ClickAsync();
        await page.GetByLabel("Date de la présentation").FillAsync(DateTime.Today.AddMonths(6).ToString("yyyy-MM-dd"));
        await page.GetByLabel("Résumé").FillAsync("Le bilan : cinq marchés signés en ligne.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remettre la présentation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre la présentation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Votre présentation finale a été remise.");
        await CheckAccessibilityAsync();
    }

    /// <summary>The juror reads the candidate (her project's presentation where the programme has one) and scores her with the programme's grid.</summary>
    private async Task ScoreAsync(int candidate, bool viaProject)
    {
        await SignInAsync(Juror);
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Mes jurys", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GotoAsync($"/Jury/Candidate/{candidate}");
        await Expect(H1).ToContainTextAsync("Amélie Dupont");
        // The candidate's file has the sections of her programme's parts only.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projet de transformation", Exact = true })).ToHaveCountAsync(viaProject ? 1 : 0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport collectif", Exact = true })).ToHaveCountAsync(viaProject ? 0 : 1);
        await CheckAccessibilityAsync();
        if (viaProject)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dématérialiser les marchés publics" }).ClickAsync();
            await Expect(page.Locator("#project-presentation")).ToContainTextAsync("Le bilan : cinq marchés signés en ligne.");
            await CheckAccessibilityAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Évaluer avec la grille du programme" }).ClickAsync();
        }
        else
        {
            // Her deposit: the self-assessment she recorded.
            await Expect(page.Locator("main")).ToContainTextAsync("J'ai conduit la réforme du service avec l'équipe.");
            await page.GotoAsync($"/Jury/Score/{candidate}");
        }
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
        await CheckAccessibilityAsync();
        await using var db = Fixture.NewDb();
        Assert.True(await db.JurorScores.AnyAsync(s => s.JuryCandidateId == candidate && s.SubmittedAt != null));
    }

    /// <summary>Writes a journal reflection, tied to a session of the calendar when one is named.</summary>
    private async Task ReflectAsync(string? session, string title)
    {
        if (session is null)
        {
            await page.GotoAsync("/Participant/Journal");
            await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle réflexion" }).ClickAsync();
        }
        else
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Mon agenda", Exact = true }).ClickAsync();
            await CheckAccessibilityAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = session }).ClickAsync();
            await CheckAccessibilityAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Écrire ce que je retiens" }).ClickAsync();
            await Expect(page.GetByLabel("Séance du calendrier")).ToHaveValueAsync(new Regex(@"^\d+$"));
        }
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Réflexion", new() { Exact = true }).FillAsync("Le changement se prépare avec les équipes.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Réflexion enregistrée.");
        await Expect(page.GetByRole(AriaRole.Article).Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await CheckAccessibilityAsync();
    }

    /// <summary>The facilitator plans and runs a co-development session of the group with Amélie's case; Bruno keeps what he takes away.</summary>
    private async Task CodevelopAsync()
    {
        await SignInAsync(Facilitator);
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Codéveloppement", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une séance (Groupe 1)" }).ClickAsync();
        await page.GetByLabel("Date et heure").FillAsync($"{DateTime.Today.AddDays(7):yyyy-MM-dd}T14:00");
        await page.GetByLabel("Lieu").FillAsync("Salle du conseil");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Amélie Dupont" }).CheckAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        var session = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Commencer la séance" }).ClickAsync();
        foreach (var (next, step) in new[] { ("Clarification", 2), ("Contrat", 3), ("Consultation", 4), ("Synthèse et plan d'action", 5), ("Ce que chacun retient", 6) })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Étape suivante : {next}" }).ClickAsync();
            await Expect(page.Locator($"#step-{step}").GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        }
        await CheckAccessibilityAsync();

        await SignInAsync(Bruno);
        await page.GotoAsync(session);
        await page.GetByRole(AriaRole.Link, new() { Name = "Écrire ce que je retiens" }).ClickAsync();
        await page.GetByLabel("Ce que je retiens pour ma pratique").FillAsync("Annoncer le calendrier avant de demander l'adhésion.");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Codev/Session/\\d+$"));
        await Expect(page.Locator("#step-6 .takeaway")).ToContainTextAsync("Annoncer le calendrier avant de demander l'adhésion.");
        await CheckAccessibilityAsync();
        await SignInAsync(Amelie);
    }

    /// <summary>The end of a cycle without a jury: the participant takes a copy of her portfolio.</summary>
    private async Task ExportAsync()
    {
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Exporter", Exact = true }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander une copie de mon portfolio" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Télécharger") })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CheckAccessibilityAsync();
    }

    private async Task AddSessionAsync(string kind, string title, DateOnly day, string place)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une séance" }).ClickAsync();
        await page.GetByLabel("Type de séance").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Date de début").FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Lieu").FillAsync(place);
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"La séance « {title} » est ajoutée au calendrier.");
    }

    /// <summary>The shipped programmes (as `migrate` loads them), their coordinator, a facilitator and a juror.</summary>
    private async Task<ProgrammeComponents> ArrangeAsync(string code)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        await ProgrammeDescriptions.LoadShippedAsync(db, Path.Combine(AppContext.BaseDirectory, "templates", "programmes"));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (email, first, last, role) in new[]
        {
            (Coordinator, "Claire", "Dubois", Roles.Coordinator), (Facilitator, "Fanny", "Leroy", Roles.Facilitator), (Juror, "Marie", "Janssens", Roles.JuryMember),
        })
        {
            var user = AppUser.Create(email, first, last, "Portfolio");
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        await Fixture.AssignCoordinatorAsync(await Fixture.UserIdAsync(Coordinator), code);
        return await db.Programmes.Where(p => p.Code == code).Select(p => p.Components).SingleAsync();
    }

    /// <summary>What following the invitation does: the enrolled person chooses a password (InvitationJourneyTests drives that page).</summary>
    private async Task<string> ActivateAsync(string email)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddPasswordAsync(user, Password)).Succeeded);
        return user.Id;
    }
}
