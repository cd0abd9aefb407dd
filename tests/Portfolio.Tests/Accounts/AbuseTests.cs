using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task An_unknown_address_runs_the_password_hasher_like_a_known_one()
    {
        await CreateUserAsync("participant@example.be", Roles.Participant);
        await using var node = new LowLimitsFactory(Factory.ConnectionString, Factory.PickupFolder);
        var client = node.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "participant@example.be", ["Input.Password"] = "wrong-password" });
        var known = node.Verifications;
        var unknown = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "nobody@example.be", ["Input.Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", (await ParseAsync(unknown)).QuerySelector("main")!.TextContent);
        Assert.True(known >= 1, $"known address: {known} verifications");
        Assert.Equal(known, node.Verifications - known);
    }

    [Fact]
    public async Task The_429_page_speaks_the_language_asked_for_in_the_address()
    {
        await using var limited = new LowLimitsFactory(Factory.ConnectionString, Factory.PickupFolder);
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < LowLimitsFactory.SearchLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Frameworks?q=budget&culture=en")).StatusCode);
        }

        var refused = await client.GetAsync("/Frameworks?q=budget&culture=en");
        var french = await client.GetAsync("/Frameworks?q=budget");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await ParseAsync(refused);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Too many attempts", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, french.StatusCode);
        Assert.Contains("Trop de tentatives", (await ParseAsync(french)).QuerySelector("main")!.TextContent);
    }

    private sealed class LowLimitsFactory(string connectionString, string pickupFolder) : PortfolioFactory
    {
        private int verifications;

        /// <summary>How many passwords the real hasher of this node has checked.</summary>
        public int Verifications => Volatile.Read(ref verifications);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<IPasswordHasher<AppUser>>(_ => new CountingHasher(this)));
        }

        private sealed class CountingHasher(LowLimitsFactory node) : PasswordHasher<AppUser>
        {
            public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref node.verifications);
                return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }

        public const int SignInLimit = 3;
        public const int SearchLimit = 2;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PORTFOLIO_DB"] = connectionString,
            ["Portfolio:Roles"] = "web",
            ["Portfolio:Mail:PickupFolder"] = pickupFolder,
            ["Portfolio:RateLimits:SignIn:PermitLimit"] = SignInLimit.ToString(),
            ["Portfolio:RateLimits:SignIn:WindowSeconds"] = "600",
            ["Portfolio:RateLimits:Search:PermitLimit"] = SearchLimit.ToString(),
            ["Portfolio:RateLimits:Search:WindowSeconds"] = "600",
        };
    }
}
