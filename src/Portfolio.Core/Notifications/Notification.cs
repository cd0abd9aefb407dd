using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Text;

namespace Portfolio.Core.Notifications;

/// <summary>What a notification is about; each person chooses which kinds also come by e-mail.</summary>
public enum NotificationKind
{
    FeedbackRequested,
    FeedbackAnswered,
    FeedbackReplied,
    FeedbackRated,
    ItemShared,
    SessionPlanned,
    FeedbackDueSoon,
    FeedbackOverdue,
    CampaignClosing,
    SessionComing,
    // Case-study groups and the collective report
    CollectiveReportSubmitted,
    CollectiveReportReopened,
    SubmissionReopened,
    // Juries: conflicts declared (to coordinators) and the exam schedule (to candidates and jurors)
    ConflictDeclared,
    ExamScheduled,
    ExamMoved,
    ExamCancelled,
    ResultsReleased,
}

/// <summary>
/// One entry of a person's notification centre. It keeps the facts (kind, who, about what, where to go) and not a
/// sentence, so that the page and the e-mail word it in the reader's language when they read it.
/// </summary>
public class Notification
{
    public const int SubjectLength = 300;
    public const int LinkLength = 300;

    private Notification() { }

    public Notification(string userId, NotificationKind kind, string subject, string link, string? actorId, DateTimeOffset now)
    {
        UserId = userId;
        Kind = kind;
        Subject = StorableText.Shorten(subject, SubjectLength);
        Link = link;
        ActorId = actorId;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }

    /// <summary>What it is about, as its owner named it (an evidence title, a question, a group name).</summary>
    public string Subject { get; private set; } = "";

    /// <summary>The application path to open (always local, starting with "/").</summary>
    public string Link { get; private set; } = "";

    /// <summary>The person whose action caused it; null for reminders.</summary>
    public string? ActorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary>
    /// When the mail job decided about this notification (sent it by e-mail, or not because the person does not want
    /// this kind by mail): set once, in the same transaction as the message it queues, so that it is never mailed twice.
    /// </summary>
    public DateTimeOffset? MailHandledAt { get; private set; }

    public void MailHandled(DateTimeOffset now) => MailHandledAt ??= now;
}

public static class Notifying
{
    /// <summary>Adds a notification to the save in progress: it exists if and only if the action it reports was saved.</summary>
    public static Notification Notify(this PortfolioDb db, string userId, NotificationKind kind, string subject, string link, string? actorId, DateTimeOffset now)
    {
        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("A notification links inside the application.", nameof(link));
        }
        var notification = new Notification(userId, kind, subject, link, actorId, now);
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>
    /// After an owner changed who may read an item: tells each person who may read it now and could not before
    /// (<paramref name="readersBefore"/>), so that sharing is noticed; nobody is told twice about the same share.
    /// </summary>
    public static async Task NotifyNewReadersAsync(this PortfolioDb db, IReadOnlyCollection<string> readersBefore, IQueryable<AppUser> readersNow,
        string subject, string link, string ownerId, DateTimeOffset now)
    {
        foreach (var reader in await readersNow.Select(u => u.Id).Where(id => !readersBefore.Contains(id)).ToListAsync())
        {
            db.Notify(reader, NotificationKind.ItemShared, subject, link, ownerId, now);
        }
        await db.SaveChangesAsync();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.SetNull);
        n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        n.Property(x => x.Subject).HasMaxLength(Notification.SubjectLength);
        n.Property(x => x.Link).HasMaxLength(Notification.LinkLength);
        // The header counts a person's unread notifications on every page.
        n.HasIndex(x => new { x.UserId, x.ReadAt });
        n.HasIndex(x => new { x.UserId, x.CreatedAt });
        // The mail job looks for the few notifications it has not handled yet.
        n.HasIndex(x => x.Id, "IX_Notifications_MailPending").HasFilter("\"MailHandledAt\" IS NULL");
    }
}
