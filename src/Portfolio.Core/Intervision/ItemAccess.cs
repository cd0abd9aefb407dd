using System.Linq.Expressions;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Core.Intervision;

/// <summary>
/// Who may read a portfolio item, decided here and nowhere else; every page and download that shows an item to
/// someone filters with it, so that an item a person may not read is simply not found (404), and the owner's "who can
/// read this" list is the same rule read the other way:
/// - its owner;
/// - a member of the owner's intervision group in the item's cohort, when the item is shared with the group, or with
///   them by name (named peers must be in the group too: leaving the group ends the share);
/// - a peer asked for feedback on an evidence item or for advice on a transformation project, while the request stands
///   (withdrawing it ends the access).
/// A transformation project follows the same rule, plus one for the jury: once its presentation is submitted, a juror to
/// whom the owner is an open candidate (<see cref="Juries.JuryAccess.CandidatesOpenTo"/>) reads it.
/// Facilitators and coordinators are not readers: they see sessions and figures, never a portfolio.
/// Submitted work is the one exception, with its own rule: the snapshot taken when a participant submits is read by
/// coordinators of the programme and open jurors through <see cref="Submissions.SubmissionAccess"/>, never the live items.
/// Changing an item stays with its owner (<see cref="PortfolioItems"/>).
/// </summary>
public static class ItemAccess
{
    public static IQueryable<Evidence> ReadableBy(this IQueryable<Evidence> evidence, PortfolioDb db, string userId) =>
        evidence.Where(ForReader(EvidenceRule(db), userId));

    public static IQueryable<Attachment> ReadableBy(this IQueryable<Attachment> attachments, PortfolioDb db, string userId) =>
        attachments.Where(a => db.Evidence.ReadableBy(db, userId).Any(e => e.Id == a.EvidenceId));

    public static IQueryable<JournalEntry> ReadableBy(this IQueryable<JournalEntry> entries, PortfolioDb db, string userId) =>
        entries.Where(ForReader(JournalRule(db), userId));

    public static IQueryable<TransformationProject> ReadableBy(this IQueryable<TransformationProject> projects, PortfolioDb db, string userId) =>
        projects.Where(ForReader(ProjectRule(db), userId));

    /// <summary>Projects others shared with the person (readable, not their own).</summary>
    public static IQueryable<TransformationProject> SharedWith(this IQueryable<TransformationProject> projects, PortfolioDb db, string userId) =>
        projects.ReadableBy(db, userId).Where(p => p.OwnerId != userId);

    /// <summary>Items others shared with the person (readable, not their own).</summary>
    public static IQueryable<Evidence> SharedWith(this IQueryable<Evidence> evidence, PortfolioDb db, string userId) =>
        evidence.ReadableBy(db, userId).Where(e => e.OwnerId != userId);

    public static IQueryable<JournalEntry> SharedWith(this IQueryable<JournalEntry> entries, PortfolioDb db, string userId) =>
        entries.ReadableBy(db, userId).Where(j => j.OwnerId != userId);

    /// <summary>The people other than the owner who may read this evidence item now.</summary>
    public static IQueryable<AppUser> ReadersOfEvidence(PortfolioDb db, int evidenceId) =>
        db.Users.Where(ForItem(EvidenceRule(db), db.Evidence.Where(e => e.Id == evidenceId))).Where(u => !db.Evidence.Any(e => e.Id == evidenceId && e.OwnerId == u.Id));

    /// <summary>The people other than the owner who may read this journal entry now.</summary>
    public static IQueryable<AppUser> ReadersOfJournalEntry(PortfolioDb db, int entryId) =>
        db.Users.Where(ForItem(JournalRule(db), db.JournalEntries.Where(j => j.Id == entryId))).Where(u => !db.JournalEntries.Any(j => j.Id == entryId && j.OwnerId == u.Id));

    private static Expression<Func<Evidence, string, bool>> EvidenceRule(PortfolioDb db) => (e, userId) =>
        e.OwnerId == userId
        || ((e.Visibility == Visibility.Group || (e.Visibility == Visibility.NamedPeers && e.SharedWithUserIds.Contains(userId)))
            && db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == e.CohortId && m.Group.Members.Any(o => o.UserId == e.OwnerId)))
        || db.FeedbackRequests.Any(r => r.RequesterId == e.OwnerId && r.WithdrawnAt == null && r.EvidenceIds.Contains(e.Id)
            && r.Recipients.Any(p => p.PeerId == userId));

    private static Expression<Func<JournalEntry, string, bool>> JournalRule(PortfolioDb db) => (j, userId) =>
        j.OwnerId == userId
        || ((j.Visibility == Visibility.Group || (j.Visibility == Visibility.NamedPeers && j.SharedWithUserIds.Contains(userId)))
            && db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == j.CohortId && m.Group.Members.Any(o => o.UserId == j.OwnerId)));

    private static Expression<Func<TransformationProject, string, bool>> ProjectRule(PortfolioDb db) => (p, userId) =>
        p.OwnerId == userId
        || ((p.Visibility == Visibility.Group || (p.Visibility == Visibility.NamedPeers && p.SharedWithUserIds.Contains(userId)))
            && db.GroupMembers.Any(m => m.UserId == userId && m.CohortId == p.CohortId && m.Group.Members.Any(o => o.UserId == p.OwnerId)))
        || db.FeedbackRequests.Any(r => r.RequesterId == p.OwnerId && r.WithdrawnAt == null && r.ProjectId == p.Id
            && r.Recipients.Any(x => x.PeerId == userId))
        // Read for one reader only (the id is a query parameter then): EF inlines the jury's rule as a subquery.
        || (p.PresentationSubmittedAt != null && Juries.JuryAccess.CandidatesOpenTo(db, userId).Any(c => c.CohortId == p.CohortId && c.ParticipantId == p.OwnerId));

    /// <summary>The rule for one reader: item => rule(item, userId), the id sent as a query parameter.</summary>
    private static Expression<Func<TItem, bool>> ForReader<TItem>(Expression<Func<TItem, string, bool>> rule, string userId)
    {
        Expression<Func<string>> reader = () => userId;
        var body = new Substitute(rule.Parameters[1], reader.Body).Visit(rule.Body);
        return Expression.Lambda<Func<TItem, bool>>(body, rule.Parameters[0]);
    }

    /// <summary>The rule for one item: user => items.Any(item => rule(item, user.Id)).</summary>
    private static Expression<Func<AppUser, bool>> ForItem<TItem>(Expression<Func<TItem, string, bool>> rule, IQueryable<TItem> item)
    {
        var user = Expression.Parameter(typeof(AppUser), "u");
        var body = new Substitute(rule.Parameters[1], Expression.Property(user, nameof(AppUser.Id))).Visit(rule.Body);
        var readable = Expression.Lambda<Func<TItem, bool>>(body, rule.Parameters[0]);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(TItem)], item.Expression, Expression.Quote(readable));
        return Expression.Lambda<Func<AppUser, bool>>(any, user);
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
