using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Accounts;

public class AbuseTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [Fact]
    public async Task Sign_in_is_rate_limited()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        // Another node on the same database, with a sign-in limit the test can reach.
        await using var limited = new LowLimitsFactory(Factory.ConnectionString, Factory.PickupFolder);
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = new Dictionary<string, string> { ["Input.Email"] = "participant@example.be", ["Input.Password"] = "wrong-password" };
        for (var i = 0; i < LowLimitsFactory.SignInLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(client, "/Account/Login", form)).StatusCode);
        }

        var refused = await PostFormAsync(client, "/Account/Login", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Trop de tentatives", (await ParseAsync(refused)).QuerySelector("main")!.TextContent);
        // A visitor who chose English (the culture cookie the language switch sets) reads the page in English.
        var english = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(form) };
        english.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var inEnglish = await limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(english);
        Assert.Equal(HttpStatusCode.TooManyRequests, inEnglish.StatusCode);
        Assert.Contains("Too many attempts", (await ParseAsync(inEnglish)).QuerySelector("main")!.TextContent);
        // The throttle tripped before Identity's lockout (5 failures): the owner can still sign in from elsewhere.
        await using var db = Factory.NewDb();
        var user = await db.Users.SingleAsync(u => u.Email == "participant@example.be");
        Assert.Null(user.LockoutEnd);
        Assert.Equal(LowLimitsFactory.SignInLimit, user.AccessFailedCount);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(NewClient(), "/Account/Login",
            new() { ["Input.Email"] = "participant@example.be", ["Input.Password"] = Password })).StatusCode);
    }

    private sealed class LowLimitsFactory(string connectionString, string pickupFolder) : PortfolioFactory
    {
        public const int SignInLimit = 3;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PORTFOLIO_DB"] = connectionString,
            ["Portfolio:Roles"] = "web",
            ["Portfolio:Mail:PickupFolder"] = pickupFolder,
            ["Portfolio:RateLimits:SignIn:PermitLimit"] = SignInLimit.ToString(),
            ["Portfolio:RateLimits:SignIn:WindowSeconds"] = "600",
        };
    }
}
