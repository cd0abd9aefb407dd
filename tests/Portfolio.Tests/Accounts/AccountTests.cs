using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Accounts;

public class AccountTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task Signing_in_and_out()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        var client = NewClient();

        var signedIn = await SignInAsync(client, "participant@example.be", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Participant")).StatusCode);

        var home = await GetPageAsync(client, "/");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, "/Account/Logout", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Participant")).StatusCode);
        Assert.Contains("Se déconnecter", home.QuerySelector("header")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        var response = await SignInAsync(NewClient(), "participant@example.be", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        var client = NewClient();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, "participant@example.be", "wrong-password-" + i);
        }

        var response = await SignInAsync(client, "participant@example.be", Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ce compte est verrouillé", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
        await using var db = Factory.NewDb();
        var user = await db.Users.SingleAsync(u => u.Email == "participant@example.be");
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task An_admin_creates_an_account_with_roles_and_the_person_signs_in()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var response = await PostFormAsync(admin, "/Admin/Users/Create", new()
        {
            ["Input.Email"] = "jury.nouveau@uclouvain.be",
            ["Input.FirstName"] = "Hélène",
            ["Input.LastName"] = "Dewez",
            ["Input.Organisation"] = "UCLouvain",
            ["Input.Password"] = "Provisoire-2026",
        });
        // Checkboxes are not ticked by default: add the two roles as a browser would post them.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editUrl = response.Headers.Location!.ToString();
        var saved = await PostFormAsync(admin, editUrl, new() { ["SelectedRoles"] = Roles.JuryMember }, handler: "Roles");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var list = await GetPageAsync(admin, "/Admin/Users?q=dewez");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Contains("jury.nouveau@uclouvain.be", row.TextContent);
        Assert.Contains("Membre du jury", row.TextContent);

        var person = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(person, "jury.nouveau@uclouvain.be", "Provisoire-2026")).StatusCode);
    }

    [Fact]
    public async Task An_admin_resets_a_forgotten_password_and_unlocks_the_account()
    {
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        var client = NewClient();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, "participant@example.be", "wrong-password-" + i);
        }
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);

        var reset = await PostFormAsync(admin, $"/Admin/Users/Password/{participant.Id}", new() { ["NewPassword"] = "Nouveau-mot-2026" }, handler: "SetProvisional");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewClient(), "participant@example.be", "Nouveau-mot-2026")).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_french()
    {
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var response = await PostFormAsync(admin, $"/Admin/Users/Password/{participant.Id}", new() { ["NewPassword"] = "court" }, handler: "SetProvisional");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le mot de passe doit compter au moins 10 caractères.", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_person_changes_their_own_password()
    {
        var client = await SignedInClientAsync("coord@example.be", Roles.Coordinator);
        var response = await PostFormAsync(client, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = "Encore-un-autre-2026",
            ["Input.ConfirmPassword"] = "Encore-un-autre-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewClient(), "coord@example.be", "Encore-un-autre-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(NewClient(), "coord@example.be", Password)).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        string adminId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("admin@example.be"))!.Id;
        }
        var response = await PostFormAsync(admin, $"/Admin/Users/Edit/{adminId}", new() { ["SelectedRoles"] = Roles.Coordinator }, handler: "Roles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task A_password_typed_by_an_admin_must_be_changed_at_the_next_sign_in()
    {
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(admin, $"/Admin/Users/Password/{participant.Id}",
            new() { ["NewPassword"] = "Provisoire-2026" }, handler: "SetProvisional")).StatusCode);
        var client = NewClient();

        var signedIn = await SignInAsync(client, "participant@example.be", "Provisoire-2026");

        Assert.Equal("/Account/ChangePassword", signedIn.Headers.Location!.ToString());
        // Nowhere else until it is changed.
        var elsewhere = await client.GetAsync("/Participant");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Equal("/Account/ChangePassword", elsewhere.Headers.Location!.ToString());
        var page = await GetPageAsync(client, "/Account/ChangePassword");
        Assert.Contains("choisi par l'administration", page.QuerySelector("main")!.TextContent);

        var changed = await PostFormAsync(client, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "Provisoire-2026",
            ["Input.NewPassword"] = "Le-mien-enfin-2026",
            ["Input.ConfirmPassword"] = "Le-mien-enfin-2026",
        });

        Assert.Equal("/Participant", changed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Participant")).StatusCode);
        Assert.Equal("/Participant", (await SignInAsync(NewClient(), "participant@example.be", "Le-mien-enfin-2026")).Headers.Location!.ToString());
        await using var db = Factory.NewDb();
        Assert.False((await db.Users.SingleAsync(u => u.Id == participant.Id)).MustChangePassword);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_and_its_data_stays()
    {
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        var cohortId = await Factory.CreateCohortAsync();
        await Factory.EnrolAsync(cohortId, participant.Id);
        var session = NewClient();
        await SignInAsync(session, "participant@example.be", Password);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);

        var deactivated = await PostFormAsync(admin, $"/Admin/Users/Access/{participant.Id}", [], handler: "Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var refused = await SignInAsync(NewClient(), "participant@example.be", Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Ce compte a été désactivé", (await ParseAsync(refused)).QuerySelector("main")!.TextContent);
        // Without the right password, nothing tells that the account exists.
        var guessed = await SignInAsync(NewClient(), "participant@example.be", "not-the-password");
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", (await ParseAsync(guessed)).QuerySelector("main")!.TextContent);
        // Forgot password sends it nothing.
        await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "participant@example.be" });
        var list = await GetPageAsync(admin, "/Admin/Users?q=participant");
        Assert.Contains("désactivé", list.QuerySelector("tbody tr")!.TextContent);
        await using (var db = Factory.NewDb())
        {
            Assert.True(await db.Enrolments.AnyAsync(e => e.UserId == participant.Id && e.CohortId == cohortId));
            Assert.Equal(0, await db.OutgoingMails.CountAsync());
        }

        var reactivated = await PostFormAsync(admin, $"/Admin/Users/Access/{participant.Id}", [], handler: "Reactivate");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewClient(), "participant@example.be", Password)).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_their_own_account()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        await using var db = Factory.NewDb();
        var adminId = (await db.Users.SingleAsync(u => u.Email == "admin@example.be")).Id;
        var response = await PostFormAsync(admin, $"/Admin/Users/Access/{adminId}", [], handler: "Deactivate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vous ne pouvez pas désactiver votre propre compte.", (await ParseAsync(response)).QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData("/Participant", Roles.Participant)]
    [InlineData("/Coordinator", Roles.Coordinator)]
    [InlineData("/Admin", Roles.Admin)]
    [InlineData("/Account/Spaces", Roles.Participant, Roles.Coordinator)]
    [InlineData("/", Roles.JuryMember)]
    public async Task Each_person_lands_on_their_own_space_after_signing_in(string landing, params string[] roles)
    {
        await CreateUserAsync("someone@example.be", roles);
        var client = NewClient();

        var response = await SignInAsync(client, "someone@example.be", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location!.ToString());
        var page = await GetPageAsync(client, landing);
        if (landing == "/Account/Spaces")
        {
            var choices = page.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal(["/Participant", "/Coordinator"], choices);
        }
    }

    [Fact]
    public async Task A_page_asked_for_before_signing_in_comes_first()
    {
        await CreateUserAsync("coord@example.be", Roles.Coordinator, Roles.Participant);
        var client = NewClient();
        var asked = await client.GetAsync("/Coordinator");
        var login = asked.Headers.Location!.ToString();
        var response = await PostFormAsync(client, login, new() { ["Input.Email"] = "coord@example.be", ["Input.Password"] = Password });
        Assert.Equal("/Coordinator", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_admin_space_links_accounts_programmes_mailbox_and_jobs()
    {
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var page = await GetPageAsync(admin, "/Admin");
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Admin/Users", links);
        Assert.Contains("/Admin/Programmes", links);
        Assert.Contains("/Admin/Mailbox", links);
        Assert.Contains("/hangfire", links);
    }

    [Fact]
    public async Task The_admin_mailbox_lists_what_was_sent_newest_first()
    {
        await CreateUserAsync("first@example.be", Roles.Participant);
        await CreateUserAsync("second@example.be", Roles.Participant);
        await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "first@example.be" });
        await Factory.MailsAsync(1);
        await Task.Delay(1100);
        await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "second@example.be" });
        await Factory.MailsAsync(2);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);

        var page = await GetPageAsync(admin, "/Admin/Mailbox");

        var items = page.QuerySelectorAll("main .mailbox > li").ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("second@example.be", items[0].TextContent);
        Assert.Contains("first@example.be", items[1].TextContent);
        Assert.Contains("Réinitialisation de votre mot de passe Portfolio", items[0].QuerySelector("h2")!.TextContent);
        Assert.Contains("/Account/SetPassword?token=", items[0].QuerySelector("pre")!.TextContent);
        Assert.Contains("&lt;a href=", items[0].QuerySelector("iframe")!.OuterHtml);
    }
}
