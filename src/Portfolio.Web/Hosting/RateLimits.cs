using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Per-client throttles on the requests an abuser would repeat: signing in, mails sent on request, imports, exports and
/// searches. Over the limit the client gets 429 with Retry-After and the error page (see Error.cshtml.cs).
/// </summary>
public static class RateLimits
{
    /// <summary>One kind of throttled request: at most PermitLimit requests per client in each Window.</summary>
    public sealed record Limit(int PermitLimit, TimeSpan Window);

    /// <summary>The limits an operator may change under `Portfolio:RateLimits:{name}:PermitLimit|WindowSeconds`.</summary>
    public sealed record Settings(Limit SignIn, Limit Requests, Limit Search)
    {
        public static Settings From(IConfiguration configuration) => new(
            // 4 attempts, fewer than Identity's 5 failures before lockout: one client cannot lock an account in one window.
            Read(configuration, "SignIn", new Limit(4, TimeSpan.FromMinutes(5))),
            Read(configuration, "Requests", new Limit(10, TimeSpan.FromMinutes(5))),
            Read(configuration, "Search", new Limit(60, TimeSpan.FromMinutes(1))));

        private static Limit Read(IConfiguration configuration, string name, Limit fallback)
        {
            var section = configuration.GetSection($"Portfolio:RateLimits:{name}");
            var permits = section.GetValue("PermitLimit", fallback.PermitLimit);
            var seconds = section.GetValue("WindowSeconds", (int)fallback.Window.TotalSeconds);
            if (permits < 1 || seconds < 1)
            {
                throw new InvalidOperationException($"Portfolio:RateLimits:{name} needs PermitLimit and WindowSeconds of at least 1.");
            }
            return new Limit(permits, TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>POSTs that send mail, read an upload or build a file: costly for us, or a nuisance for someone else.</summary>
    /// A null handler means every handler of the page.
    private static readonly (string Path, string? Handler)[] CostlyPosts =
    [
        ("/Account/ForgotPassword", null),
        ("/Coordinator/Cohorts/Invite", null), // sends the invitation again
        ("/Coordinator/Cohorts/Details", "Upload"), // participant list
        ("/Coordinator/Frameworks/Import", null),
        ("/Participant/Export", null),
    ];

    /// <summary>Which throttle a request falls under, or null for none.</summary>
    public static string? KindOf(HttpRequest request)
    {
        if (HttpMethods.IsPost(request.Method))
        {
            if (request.Path.StartsWithSegments("/Account/Login", StringComparison.OrdinalIgnoreCase))
            {
                return nameof(Settings.SignIn);
            }
            if (CostlyPosts.Any(p => request.Path.StartsWithSegments(p.Path, StringComparison.OrdinalIgnoreCase)
                && (p.Handler is null || string.Equals(request.Query["handler"], p.Handler, StringComparison.OrdinalIgnoreCase))))
            {
                return nameof(Settings.Requests);
            }
        }
        else if (request.Query.TryGetValue("q", out var q) && !string.IsNullOrWhiteSpace(q))
        {
            return nameof(Settings.Search);
        }
        return null;
    }

    public static void AddPortfolioRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = Settings.From(configuration);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Partitioned by remote IP, not by account: a client that hammers one address cannot lock its owner out.
            // Behind a reverse proxy this is the visitor's address only when the proxy is listed in Portfolio:Proxy
            // (ReverseProxy.cs); otherwise every request comes from the proxy and all visitors share one budget.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var kind = KindOf(context.Request);
                if (kind is null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var limit = kind switch
                {
                    nameof(Settings.SignIn) => settings.SignIn,
                    nameof(Settings.Requests) => settings.Requests,
                    _ => settings.Search,
                };
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{kind}:{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = limit.Window,
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });
    }
}
