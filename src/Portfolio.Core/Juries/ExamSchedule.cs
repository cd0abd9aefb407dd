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
        var sitting = await SittingJurorsAsync(db, jury.Members.Select(m => m.UserId).ToList(), exams.Select(e => e.JuryCandidateId).ToList());
        foreach (var exam in exams)
        {
            exam.SeatJurors(sitting[exam.JuryCandidateId]);
        }
        return exams;
    }

    /// <summary>
    /// Who sits at each candidate's exam: the jury's members (as the coordinator is changing them, hence given) except
    /// those who stepped aside for that candidate (a major conflict), the same people who score them. One command.
    /// </summary>
    public static async Task<ILookup<int, string>> SittingJurorsAsync(PortfolioDb db, IReadOnlyCollection<string> memberIds, IReadOnlyCollection<int> juryCandidateIds)
    {
        var steppedAside = (await JuryAccess.SteppedAside(db)
                .Where(d => juryCandidateIds.Contains(d.JuryCandidateId))
                .Select(d => new { d.JuryCandidateId, d.JurorId })
                .ToListAsync())
            .ToLookup(d => d.JuryCandidateId, d => d.JurorId);
        return juryCandidateIds.Distinct()
            .SelectMany(c => memberIds.Except(steppedAside[c], StringComparer.Ordinal).Select(m => (Candidate: c, Member: m)))
            .ToLookup(x => x.Candidate, x => x.Member);
    }

    /// <summary>The jury's exams that are not cancelled, with what they book.</summary>
    public static IQueryable<Exam> ExamsInForce(PortfolioDb db, int juryId) =>
        db.Exams.Include(e => e.Bookings).Include(e => e.JuryCandidate)
            .Where(e => e.JuryCandidate.JuryId == juryId && e.CancelledAt == null);

    /// <summary>
    /// The exams a person is part of, as candidate or as a member of the jury who did not step aside for that candidate,
    /// cancelled ones included (calendars).
    /// </summary>
    public static IQueryable<Exam> ExamsOf(PortfolioDb db, string userId) =>
        db.Exams.Where(e => e.JuryCandidate.ParticipantId == userId
            || (e.JuryCandidate.Jury.Members.Any(m => m.UserId == userId)
                && !JuryAccess.SteppedAside(db).Any(d => d.JuryCandidateId == e.JuryCandidateId && d.JurorId == userId)));
}
