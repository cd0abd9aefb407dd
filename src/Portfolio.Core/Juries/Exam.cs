using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Text;

namespace Portfolio.Core.Juries;

/// <summary>
/// A candidate's oral exam before their jury: when (a moment, Brussels time in forms), how long, where (a room, a video
/// link, or both). Double bookings are impossible by construction: the exam holds one <see cref="ExamBooking"/> per
/// resource it occupies (each juror, the candidate, the room) and the database refuses two overlapping bookings of the
/// same resource (an exclusion constraint on a tstzrange). A cancelled exam is kept (its calendar entry must say
/// "cancelled") but frees its bookings. Every change a calendar shows raises <see cref="Sequence"/>; <see cref="Uid"/>
/// never changes, so that calendar applications update the event instead of adding a second one.
/// </summary>
public partial class Exam
{
    public const int RoomLength = 120;
    public const int MinMinutes = 10;
    public const int MaxMinutes = 8 * 60;

    private Exam() { }

    /// <summary>
    /// Schedules the candidate's exam; the bookings of the sitting jurors (see <see cref="ExamSchedule.SittingJurorsAsync"/>),
    /// the candidate and the room come with it.
    /// </summary>
    public Exam(JuryCandidate candidate, IEnumerable<string> sittingJurors, DateTimeOffset startsAt, int minutes, string? room, string? videoLink, DateTimeOffset now)
    {
        JuryCandidate = candidate;
        JuryCandidateId = candidate.Id;
        Uid = Guid.NewGuid();
        ScheduledAt = now;
        Place(startsAt, minutes, room, videoLink);
        SeatJurors(sittingJurors);
    }

    public int Id { get; private set; }
    public int JuryCandidateId { get; private set; }
    public JuryCandidate JuryCandidate { get; private set; } = null!;

    /// <summary>The calendar event's identity, the same in every feed and every version of the event.</summary>
    public Guid Uid { get; private set; }

    /// <summary>The calendar's revision number: raised by every move, change of room or link, and the cancellation.</summary>
    public int Sequence { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }
    public int Minutes { get; private set; }
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(Minutes);
    public string? Room { get; private set; }
    public string? VideoLink { get; private set; }
    public DateTimeOffset ScheduledAt { get; private set; }
    public DateTimeOffset? ChangedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public bool IsCancelled => CancelledAt is not null;
    public List<ExamBooking> Bookings { get; private set; } = [];
    public uint RowVersion { get; private set; }

    /// <summary>Moves the exam or changes its room or link; the bookings follow in the same save.</summary>
    public void Move(DateTimeOffset startsAt, int minutes, string? room, string? videoLink, DateTimeOffset now)
    {
        if (IsCancelled)
        {
            throw new ExamRuleException(ExamProblem.Cancelled);
        }
        var changed = startsAt != StartsAt || minutes != Minutes || Clean(room) != Room || WebLink.Safe(videoLink) != VideoLink;
        Place(startsAt, minutes, room, videoLink);
        if (changed)
        {
            Sequence++;
            ChangedAt = now;
        }
    }

