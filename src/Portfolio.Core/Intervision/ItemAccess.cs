using System.Linq.Expressions;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Intervision;

/// <summary>
/// Who may read a portfolio item, decided here and nowhere else; every page and download that shows an item to
/// someone filters with it, so that an item a person may not read is simply not found (404):
/// - its owner;
/// - a member of the owner's intervision group in the item's cohort, when the item is shared with the group, or with
///   them by name (named peers must be in the group too: leaving the group ends the share);
/// - a peer asked for feedback on an evidence item, while the request stands (withdrawing it ends the access).
/// Facilitators and coordinators are not readers: they see sessions and figures, never a portfolio.
/// Changing an item stays with its owner (<see cref="PortfolioItems"/>).
/// </summary>
public static class ItemAccess
{
    public static IQueryable<Evidence> ReadableBy(this IQueryable<Evidence> evidence, PortfolioDb db, string userId) =>
        evidence.Where(EvidenceReadableBy(db, userId));

    public static IQueryable<Attachment> ReadableBy(this IQueryable<Attachment> attachments, PortfolioDb db, string userId) =>
        attachments.Where(a => db.Evidence.Where(EvidenceReadableBy(db, userId)).Any(e => e.Id == a.EvidenceId));

    public static IQueryable<JournalEntry> ReadableBy(this IQueryable<JournalEntry> entries, PortfolioDb db, string userId) =>
        entries.Where(j => j.OwnerId == userId
            || ((j.Visibility == Visibility.Group || (j.Visibility == Visibility.NamedPeers && j.SharedWithUserIds.Contains(userId)))
                && db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == j.CohortId && m.Group.Members.Any(o => o.UserId == j.OwnerId))));

    /// <summary>Items others shared with the person (readable, not their own).</summary>
    public static IQueryable<Evidence> SharedWith(this IQueryable<Evidence> evidence, PortfolioDb db, string userId) =>
        evidence.ReadableBy(db, userId).Where(e => e.OwnerId != userId);

    public static IQueryable<JournalEntry> SharedWith(this IQueryable<JournalEntry> entries, PortfolioDb db, string userId) =>
        entries.ReadableBy(db, userId).Where(j => j.OwnerId != userId);

    private static Expression<Func<Evidence, bool>> EvidenceReadableBy(PortfolioDb db, string userId) => e =>
        e.OwnerId == userId
        || ((e.Visibility == Visibility.Group || (e.Visibility == Visibility.NamedPeers && e.SharedWithUserIds.Contains(userId)))
            && db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == e.CohortId && m.Group.Members.Any(o => o.UserId == e.OwnerId)))
        || db.FeedbackRequests.Any(r => r.RequesterId == e.OwnerId && r.WithdrawnAt == null && r.EvidenceIds.Contains(e.Id)
            && r.Recipients.Any(p => p.PeerId == userId));
}
