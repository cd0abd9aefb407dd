using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;

namespace Portfolio.Core.Cohorts;

/// <summary>What a cohort session is: a module of the programme, a leadership seminar, the study trip, a plenary
/// co-development day, or anything else the coordinator puts on the calendar.</summary>
public enum SessionKind { Module, LeadershipSeminar, StudyTrip, CoDevelopment, Other }

/// <summary>What a session refused; pages turn it into a message for the coordinator.</summary>
public enum SessionProblem { EndsBeforeStart, SeminarWithoutCompetency, CompetencyOnlyForSeminars, TitleMissing, TooLong, Cancelled }

public sealed class SessionRuleException(SessionProblem problem) : InvalidOperationException($"Cohort session rule: {problem}.")
{
    public SessionProblem Problem { get; } = problem;
}

/// <summary>
/// One date of a cohort's calendar: a module (tied to its pillar, which INET and ENA call modules), a leadership
/// seminar (tied to its competency: its self-assessment opens on the seminar's day), the study trip, a co-development
/// day or another meeting. Like an exam in the calendar feeds, it keeps one <see cref="Uid"/> for life and raises
/// <see cref="Sequence"/> on every change a calendar shows; a cancelled session is kept so that feeds can say so.
/// </summary>
public class CohortSession
{
    public const int TitleLength = 200;
    public const int PlaceLength = 200;

    private CohortSession() { }

    public CohortSession(int cohortId, SessionKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place,
        int? pillarId, int? leadershipCompetencyId, DateTimeOffset now)
    {
        CohortId = cohortId;
        Uid = Guid.NewGuid();
        CreatedAt = now;
        Apply(kind, title, startsAt, endsAt, place, pillarId, leadershipCompetencyId);
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public SessionKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? Place { get; private set; }

    /// <summary>The framework pillar (module) the session belongs to, if any.</summary>
    public int? PillarId { get; private set; }

    /// <summary>Set for leadership seminars only: the competency the seminar works on.</summary>
    public int? LeadershipCompetencyId { get; private set; }

    /// <summary>The calendar event's identity, the same in every feed and every version of the event.</summary>
    public Guid Uid { get; private set; }

    /// <summary>The calendar's revision number: raised by every change of what a calendar shows, and by the cancellation.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ChangedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public bool IsCancelled => CancelledAt is not null;
    public uint RowVersion { get; private set; }

    /// <summary>The day of the session in Brussels, the programme's time zone.</summary>
    public DateOnly Day => Dates.InBrussels(StartsAt);

    /// <summary>A seminar has taken place once its day has come (its competency may then be self-assessed); a cancelled one never does.</summary>
    public bool HasTakenPlaceBy(DateOnly day) => !IsCancelled && Day <= day;

    /// <summary>
    /// The seminar is held after the campaign has closed, so its competency cannot be self-assessed in that campaign.
    /// After the cohort's last campaign, it can never be: the coordinator must move one date or the other.
    /// </summary>
    public bool FallsAfter(Campaign campaign) => Day > campaign.ClosesOn;

    /// <summary>
    /// Whether the session falls outside the cohort's dates. Not refused: a programme holds its welcome day before the
    /// teaching starts and may meet after it ends (campaigns and exams are not bound to those dates either), and a cohort's
    /// dates may be moved after its calendar was drawn. The coordinator's list flags such sessions instead.
    /// </summary>
    public bool FallsOutside(DateOnly cohortStartsOn, DateOnly cohortEndsOn) =>
        Day < cohortStartsOn || Dates.InBrussels(EndsAt) > cohortEndsOn;

    /// <summary>Changes the session; the calendar's SEQUENCE goes up only when something it shows changed.</summary>
    public void Change(SessionKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place,
        int? pillarId, int? leadershipCompetencyId, DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new SessionRuleException(SessionProblem.Cancelled);
        }
        var before = (Kind, Title, StartsAt, EndsAt, Place, PillarId, LeadershipCompetencyId);
        Apply(kind, title, startsAt, endsAt, place, pillarId, leadershipCompetencyId);
        if (before != (Kind, Title, StartsAt, EndsAt, Place, PillarId, LeadershipCompetencyId))
        {
            Sequence++;
            ChangedAt = now;
        }
    }

