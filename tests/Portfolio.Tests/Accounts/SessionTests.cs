using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Accounts;

/// <summary>Sessions live in PostgreSQL: a cookie is refused as soon as its session ends, whichever node it reaches.</summary>
public class SessionTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string NewPassword = "Encore-un-autre-2026";

    /// <summary>Signs in through the form and returns the auth cookie exactly as the browser received it.</summary>
    private static async Task<string> SignInAndCopyCookieAsync(HttpClient client, string email)
    {
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portfolio.auth=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    /// <summary>A browser that only has the copied cookie.</summary>
    private HttpClient ClientWithCookie(string cookie)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal);

    [Fact]
    public async Task Signing_out_revokes_the_session()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        var first = NewClient();
        var cookie = await SignInAndCopyCookieAsync(first, "participant@example.be");
        var copy = ClientWithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Participant")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(first, "/Account/Logout", [])).StatusCode);

        Assert.True(SentToSignIn(await copy.GetAsync("/Participant")));
        await using var db = Factory.NewDb();
        var session = await db.UserSessions.SingleAsync();
        Assert.NotNull(session.RevokedAt);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_not_this_one()
    {
        await CreateUserAsync("coord@example.be", Roles.Coordinator);
        var here = NewClient();
        await SignInAndCopyCookieAsync(here, "coord@example.be");
        var elsewhere = ClientWithCookie(await SignInAndCopyCookieAsync(NewClient(), "coord@example.be"));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/Coordinator")).StatusCode);

        var changed = await PostFormAsync(here, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(SentToSignIn(await elsewhere.GetAsync("/Coordinator")));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Coordinator")).StatusCode);
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.UserSessions.CountAsync(s => s.RevokedAt == null));
    }

    [Fact]
    public async Task A_cookie_signed_out_on_one_web_node_is_refused_by_another()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        // A second web node on the same database, as behind a load balancer: it reads the first node's cookies.
        await using var otherNode = new SecondNode(Factory.ConnectionString, Factory.PickupFolder);
        var first = NewClient();
        var cookie = await SignInAndCopyCookieAsync(first, "participant@example.be");
        var onOtherNode = otherNode.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        onOtherNode.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await onOtherNode.GetAsync("/Participant")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(first, "/Account/Logout", [])).StatusCode);

        Assert.True(SentToSignIn(await onOtherNode.GetAsync("/Participant")));
    }

    private sealed class SecondNode(string connectionString, string pickupFolder) : PortfolioFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PORTFOLIO_DB"] = connectionString,
            ["Portfolio:Roles"] = "web",
            ["Portfolio:Mail:PickupFolder"] = pickupFolder,
        };
    }
}
