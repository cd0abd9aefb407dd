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

    /// <summary>
    /// The preview of a coordinator's report template is their HTML, not ours: it may carry its own style element, and
    /// nothing else. `sandbox` gives it an opaque origin with scripts, forms and pop-ups off, even opened outside the
    /// editor's frame; it may be framed by the app's own pages only.
    /// </summary>
    public const string PreviewPath = "/Coordinator/Programmes/ReportPreview";

    public const string PreviewContentSecurityPolicy =
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

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
        // Only the POST answers the coordinator's document; its GET is a redirect to the editor, under the app's policy.
        var preview = HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(PreviewPath, StringComparison.OrdinalIgnoreCase);
        var policy = preview ? PreviewContentSecurityPolicy
            : context.Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase) ? DashboardContentSecurityPolicy
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
            headers.XFrameOptions = preview ? "SAMEORIGIN" : "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
