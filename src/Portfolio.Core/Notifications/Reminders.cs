using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Text;

namespace Portfolio.Core.Notifications;

/// <summary>
/// One reminder a source wants sent. <paramref name="Occasion"/> is the day it reminds of: the reminder job sends one per
/// person, kind, subject and occasion, ever (see <see cref="ReminderLog"/>). A source that reminds every day gives today;
/// one that reminds once per item gives a fixed day (the due date, the closing day), so that a person is not reminded of
/// the same thing every morning.
/// </summary>
/// <param name="SubjectKey">what it is about, stable across runs: "feedback-request:12", "campaign:3"</param>
/// <param name="Subject">its name as people know it, for the notification's wording</param>
/// <param name="Link">the local page to open</param>
public sealed record Reminder(string UserId, NotificationKind Kind, string SubjectKey, DateOnly Occasion, string Subject, string Link);

/// <summary>
/// Something people are reminded of by the daily reminder job. Adding a reminder (the next co-development session) is
/// one class that answers which reminders are due on a day, and one line registering it.
/// </summary>
public interface IReminderSource
{
    Task<IReadOnlyList<Reminder>> DueAsync(PortfolioDb db, DateOnly today, CancellationToken cancellationToken);
}

/// <summary>
/// Feedback a peer still owes on an open request: once when the due date is two days away or less (FeedbackDueSoon),
/// then on the first day it is late and every week after that (FeedbackOverdue) until they answer or the request is
/// withdrawn.
/// </summary>
public sealed class FeedbackDueReminders : IReminderSource
{
    public const int DueSoonDays = 2;
    public const int OverdueEveryDays = 7;

    public async Task<IReadOnlyList<Reminder>> DueAsync(PortfolioDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var soon = today.AddDays(DueSoonDays);
        var owed = await db.FeedbackRequests
            .Where(r => r.WithdrawnAt == null && r.DueOn <= soon)
            // A programme that switched peer feedback off sends no reminder about it (its pages answer 404).
            .Where(r => db.Cohorts.Using(ProgrammeComponents.Intervision).Any(c => c.Id == r.CohortId))
            .SelectMany(r => r.Recipients.Where(p => p.AnsweredAt == null), (r, p) => new { r.Id, r.Question, r.DueOn, p.PeerId })
            .ToListAsync(cancellationToken);
        return owed.Select(o =>
        {
            var key = $"feedback-request:{o.Id}";
            if (o.DueOn >= today)
            {
                return new Reminder(o.PeerId, NotificationKind.FeedbackDueSoon, key, o.DueOn, o.Question, FeedbackLink);
            }
            // Day 1 late, then day 8, 15...: the occasion is the first day of the current week of lateness.
            var late = today.DayNumber - o.DueOn.DayNumber;
            var occasion = o.DueOn.AddDays(1 + (late - 1) / OverdueEveryDays * OverdueEveryDays);
            return new Reminder(o.PeerId, NotificationKind.FeedbackOverdue, key, occasion, o.Question, FeedbackLink);
        }).ToList();
    }

    /// <summary>The page where a person sees what they owe.</summary>
    public const string FeedbackLink = "/Participant/Feedback";
}

/// <summary>
/// A self-assessment campaign closing within a week, to each active participant of its cohort who has not yet given a
/// level to every objective of the framework: once per campaign (the occasion is its closing day).
/// </summary>
public sealed class CampaignClosingReminders : IReminderSource
{
    public const int DaysBefore = 7;

    public async Task<IReadOnlyList<Reminder>> DueAsync(PortfolioDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var horizon = today.AddDays(DaysBefore);
        var late = await db.Campaigns
            .Where(c => c.OpensOn <= today && c.ClosesOn >= today && c.ClosesOn <= horizon)
            // No campaign reminder for a programme without self-assessment.
            .Where(c => db.Cohorts.Using(ProgrammeComponents.SelfAssessment).Any(k => k.Id == c.CohortId))
            .SelectMany(c => db.Enrolments.Where(e => e.CohortId == c.CohortId && e.WithdrawnAt == null), (c, e) => new
            {
                c.Id,
                c.Name,
                c.ClosesOn,
                e.UserId,
                Objectives = db.Set<Objective>().Count(o => o.Pillar.FrameworkId == c.Cohort.FrameworkId),
                Assessed = db.SelfAssessments.Count(a => a.CampaignId == c.Id && a.ParticipantId == e.UserId && a.ObjectiveId != null && a.Level != null),
            })
            .Where(x => x.Assessed < x.Objectives)
            .ToListAsync(cancellationToken);
        return late.Select(x => new Reminder(x.UserId, NotificationKind.CampaignClosing, $"campaign:{x.Id}", x.ClosesOn, x.Name,
            $"/Participant/Assessments?campaignId={x.Id}")).ToList();
    }
}

/// <summary>
/// A group's co-development session that starts today or tomorrow (Brussels days) and has not begun yet, to each member
/// of the group and its facilitator: once per session (the occasion is the day it takes place; a session moved to
/// another day is reminded of again).
/// </summary>
public sealed class SessionComingReminders : IReminderSource
{
    public const int DaysAhead = 1;

    public async Task<IReadOnlyList<Reminder>> DueAsync(PortfolioDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var from = Dates.StartInBrussels(today);
        var until = Dates.StartInBrussels(today.AddDays(DaysAhead + 1));
        var sessions = await db.CodevSessions
            .Where(s => s.HeldAt == null && s.ClosedAt == null && s.StartsAt >= from && s.StartsAt < until)
            .Where(s => db.Cohorts.Using(ProgrammeComponents.CoDevelopment).Any(c => c.Id == s.Group.CohortId))
            .Select(s => new { s.Id, s.StartsAt, s.Group.Name, s.Group.FacilitatorId, Members = s.Group.Members.Select(m => m.UserId).ToList() })
            .ToListAsync(cancellationToken);
        return sessions.SelectMany(s => s.Members.Append(s.FacilitatorId).OfType<string>().Distinct().Select(person =>
            new Reminder(person, NotificationKind.SessionComing, $"codev-session:{s.Id}", Dates.InBrussels(s.StartsAt),
                CodevSession.Subject(s.Name, s.StartsAt), $"/Codev/Session/{s.Id}"))).ToList();
    }
}

/// <summary>
/// The reminders already created: one row per person, kind, subject and occasion, unique in the database, so that the
/// reminder job run twice (or by two workers at once) creates each reminder once.
/// </summary>
public class ReminderLog
{
    public const int SubjectKeyLength = 100;

    private ReminderLog() { }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public string SubjectKey { get; private set; } = "";

    /// <summary>The day reminded of (see <see cref="Reminder.Occasion"/>).</summary>
    public DateOnly Day { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> r)
    {
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        r.Property(x => x.SubjectKey).HasMaxLength(ReminderLog.SubjectKeyLength);
        r.HasIndex(x => new { x.UserId, x.Kind, x.SubjectKey, x.Day }).IsUnique();
    }
}
