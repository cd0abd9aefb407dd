using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;

namespace Portfolio.Core.Notifications;

/// <summary>
/// A person's choice to receive one kind of notification by e-mail or not. Without a row, <see cref="ByMailByDefault"/>
/// decides: what asks something of the person (a request, a deadline) and what answers them come by mail; the rest stays
/// in the notification centre.
/// </summary>
public class NotificationPreference
{
    private NotificationPreference() { }

    public NotificationPreference(string userId, NotificationKind kind, bool byMail)
    {
        UserId = userId;
        Kind = kind;
        ByMail = byMail;
    }

    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public bool ByMail { get; private set; }

    public void Choose(bool byMail) => ByMail = byMail;

    /// <summary>Every kind, in the order the preferences page lists them.</summary>
    public static readonly IReadOnlyList<NotificationKind> Kinds = Enum.GetValues<NotificationKind>();

    public static bool ByMailByDefault(NotificationKind kind) => kind is
        NotificationKind.FeedbackRequested or NotificationKind.FeedbackAnswered or
        NotificationKind.FeedbackDueSoon or NotificationKind.FeedbackOverdue or
        NotificationKind.CampaignClosing or NotificationKind.SessionComing or
        NotificationKind.ResultsReleased;

    /// <summary>Whether a kind comes by mail, from the person's stored choices (null: never chosen).</summary>
    public static bool ByMailFor(NotificationKind kind, IEnumerable<NotificationPreference> choices) =>
        choices.FirstOrDefault(c => c.Kind == kind)?.ByMail ?? ByMailByDefault(kind);
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> p)
    {
        p.HasKey(x => new { x.UserId, x.Kind });
        p.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        p.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