    /// <summary>Cancels the session: it leaves the cohort's plans but stays in calendars as cancelled.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (IsCancelled)
        {
            return;
        }
        CancelledAt = now;
        ChangedAt = now;
        Sequence++;
    }

    private void Apply(SessionKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place,
        int? pillarId, int? leadershipCompetencyId)
    {
        title = (title ?? "").Trim();
        place = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        if (title.Length == 0)
        {
            throw new SessionRuleException(SessionProblem.TitleMissing);
        }
        if (title.Length > TitleLength || place is { Length: > PlaceLength })
        {
            throw new SessionRuleException(SessionProblem.TooLong);
        }
        if (endsAt <= startsAt)
        {
            throw new SessionRuleException(SessionProblem.EndsBeforeStart);
        }
        if (kind == SessionKind.LeadershipSeminar && leadershipCompetencyId is null)
        {
            throw new SessionRuleException(SessionProblem.SeminarWithoutCompetency);
        }
        if (kind != SessionKind.LeadershipSeminar && leadershipCompetencyId is not null)
        {
            throw new SessionRuleException(SessionProblem.CompetencyOnlyForSeminars);
        }
        Kind = kind;
        Title = title;
        // PostgreSQL's timestamptz takes no other offset.
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Place = place;
        PillarId = pillarId;
        LeadershipCompetencyId = leadershipCompetencyId;
    }
}

internal sealed class CohortSessionConfiguration : IEntityTypeConfiguration<CohortSession>
{
    public void Configure(EntityTypeBuilder<CohortSession> s)
    {
        s.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        s.HasOne<Pillar>().WithMany().HasForeignKey(x => x.PillarId).OnDelete(DeleteBehavior.Restrict);
        s.HasOne<LeadershipCompetency>().WithMany().HasForeignKey(x => x.LeadershipCompetencyId).OnDelete(DeleteBehavior.Restrict);
        s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        s.Property(x => x.Title).HasMaxLength(CohortSession.TitleLength);
        s.Property(x => x.Place).HasMaxLength(CohortSession.PlaceLength);
        s.HasIndex(x => new { x.CohortId, x.StartsAt });
        s.HasIndex(x => x.Uid).IsUnique();
        // One seminar in force per competency and cohort: the leadership lock reads "the" seminar of a competency.
        s.HasIndex(x => new { x.CohortId, x.LeadershipCompetencyId }).IsUnique()
            .HasFilter("\"LeadershipCompetencyId\" IS NOT NULL AND \"CancelledAt\" IS NULL");
        s.ToTable(t => t.HasCheckConstraint("CK_CohortSession_EndsAfterStart", "\"EndsAt\" > \"StartsAt\""));
        s.Ignore(x => x.IsCancelled);
        s.Ignore(x => x.Day);
        s.Property(x => x.RowVersion).IsRowVersion();
    }
}

/// <summary>Which sessions count, written once.</summary>
public static class CohortSessions
{
    /// <summary>The leadership seminars in force (not cancelled): one per competency and cohort at most.</summary>
    public static IQueryable<CohortSession> Seminars(this IQueryable<CohortSession> sessions, int cohortId) =>
        sessions.Where(s => s.CohortId == cohortId && s.LeadershipCompetencyId != null && s.CancelledAt == null);

    /// <summary>The sessions a participant may tie an item to: their cohort's, not cancelled.</summary>
    public static IQueryable<CohortSession> InForce(this IQueryable<CohortSession> sessions, int cohortId) =>
        sessions.Where(s => s.CohortId == cohortId && s.CancelledAt == null);
}