    /// <summary>Cancels the exam: it frees the people and the room, and stays in calendars as cancelled.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (IsCancelled)
        {
            return;
        }
        CancelledAt = now;
        ChangedAt = now;
        Sequence++;
        Bookings.Clear();
    }

    /// <summary>
    /// Books exactly the sitting jurors (after a member joined or left): a new member's agenda is checked by the same
    /// constraint, so a member who already sits elsewhere at that time is refused with the rest of the save.
    /// </summary>
    public void SeatJurors(IEnumerable<string> memberIds)
    {
        if (IsCancelled)
        {
            return;
        }
        var wanted = memberIds.Distinct(StringComparer.Ordinal).ToList();
        Bookings.RemoveAll(b => b.Role == BookingRole.Juror && !wanted.Contains(b.UserId!));
        foreach (var id in wanted.Where(id => Bookings.All(b => b.Resource != ExamBooking.PersonResource(id))))
        {
            var booking = new ExamBooking(this, BookingRole.Juror, ExamBooking.PersonResource(id), id);
            booking.Span(StartsAt, EndsAt);
            Bookings.Add(booking);
        }
    }

    /// <summary>A juror who stepped aside for the candidate (a major conflict) no longer sits at the exam: their time is freed.</summary>
    public void StandDown(string jurorId) =>
        Bookings.RemoveAll(b => b.Role == BookingRole.Juror && b.UserId == jurorId);

    private void Place(DateTimeOffset startsAt, int minutes, string? room, string? videoLink)
    {
        if (minutes is < MinMinutes or > MaxMinutes)
        {
            throw new ExamRuleException(ExamProblem.Duration);
        }
        var link = string.IsNullOrWhiteSpace(videoLink) ? null : WebLink.Safe(videoLink) ?? throw new ExamRuleException(ExamProblem.UnsafeLink);
        var place = Clean(room);
        if (place is null && link is null)
        {
            throw new ExamRuleException(ExamProblem.NoPlace);
        }
        if (place is { Length: > RoomLength })
        {
            throw new ExamRuleException(ExamProblem.RoomTooLong);
        }
        // Stored in UTC: PostgreSQL's timestamptz takes no other offset, and the bookings compare moments, not wall clocks.
        StartsAt = startsAt.ToUniversalTime();
        Minutes = minutes;
        Room = place;
        VideoLink = link;
        // Bookings are updated in place (never deleted and re-added): a move then never collides with itself.
        Book(BookingRole.Candidate, ExamBooking.PersonResource(JuryCandidate.ParticipantId), JuryCandidate.ParticipantId);
        Bookings.RemoveAll(b => b.Role == BookingRole.Room && (place is null || b.Resource != ExamBooking.RoomResource(place)));
        if (place is not null)
        {
            Book(BookingRole.Room, ExamBooking.RoomResource(place), null);
        }
        foreach (var booking in Bookings)
        {
            booking.Span(StartsAt, EndsAt);
        }
    }

    private void Book(BookingRole role, string resource, string? userId)
    {
        if (Bookings.All(b => b.Resource != resource))
        {
            Bookings.Add(new ExamBooking(this, role, resource, userId));
        }
    }

    /// <summary>A room as people type it, spaces tidied: "Salle  B.12 " and "Salle B.12" are the same room.</summary>
    public static string? Clean(string? room) => string.IsNullOrWhiteSpace(room) ? null : Spaces().Replace(room.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

public enum BookingRole { Juror, Candidate, Room }

/// <summary>
/// One resource an exam occupies for its time: a person (juror or candidate) or a room. The table's exclusion
/// constraint <c>EXCLUDE USING gist ("Resource" WITH =, tstzrange("StartsAt", "EndsAt") WITH &amp;&amp;)</c> makes two
/// overlapping bookings of the same resource impossible, whoever writes them and however many at once.
/// </summary>
public class ExamBooking
{
    public const int ResourceLength = 200;
    public const string ConstraintName = "EX_ExamBookings_NoDoubleBooking";

    private ExamBooking() { }

    internal ExamBooking(Exam exam, BookingRole role, string resource, string? userId)
    {
        Exam = exam;
        Role = role;
        Resource = resource;
        UserId = userId;
    }

    public int Id { get; private set; }
    public int ExamId { get; private set; }
    public Exam Exam { get; private set; } = null!;
    public BookingRole Role { get; private set; }

    /// <summary>"person:{id}" or "room:{name in lower case}": a person is one resource whether they sit or are examined.</summary>
    public string Resource { get; private set; } = "";

    public string? UserId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    internal void Span(DateTimeOffset startsAt, DateTimeOffset endsAt) => (StartsAt, EndsAt) = (startsAt, endsAt);

    public static string PersonResource(string userId) => "person:" + userId;

    public static string RoomResource(string room) => "room:" + Exam.Clean(room)!.ToLowerInvariant();
}

/// <summary>What an exam refused; pages turn it into a message for the coordinator.</summary>
public enum ExamProblem { Duration, UnsafeLink, NoPlace, RoomTooLong, Cancelled }

public sealed class ExamRuleException(ExamProblem problem) : InvalidOperationException($"Exam rule: {problem}.")
{
    public ExamProblem Problem { get; } = problem;
}

internal sealed class ExamConfiguration : IEntityTypeConfiguration<Exam>, IEntityTypeConfiguration<ExamBooking>
{
    public void Configure(EntityTypeBuilder<Exam> e)
    {
        e.HasOne(x => x.JuryCandidate).WithMany().HasForeignKey(x => x.JuryCandidateId).OnDelete(DeleteBehavior.Cascade);
        // One exam in force per candidate; cancelled ones stay beside it for the calendars.
        e.HasIndex(x => x.JuryCandidateId).IsUnique().HasFilter("\"CancelledAt\" IS NULL");
        e.HasIndex(x => x.Uid).IsUnique();
        e.Property(x => x.Room).HasMaxLength(Exam.RoomLength);
        e.Property(x => x.VideoLink).HasMaxLength(WebLink.MaxLength);
        e.Ignore(x => x.EndsAt);
        e.Ignore(x => x.IsCancelled);
        e.HasMany(x => x.Bookings).WithOne(x => x.Exam).HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<ExamBooking> b)
    {
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Resource).HasMaxLength(ExamBooking.ResourceLength);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // The exclusion constraint itself is written in the migration (EF has no API for it); it also serves as the index.
        b.HasIndex(x => x.UserId);
    }
}
