namespace Portfolio.Web.Mail;

/// <summary>
/// Absolute addresses for the links in messages, which are also written outside web requests (jobs, `migrate --demo`,
/// tests): `Portfolio:PublicUrl` when set, else the current request's own address, else `./portfolio run`'s.
/// </summary>
public sealed class PublicUrls(MailSettings settings, IHttpContextAccessor http)
{
    public string To(string pathAndQuery) => new Uri(Root(), pathAndQuery.TrimStart('/')).ToString();

    private Uri Root()
    {
        if (settings.PublicUrl is { } configured)
        {
            return configured;
        }
        return http.HttpContext?.Request is { Host.HasValue: true } request
            ? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/")
            : MailSettings.DefaultPublicUrl;
    }
}
