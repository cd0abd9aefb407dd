using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// The sessions of the cohort's calendar a reflection or an evidence item may be tied to, for the journal and evidence
/// forms: the participant's own cohort's, not cancelled (the session an item is already tied to stays offered even
/// after a cancellation, so that saving the item does not untie it). A posted id outside these is refused with a message.
/// </summary>
public static class SessionChoices
{
    private static IQueryable<CohortSession> Offered(PortfolioDb db, ParticipantCohort cohort, int? tiedTo) =>
        db.CohortSessions.Where(s => s.CohortId == cohort.CohortId && (s.CancelledAt == null || s.Id == tiedTo));

    public static async Task<IReadOnlyList<SelectListItem>> ListAsync(PortfolioDb db, ParticipantCohort cohort, int? tiedTo) =>
        (await Offered(db, cohort, tiedTo).OrderBy(s => s.StartsAt).Select(s => new { s.Id, s.Title, s.StartsAt }).ToListAsync())
            .Select(s => new SelectListItem(Label(s.StartsAt, s.Title), s.Id.ToString())).ToList();

    /// <summary>How a session is named wherever an item tied to it is shown: "12 mars 2026 — Module 2".</summary>
    public static string Label(DateTimeOffset startsAt, string title) => $"{Dates.Day(startsAt)} — {title}";

    /// <summary>The session posted, tracked for <c>TieTo</c>; null with no message when none was chosen, null with a message for an id not offered.</summary>
    public static async Task<CohortSession?> ResolveAsync(PortfolioDb db, ParticipantCohort cohort, int? posted, int? tiedTo, ModelStateDictionary state, IStringLocalizer l)
    {
        if (posted is not { } id)
        {
            return null;
        }
        var session = await Offered(db, cohort, tiedTo).SingleOrDefaultAsync(s => s.Id == id);
        if (session is null)
        {
            state.AddModelError("Input.SessionId", l["Choisissez une séance du calendrier de votre promotion."]);
        }
        return session;
    }
}
