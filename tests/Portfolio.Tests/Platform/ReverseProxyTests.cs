using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Portfolio.Web.Hosting;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Platform;

/// <summary>
/// Behind nginx: X-Forwarded-For and X-Forwarded-Proto are believed from the configured proxy only. Requests are sent
/// with the address they come from, as Kestrel would see it.
/// </summary>
public class ReverseProxyTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");

    [Fact]
    public async Task Through_the_configured_proxy_a_forwarded_https_request_is_https_and_its_cookies_are_secure()
    {
        await using var node = new BehindProxyFactory(Factory.ConnectionString, Factory.PickupFolder);

        var https = await node.SendAsync("/Account/Login", from: Proxy, forwardedFor: "203.0.113.7", forwardedProto: "https");
        var plain = await node.SendAsync("/Account/Login", from: Proxy, forwardedFor: "203.0.113.7", forwardedProto: "http");

        Assert.Equal(StatusCodes.Status200OK, https.Response.StatusCode);
        Assert.Equal("https", https.Request.Scheme);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), https.Connection.RemoteIpAddress);
        Assert.NotEmpty(https.Response.Headers.SetCookie.ToArray());
        Assert.All(https.Response.Headers.SetCookie.ToArray(), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(plain.Response.Headers.SetCookie.ToArray());
        Assert.All(plain.Response.Headers.SetCookie.ToArray(), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        // HSTS is for Production only (below): a test or development server says nothing.
        Assert.False(https.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task From_an_unknown_address_the_forwarded_headers_are_ignored()
    {
        await using var node = new BehindProxyFactory(Factory.ConnectionString, Factory.PickupFolder);

        var forged = await node.SendAsync("/Account/Login", from: Stranger, forwardedFor: "203.0.113.7", forwardedProto: "https");

        Assert.Equal(StatusCodes.Status200OK, forged.Response.StatusCode);
        Assert.Equal("http", forged.Request.Scheme);
        Assert.Equal(Stranger, forged.Connection.RemoteIpAddress);
        Assert.NotEmpty(forged.Response.Headers.SetCookie.ToArray());
        Assert.All(forged.Response.Headers.SetCookie.ToArray(), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Rate_limits_count_each_visitor_behind_the_proxy_and_a_stranger_cannot_escape_them_with_a_forged_address()
    {
        await using var node = new BehindProxyFactory(Factory.ConnectionString, Factory.PickupFolder);
        const string search = "/Account/Login?q=budget";

        // Two visitors behind the proxy: each has their own budget, although both reach the app from the proxy.
        for (var i = 0; i < BehindProxyFactory.SearchLimit; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await node.SendAsync(search, from: Proxy, forwardedFor: "203.0.113.7")).Response.StatusCode);
        }
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await node.SendAsync(search, from: Proxy, forwardedFor: "203.0.113.7")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await node.SendAsync(search, from: Proxy, forwardedFor: "203.0.113.8")).Response.StatusCode);
        // A visitor who writes an earlier X-Forwarded-For himself is still counted by the address nginx saw.
        Assert.Equal(StatusCodes.Status429TooManyRequests,
            (await node.SendAsync(search, from: Proxy, forwardedFor: "192.0.2.55, 203.0.113.7")).Response.StatusCode);

        // A client that is not the proxy: a new X-Forwarded-For on each request does not give it a new budget.
        for (var i = 0; i < BehindProxyFactory.SearchLimit; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, (await node.SendAsync(search, from: Stranger, forwardedFor: $"192.0.2.{i}")).Response.StatusCode);
        }
        Assert.Equal(StatusCodes.Status429TooManyRequests, (await node.SendAsync(search, from: Stranger, forwardedFor: "192.0.2.200")).Response.StatusCode);
    }

    [Fact]
    public async Task In_production_cookies_are_always_secure_and_https_answers_carry_hsts()
    {
        await using var node = new BehindProxyFactory(Factory.ConnectionString, Factory.PickupFolder, environment: "Production");

        var https = await node.SendAsync("/Account/Login", from: Proxy, forwardedFor: "203.0.113.7", forwardedProto: "https");
        // Even reached in plain HTTP (a misconfigured proxy), the cookies are not sent back over it.
        var plain = await node.SendAsync("/Account/Login", from: Stranger, forwardedFor: "203.0.113.7");

        Assert.Equal(StatusCodes.Status200OK, https.Response.StatusCode);
        Assert.StartsWith("max-age=", https.Response.Headers.StrictTransportSecurity.ToString());
        Assert.All(https.Response.Headers.SetCookie.ToArray(), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(StatusCodes.Status200OK, plain.Response.StatusCode);
        Assert.NotEmpty(plain.Response.Headers.SetCookie.ToArray());
        Assert.All(plain.Response.Headers.SetCookie.ToArray(), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        // HSTS means something over HTTPS only.
        Assert.False(plain.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    private sealed class BehindProxyFactory(string connectionString, string pickupFolder, string environment = "Testing") : PortfolioFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }

        public const int SearchLimit = 2;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["PORTFOLIO_DB"] = connectionString,
            ["Portfolio:Roles"] = "web",
            ["Portfolio:Mail:PickupFolder"] = pickupFolder,
            ["Portfolio:Proxy:KnownProxies"] = Proxy.ToString(),
            ["Portfolio:RateLimits:Search:PermitLimit"] = SearchLimit.ToString(),
            ["Portfolio:RateLimits:Search:WindowSeconds"] = "600",
        };

        /// <summary>A GET as Kestrel would receive it from <paramref name="from"/>, with the proxy's headers.</summary>
        public Task<HttpContext> SendAsync(string url, IPAddress from, string forwardedFor, string? forwardedProto = null) => Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = HttpMethods.Get;
            // A public name: HSTS is never sent to localhost.
            c.Request.Host = new HostString("portfolio.example.be");
            var query = url.IndexOf('?');
            c.Request.Path = query < 0 ? url : url[..query];
            c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (forwardedProto is not null)
            {
                c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            }
        });
    }
}

/// <summary>How an operator writes the proxies: a list, numbered keys or one comma-separated value; a typo stops the start.</summary>
public class ReverseProxySettingsTests
{
    [Fact]
    public void Proxies_are_read_from_a_list_or_a_comma_separated_value_and_a_wrong_one_is_named()
    {
        var settings = ReverseProxy.Settings.From(Configuration(new()
        {
            ["Portfolio:Proxy:KnownProxies"] = "127.0.0.1, ::1",
            ["Portfolio:Proxy:KnownNetworks:0"] = "10.0.0.0/24",
            ["Portfolio:Proxy:KnownNetworks:1"] = "fd00::/8",
        }));
        var wrong = Assert.Throws<InvalidOperationException>(() => ReverseProxy.Settings.From(Configuration(new()
        {
            ["Portfolio:Proxy:KnownNetworks"] = "10.0.0.0/33",
        })));

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], settings.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.0.0.0/24"), System.Net.IPNetwork.Parse("fd00::/8")], settings.KnownNetworks);
        Assert.Contains("Portfolio:Proxy:KnownNetworks: '10.0.0.0/33'", wrong.Message);
        Assert.False(ReverseProxy.Settings.From(Configuration([])).Any);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
