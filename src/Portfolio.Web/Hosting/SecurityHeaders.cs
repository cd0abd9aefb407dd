namespace Portfolio.Web.Hosting;

/// <summary>
/// The headers every response carries, set in one place before anything else answers (static files, errors, 429s and
/// redirects included): a Content-Security-Policy, a Permissions-Policy, nosniff, a referrer policy and a frame ban.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles come only from the app's own files: no inline script, no event-handler attribute, no style
    /// attribute, so that text slipped into a page can neither run nor restyle it. `data:` images are Bootstrap's icons
    /// (check marks, select arrows), drawn as SVG data URIs in its stylesheet.
    /// </summary>
    public static readonly string ContentSecurityPolicy = Policy(styleSources: "'self'");

    /// <summary>
    /// Hangfire's dashboard is not ours: its pages carry style attributes and its scripts add style elements. It gets
    /// inline styles, and only under its own path, which only admins reach. Its scripts are files: they stay 'self'.
    /// </summary>
    public static readonly string DashboardContentSecurityPolicy = Policy(styleSources: "'self' 'unsafe-inline'");

    private static string Policy(string styleSources) =>
        $"default-src 'self'; script-src 'self'; style-src {styleSources}; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string DashboardPath = "/hangfire";

    /// <summary>Nothing in the app needs a camera, a microphone, the person's location or a payment sheet.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
        + "midi=(), payment=(), usb=(), browsing-topics=()";

    /// <summary>
    /// Set when the response starts, not when the request comes in: the exception handler clears the headers of a failed
    /// response before it writes the error page, and that page must carry them too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var policy = context.Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase)
            ? DashboardContentSecurityPolicy
            : ContentSecurityPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.XContentTypeOptions = "nosniff";
            // Links to other sites do not tell them which page (and which cohort or item id) the person came from.
            headers["Referrer-Policy"] = "same-origin";
            // For browsers older than frame-ancestors.
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
