using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Admin;

/// <summary>The admin's space: accounts, programmes, the mailbox and the background jobs, with the state of the outbox.</summary>
public class IndexModel(PortfolioDb db, MailSettings mail) : PageModel
{
    public int Accounts { get; private set; }
    public int Deactivated { get; private set; }
    public int MailsWaiting { get; private set; }
    public int MailsFailing { get; private set; }
    public string MailRoute { get; private set; } = "";
    public bool UsesPickupFolder => mail.UsesPickupFolder;

    public async Task OnGetAsync()
    {
        var counts = await db.Users.GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Deactivated = g.Count(u => u.DeactivatedAt != null) })
            .SingleOrDefaultAsync();
        Accounts = counts?.All ?? 0;
        Deactivated = counts?.Deactivated ?? 0;
        var outbox = await db.OutgoingMails.Where(m => m.SentAt == null).GroupBy(_ => 1)
            .Select(g => new { Waiting = g.Count(), Failing = g.Count(m => m.LastError != null) })
            .SingleOrDefaultAsync();
        MailsWaiting = outbox?.Waiting ?? 0;
        MailsFailing = outbox?.Failing ?? 0;
        MailRoute = mail.Smtp is { } smtp ? $"{smtp.Host}:{smtp.Port}" : mail.PickupFolder;
    }
}
