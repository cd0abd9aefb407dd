using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portfolio.Web.Mail;

/// <summary>The last step of sending: the message is built once by <see cref="MailDelivery"/>, only its way out differs.</summary>
public interface IMailTransport
{
    Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A real SMTP server (MailKit), connected for each message: messages are few and a long-lived connection would go stale.</summary>
public sealed class SmtpTransport(SmtpSettings settings) : IMailTransport
{
    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// No SMTP server configured: each message becomes an .eml file in the pickup folder, named after its outbox id (a
/// second delivery of the same message overwrites the same file). Written aside then moved, so the mailbox page never
/// reads half a message.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName(message));
        var partial = path + ".part";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    private static string FileName(MimeMessage message) => $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
}
