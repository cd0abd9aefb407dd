using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portfolio.EndToEnd;

public sealed partial class InvitationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string CoordinatorEmail = "coordination@portfolio.test";
    private const string AdminEmail = "admin@portfolio.test";
    private const string CohortName = "Promotion 2026-2027";
    private const string NewcomerEmail = "nadia.benali@exemple.be";

    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public async Task Invited_participant_sets_password_and_lands_on_portfolio()
    {
        var cohortId = await ArrangeAsync();

        // The coordinator signs in, lands on coordination and enrols a new person through the form.
        var page = Page;
        await SignInAsync(page, CoordinatorEmail);
        await page.WaitForURLAsync(new Regex("/Coordinator$"));
        await page.GetByRole(AriaRole.Link, new() { Name = CohortName, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Coordinator/Cohorts/Details/{cohortId}$"));
        var enrol = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Inscrire", Exact = true }) });
        await enrol.GetByLabel("Adresse e-mail").FillAsync(NewcomerEmail);
        await enrol.GetByLabel("Prénom").FillAsync("Nadia");
        await enrol.GetByLabel("Nom", new() { Exact = true }).FillAsync("Benali");
        await enrol.GetByLabel("Organisation").FillAsync("Ville de Namur");
        await enrol.GetByRole(AriaRole.Button, new() { Name = "Inscrire", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nadia Benali est inscrit·e.");
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Participants inscrits" }).Locator("tbody tr").Filter(new() { HasText = NewcomerEmail });
        await Expect(row).ToContainTextAsync("invité·e");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Renvoyer l'invitation à Nadia Benali" })).ToBeVisibleAsync();
        await CheckAccessibilityAsync();

        // The invitation, as the admin mailbox shows it (no SMTP server here: the pickup folder).
        string link;
        await using (var adminContext = await Fixture.NewContextAsync())
        {
            var admin = await adminContext.NewPageAsync();
            await SignInAsync(admin, AdminEmail);
            await admin.WaitForURLAsync(new Regex("/Admin$"));
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Administration");
            await Accessibility.AssertNoSeriousViolationsAsync(admin, Output);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Messages envoyés" }).ClickAsync();
            await admin.WaitForURLAsync(new Regex("/Admin/Mailbox$"));
            var invitation = admin.Locator(".mailbox > li").Filter(new() { HasText = NewcomerEmail });
            // The Hangfire worker sends it within a second or two; the page shows the folder as it is when loaded.
            for (var attempt = 0; attempt < 30 && await invitation.CountAsync() == 0; attempt++)
            {
                await Task.Delay(500);
                await admin.ReloadAsync();
            }
            await Expect(invitation.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync($"Invitation au portfolio de la promotion « {CohortName} »");
            await Accessibility.AssertNoSeriousViolationsAsync(admin, Output);
            link = SetPasswordLink().Match(await invitation.Locator("pre").InnerTextAsync()).Value;
            Assert.NotEmpty(link);
        }
        // The same message is in the pickup folder.
        var file = Assert.Single(Directory.GetFiles(Fixture.PickupFolder, "*.eml"));
        Assert.Contains(NewcomerEmail, await File.ReadAllTextAsync(file));

        // The newcomer follows the link in a browser of their own, chooses a password and lands on their portfolio.
        await using var newcomerContext = await Fixture.NewContextAsync();
        var newcomer = await newcomerContext.NewPageAsync();
        await newcomer.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(newcomer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choisir votre mot de passe");
        await Expect(newcomer.GetByText($"Compte : {NewcomerEmail}")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(newcomer, Output);
        await newcomer.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("Nadia-choisit-2026");
        await newcomer.GetByLabel("Confirmer le nouveau mot de passe").FillAsync("Nadia-choisit-2026");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et me connecter" }).ClickAsync();
        await newcomer.WaitForURLAsync(new Regex("/Participant$"));
        await Expect(newcomer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mon portfolio");
        await Expect(newcomer.GetByText(CohortName).First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(newcomer, Output);

        // The link has served: opened again, it says so and offers a new one.
        await newcomer.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(newcomer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ce lien a déjà servi");
        await Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "Recevoir un nouveau lien" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(newcomer, Output);

        // The coordinator now sees an active account.
        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("actif");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
    }

    /// <summary>A coordinator, an admin, and a programme with one cohort on the shipped framework.</summary>
    private async Task<int> ArrangeAsync()
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = new List<AppUser>();
        foreach (var (email, role) in new[] { (CoordinatorEmail, Roles.Coordinator), (AdminEmail, Roles.Admin) })
        {
            var user = AppUser.Create(email, "Claire", role, "Portfolio");
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            created.Add(user);
        }
        var db = scope.ServiceProvider.GetRequiredService<PortfolioDb>();
        var framework = await db.Frameworks.Where(f => f.Code == "cium-management-public").OrderByDescending(f => f.Version).FirstAsync();
        var programme = new Programme("cium", "Certificat inter-universités en management public");
        programme.Assign(created[0].Id);
        var cohort = new Cohort(programme, CohortName, framework, new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30));
        db.Programmes.Add(programme);
        db.Cohorts.Add(cohort);
        await db.SaveChangesAsync();
        return cohort.Id;
    }
}
