using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>
/// A person's own exams, as their schedule pages and their calendar feed show them: the exams they take and the exams
/// their juries hold, cancelled ones included. One query, whatever the number of exams.
/// </summary>
public static class ScheduleEntries
{
    public sealed record Entry(int Id, Guid Uid, int Sequence, bool AsCandidate, string Candidate, string Jury, DateTimeOffset StartsAt, int Minutes,
        string? Room, string? VideoLink, DateTimeOffset Stamp, DateTimeOffset? CancelledAt)
    {
        public DateTimeOffset EndsAt => StartsAt.AddMinutes(Minutes);
    }

    public static Task<List<Entry>> OfAsync(PortfolioDb db, string userId) =>
        ExamSchedule.ExamsOf(db, userId)
            .OrderBy(e => e.StartsAt)
            .Select(e => new Entry(e.Id, e.Uid, e.Sequence, e.JuryCandidate.ParticipantId == userId,
                db.Users.Where(u => u.Id == e.JuryCandidate.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                e.JuryCandidate.Jury.Name, e.StartsAt, e.Minutes, e.Room, e.VideoLink, e.ChangedAt ?? e.ScheduledAt, e.CancelledAt))
            .ToListAsync();

    /// <summary>How the person's agenda and feed name an exam, in the current language.</summary>
    public static string Summary(IStringLocalizer l, Entry e) =>
        e.AsCandidate ? l["Mon examen oral ({0})", e.Jury] : l["Examen oral de {0} ({1})", e.Candidate, e.Jury];
}
