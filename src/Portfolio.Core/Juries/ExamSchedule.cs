using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Core.Data;

namespace Portfolio.Core.Juries;

/// <summary>
/// What the exclusion constraint refused, in words a coordinator can act on, and the bookings that follow a jury's
/// membership. The constraint decides; this class only explains (it reads the clashing bookings after the refusal).
/// </summary>
public static class ExamSchedule
{
    /// <summary>
    /// One booking in the way: the person (or room) already taken, what they do there (sit, or take their own exam),
    /// whose exam it is and when.
    /// </summary>
    public sealed record Clash(BookingRole Role, string? PersonName, string? Room, string OtherCandidate, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>Whether a save failed on the double-booking constraint (a racing coordinator included).</summary>
    public static bool IsDoubleBooking(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation, ConstraintName: ExamBooking.ConstraintName };

    /// <summary>
    /// The stored bookings of other exams that overlap the bookings this exam wanted. Called after the database refused
    /// the save; <paramref name="wanted"/> is the exam as the coordinator wanted it (still in memory).
    /// </summary>
    public static async Task<IReadOnlyList<Clash>> ClashesAsync(PortfolioDb db, IEnumerable<Exam> wanted)
    {
        var found = new List<Clash>();
        foreach (var exam in wanted.Where(e => !e.IsCancelled))
        {
            var resources = exam.Bookings.Select(b => b.Resource).ToList();
            var (start, end) = (exam.StartsAt, exam.EndsAt);
            var examId = exam.Id;
            found.AddRange(await db.ExamBookings.AsNoTracking()
                .Where(b => resources.Contains(b.Resource) && b.ExamId != examId && b.StartsAt < end && start < b.EndsAt)
                .OrderBy(b => b.StartsAt)
                .Select(b => new Clash(
                    b.Role,
                    db.Users.Where(u => u.Id == b.UserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(),
                    b.Exam.Room,
                    db.Users.Where(u => u.Id == b.Exam.JuryCandidate.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                    b.StartsAt,
                    b.EndsAt))
                .ToListAsync());
        }
        return found;
    }

    /// <summary>
    /// After a member joined or left a jury: the jury's exams in force book exactly its members, in the same save as the
    /// membership change (so a newcomer who sits elsewhere at that time makes the whole change fail).
    /// </summary>
    public static async Task<IReadOnlyList<Exam>> SeatMembersAsync(PortfolioDb db, Jury jury)
    {
        var exams = await ExamsInForce(db, jury.Id).ToListAsync();
        foreach (var exam in exams)
        {
            exam.SeatJurors(jury.Members.Select(m => m.UserId));
        }
        return exams;
    }

    /// <summary>The jury's exams that are not cancelled, with what they book.</summary>
    public static IQueryable<Exam> ExamsInForce(PortfolioDb db, int juryId) =>
        db.Exams.Include(e => e.Bookings).Include(e => e.JuryCandidate)
            .Where(e => e.JuryCandidate.JuryId == juryId && e.CancelledAt == null);

    /// <summary>The exams a person is part of, as candidate or as a member of the jury, cancelled ones included (calendars).</summary>
    public static IQueryable<Exam> ExamsOf(PortfolioDb db, string userId) =>
        db.Exams.Where(e => e.JuryCandidate.ParticipantId == userId || e.JuryCandidate.Jury.Members.Any(m => m.UserId == userId));
}
