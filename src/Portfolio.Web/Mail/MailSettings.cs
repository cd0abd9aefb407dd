namespace Portfolio.Web.Mail;

/// <summary>
/// How messages leave: through an SMTP server when `Portfolio:Smtp:Host` is set, otherwise as .eml files in a pickup
/// folder that the admin mailbox page lists (`Portfolio:Mail:PickupFolder`, by default .data/mailbox under the content
/// root). `Portfolio:PublicUrl` is the address people reach the application at, for the links in the messages.
/// </summary>
public sealed record MailSettings(
    string FromAddress,
    string FromName,
    string PickupFolder,
    SmtpSettings? Smtp,
    Uri? PublicUrl)
{
    /// <summary>Where links point when neither a setting nor a request says better: `./portfolio run`'s address.</summary>
    public static readonly Uri DefaultPublicUrl = new("http://127.0.0.1:5080/");

    public bool UsesPickupFolder => Smtp is null;

    public static MailSettings From(IConfiguration configuration, string contentRoot)
    {
        var smtp = configuration.GetSection("Portfolio:Smtp");
        var pickup = configuration["Portfolio:Mail:PickupFolder"] is { Length: > 0 } folder ? folder : Path.Combine(".data", "mailbox");
        var publicUrl = configuration["Portfolio:PublicUrl"];
        if (publicUrl is { Length: > 0 } && !(Uri.TryCreate(publicUrl.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
        {
            throw new InvalidOperationException($"Portfolio:PublicUrl must be an absolute http(s) address, not '{publicUrl}'.");
        }
        return new MailSettings(
            FromAddress: configuration["Portfolio:Mail:From"] ?? smtp["From"] ?? "portfolio@localhost",
            FromName: configuration["Portfolio:Mail:FromName"] ?? "Portfolio",
            PickupFolder: Path.GetFullPath(pickup, contentRoot),
            Smtp: smtp["Host"] is { Length: > 0 } host
                ? new SmtpSettings(host, smtp.GetValue("Port", 587), smtp["UserName"], smtp["Password"], smtp.GetValue("UseStartTls", true))
                : null,
            PublicUrl: publicUrl is { Length: > 0 } ? new Uri(publicUrl.TrimEnd('/') + "/") : null);
    }
}

/// <summary>`Portfolio:Smtp:*`: the server, its port (587 by default), an optional login, and STARTTLS (on by default).</summary>
public sealed record SmtpSettings(string Host, int Port, string? UserName, string? Password, bool UseStartTls);
