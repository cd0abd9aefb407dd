using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Admin;

/// <summary>
/// The pickup folder as a mailbox: what would have been sent when no SMTP server is configured (a trial, the demo, the
/// tests), newest first, with the plain-text and HTML parts.
/// </summary>
public class MailboxModel(MailSettings settings) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<MessageView> Messages { get; private set; } = [];
    public int Total { get; private set; }
    public string Folder => settings.PickupFolder;
    public bool UsesPickupFolder => settings.UsesPickupFolder;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var files = Directory.Exists(settings.PickupFolder)
            ? new DirectoryInfo(settings.PickupFolder).GetFiles("*.eml").OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList()
            : [];
        Total = files.Count;
        var messages = new List<MessageView>();
        foreach (var file in files.Take(Shown))
        {
            using var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            messages.Add(new MessageView(
                Path.GetFileNameWithoutExtension(file.Name),
                message.Subject ?? "",
                string.Join(", ", message.To.Mailboxes.Select(m => string.IsNullOrEmpty(m.Name) ? m.Address : $"{m.Name} <{m.Address}>")),
                message.Date,
                message.TextBody ?? "",
                message.HtmlBody));
        }
        Messages = messages;
    }

    public sealed record MessageView(string Id, string Subject, string To, DateTimeOffset Date, string Text, string? Html);
}
