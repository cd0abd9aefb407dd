using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Calendar;

/// <summary>
/// A person's whole agenda, as their calendar page and their one calendar feed show it: the sessions of their current
/// cohort (modules, seminars, study trip...), the co-development sessions of their groups (read from the groups'
/// sessions, where they live) and their exams, cancelled ones included. Three queries, whatever the number of events.
/// </summary>
public static class Agenda
{
    public enum Source { CohortSession, Codev, Exam }

    public sealed record Item(Source From, int Id, string Uid, int Sequence, string Kind, string Summary, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        string? Location, string? VideoLink, DateTimeOffset Stamp, bool Cancelled);

    public static async Task<List<Item>> OfAsync(PortfolioDb db, string userId, ParticipantCohort? cohort, IStringLocalizer l)
    {
        var items = new List<Item>();
        if (cohort is not null)
        {
            var sessions = await db.CohortSessions.AsNoTracking().Where(s => s.CohortId == cohort.CohortId).ToListAsync();
            items.AddRange(sessions.Select(s => new Item(Source.CohortSession, s.Id, $"{s.Uid}@portfolio", s.Sequence, SessionTexts.Kind(l, s.Kind), s.Title,
                s.StartsAt, s.EndsAt, s.Place, null, s.ChangedAt ?? s.CreatedAt, s.IsCancelled)));
        }
        var codev = await CodevAccess.SessionsOf(db, userId)
            .Select(s => new { s.Id, s.Sequence, Group = s.Group.Name, s.StartsAt, Owners = s.CaseOwnerIds.Length, s.Place, s.VideoLink, s.CreatedAt })
            .ToListAsync();
        items.AddRange(codev.Select(s => new Item(Source.Codev, s.Id, $"codev-{s.Id}@portfolio", s.Sequence, l["Codéveloppement"],
            l["Séance de codéveloppement — {0}", s.Group], s.StartsAt, s.StartsAt.AddMinutes(CodevTiming.TotalMinutes(s.Owners)),
            s.Place, s.VideoLink, s.CreatedAt, false)));
        var exams = await ScheduleEntries.OfAsync(db, userId);
        items.AddRange(exams.Select(e => new Item(Source.Exam, e.Id, $"{e.Uid}@portfolio", e.Sequence, l["Examen oral"], ScheduleEntries.Summary(l, e),
            e.StartsAt, e.EndsAt, e.Room, e.VideoLink, e.Stamp, e.CancelledAt is not null)));
        return [.. items.OrderBy(i => i.StartsAt).ThenBy(i => i.Uid, StringComparer.Ordinal)];
    }

    /// <summary>The ICS text of the agenda, worded in the current language.</summary>
    public static string Ics(IStringLocalizer l, IEnumerable<Item> items) =>
        ExamCalendar.Write(items.Select(i => new ExamCalendar.Entry(i.Uid, i.Sequence, i.StartsAt, i.EndsAt, i.Stamp, i.Summary, i.Location, i.VideoLink, i.Cancelled)),
            l["Mon agenda Portfolio"]);
}
