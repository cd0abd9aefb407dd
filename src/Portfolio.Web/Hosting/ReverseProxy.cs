using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating proxy (nginx): the proxy's X-Forwarded-For and X-Forwarded-Proto are believed only
/// when the request comes from an address the operator listed (`Portfolio:Proxy:KnownProxies`, `…:KnownNetworks`), so
/// that the rate limits see each visitor's own address and the app knows the request was HTTPS; from anyone else the
/// headers are ignored, since a visitor could write them. Cookies are Secure in Production; HSTS there too.
/// </summary>
public static class ReverseProxy
{
    /// <summary>The proxies the operator trusts: single addresses and networks in CIDR notation.</summary>
    public sealed record Settings(IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<System.Net.IPNetwork> KnownNetworks)
    {
        public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

        public static Settings From(IConfiguration configuration)
        {
            var section = configuration.GetSection("Portfolio:Proxy");
            return new Settings(
                [.. Values(section, "KnownProxies").Select(v => IPAddress.TryParse(v, out var address)
                    ? address
                    : throw new InvalidOperationException($"Portfolio:Proxy:KnownProxies: '{v}' is not an IP address."))],
                [.. Values(section, "KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var network)
                    ? network
                    : throw new InvalidOperationException($"Portfolio:Proxy:KnownNetworks: '{v}' is not a network in CIDR notation (10.0.0.0/8)."))]);
        }

        /// <summary>A JSON array, numbered keys (`Portfolio__Proxy__KnownProxies__0`) or one comma-separated value.</summary>
        private static IEnumerable<string> Values(IConfigurationSection section, string key)
        {
            var entry = section.GetSection(key);
            var values = entry.Value is { } single ? [single] : entry.GetChildren().Select(c => c.Value ?? "");
            return values.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    public static void AddPortfolioReverseProxy(this WebApplicationBuilder builder)
    {
        var settings = Settings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default: trust only what the operator listed.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                o.KnownProxies.Add(proxy);
            }
            foreach (var network in settings.KnownNetworks)
            {
                o.KnownIPNetworks.Add(network);
            }
            // Walk back through every listed proxy (a load balancer before nginx): the first address that is not one of
            // them is the client. Addresses a visitor wrote further left are never reached.
            o.ForwardLimit = null;
        });
        // Every cookie (sign-in, antiforgery, language): a cookie sent over plain HTTP can be read on the way. The
        // development server is plain HTTP, so there it follows the request.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = builder.Environment.IsProduction()
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>First in the pipeline, so that everything after sees the client's address and scheme.</summary>
    public static void UsePortfolioReverseProxy(this WebApplication app)
    {
        // With no proxy listed the middleware would believe everyone: it is left out.
        if (app.Services.GetRequiredService<Settings>().Any)
        {
            app.UseForwardedHeaders();
        }
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }
        app.UseCookiePolicy();
    }
}
