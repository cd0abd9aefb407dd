using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed class CaseStudyJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string JurorEmail = "jury@portfolio.test";
    private const string CohortName = "Promotion 2026-2027";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Rapport collectif : SPF Finances\n%%EOF\n");

    [Fact]
    public async Task Case_study_group_hands_in_its_collective_report_and_a_juror_reads_it()
    {
        await ArrangeAsync();
        var page = Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });

        // The coordinator forms the group from the cohort's page.
        await SignInAsync(CoordinatorEmail);
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Coordination", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Études de cas", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Études de cas et rapports collectifs");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Former un groupe d'étude de cas" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Former un groupe d'étude de cas");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Nom du groupe").FillAsync("Groupe Finances");
        await page.GetByLabel("Organisation publique étudiée").FillAsync("SPF Finances");
        await page.GetByLabel("Échéance du rapport").FillAsync("2027-05-31");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Anne Martin" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Bruno Peeters" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Former le groupe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le groupe « Groupe Finances » est formé.");
        await Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { HasText = "Groupe Finances" })).ToContainTextAsync("Aucune version");
        await CheckAccessibilityAsync();
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        // Anne uploads a version and submits it as final.
        await SignInAsync("martin@exemple.be");
        await page.GotoAsync("/Participant");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Mon portfolio" }).GetByRole(AriaRole.Link, new() { Name = "Étude de cas", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Étude de cas et rapport collectif");
        await Expect(page.GetByText("SPF Finances")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Déposer une version" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Déposer une version du rapport collectif");
        await CheckAccessibilityAsync();
        await page.GetByLabel("Fichier du rapport").SetInputFilesAsync(new FilePayload { Name = "rapport-collectif.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déposer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La version « rapport-collectif.pdf » du rapport collectif est déposée.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remettre comme version finale" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Remettre la version 1 comme version finale ?");
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remettre comme version finale" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La version 1 est remise comme version finale du rapport collectif.");
        await Expect(page.GetByText("Le rapport est remis : il est verrouillé pour tout le groupe.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        // The juror, open to Anne, downloads the final report byte for byte.
        await SignInAsync(JurorEmail);
        await page.GotoAsync("/Jury");
        await Expect(h1).ToHaveTextAsync("Mes jurys");
        await CheckAccessibilityAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Rapport collectif de Anne Martin" }).ClickAsync());
        Assert.Equal("rapport-collectif.pdf", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"rapport-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(saved));
        File.Delete(saved);
        await navigation.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        // The coordinator sees the submission in the audit trail and reopens with a reason.
        await SignInAsync(CoordinatorEmail);
        await page.GotoAsync("/Coordinator");
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Études de cas", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Groupe Finances", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Groupe d'étude de cas « Groupe Finances »");
        await Expect(page.GetByText("Anne Martin a remis la version 1 comme version finale.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rouvrir le rapport" }).ClickAsync();
        await CheckAccessibilityAsync();
        await page.GetByLabel("Raison de la réouverture").FillAsync("L'annexe financière manque.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rouvrir le rapport" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("est rouvert");
        await Expect(page.GetByText("Claire Dubois a rouvert le rapport. Raison : L'annexe financière manque.")).ToBeVisibleAsync();
        await CheckAccessibilityAsync();
    }

    /// <summary>A coordinator, a cohort with three participants, and a juror of a jury that examines Anne, with nothing to declare.</summary>
    private async Task ArrangeAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var coordinator = AppUser.Create(CoordinatorEmail, "Claire", "Dubois", "Portfolio");
        Check(await users.CreateAsync(coordinator, Password));
        Check(await users.AddToRoleAsync(coordinator, Roles.Coordinator));
        var juror = AppUser.Create(JurorEmail, "Jules", "Lambert", "UCLouvain");
        Check(await users.CreateAsync(juror, Password));
        Check(await users.AddToRoleAsync(juror, Roles.JuryMember));
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var framework = await db.Frameworks.Where(f => f.Code == "cium-management-public").OrderByDescending(f => f.Version).FirstAsync();
        var programme = new Programme("cium", "Certificat inter-universités en management public");
        programme.Assign(coordinator.Id);
        var cohort = new Cohort(programme, CohortName, framework, new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30));
        db.Programmes.Add(programme);
        db.Cohorts.Add(cohort);
        var ids = new List<string>();
        foreach (var (first, last) in new[] { ("Anne", "Martin"), ("Bruno", "Peeters"), ("Chloé", "Dumont") })
        {
            var person = AppUser.Create($"{last.ToLowerInvariant()}@exemple.be", first, last, "Service public de Wallonie");
            Check(await users.CreateAsync(person, Password));
            Check(await users.AddToRoleAsync(person, Roles.Participant));
            cohort.Enrol(person.Id, DateTimeOffset.UtcNow);
            ids.Add(person.Id);
        }
        await db.SaveChangesAsync();
        var jury = Jury.Form(cohort.Id, "Jury 1", [juror.Id], juror.Id, DateTimeOffset.UtcNow);
        var candidate = jury.Assign(ids[0], DateTimeOffset.UtcNow);
        db.Juries.Add(jury);
        await db.SaveChangesAsync();
        db.ConflictDeclarations.Add(new ConflictDeclaration(candidate, juror.Id, ConflictLevel.None, null, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
