using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

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

        var reset = await PostFormAsync(admin, $"/Admin/Users/Edit/{participant.Id}", new() { ["NewPassword"] = "Nouveau-mot-2026" }, handler: "ResetPassword");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewClient(), "participant@example.be", "Nouveau-mot-2026")).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_in_french()
    {
        var participant = await CreateUserAsync("participant@example.be", Roles.Participant);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var response = await PostFormAsync(admin, $"/Admin/Users/Edit/{participant.Id}", new() { ["NewPassword"] = "court" }, handler: "ResetPassword");
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
}
