using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Sessions;

/// <summary>
/// Changes a session of the cohort's calendar. A form loaded before someone else's change is shown again with the
/// stored version instead of being applied; calendars get the same event with a higher SEQUENCE.
/// </summary>
public class EditModel(PortfolioDb db, Coordination coordination, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, ISessionForm
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Pillars { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Competencies { get; private set; } = [];

    /// <summary>The session as stored when the save came too late (someone else changed it).</summary>
    public string? Stale { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } loaded)
        {
            return NotFound();
        }
        Input = SessionInput.From(loaded.Session);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } loaded)
        {
            return NotFound();
        }
        var session = loaded.Session;
        var moments = Input.Moments(ModelState, l);
        if (!ModelState.IsValid || moments is not { } m || !Input.CheckTies(loaded.Framework, ModelState, l))
        {
            return Page();
        }
        // The version the form was loaded with: if the row changed since, SaveChanges refuses.
        db.Entry(session).Property(s => s.RowVersion).OriginalValue = Input.RowVersion;
        var sequence = session.Sequence;
        try
        {
            session.Change(Input.Kind!.Value, Input.Title, m.StartsAt, m.EndsAt, Input.Place, Input.PillarId, Input.CompetencyId, clock.GetUtcNow());
        }
        catch (SessionRuleException e)
        {
            ModelState.AddModelError(string.Empty, SessionTexts.Problem(l, e.Problem));
            return Page();
        }
        if (session.Sequence == sequence)
        {
            TempData["Message"] = l["Rien n'a changé."].Value;
            return RedirectToPage("Index", new { cohortId = CohortId });
        }
        try
        {
            if (!await SessionSaving.SaveAsync(db, ModelState, l))
            {
                return Page();
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.CohortSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
            if (stored is null)
            {
                return NotFound();
            }
            Stale = stored.IsCancelled
                ? l["Cette séance a été annulée entre-temps."]
                : $"{stored.Title} — {Dates.Moment(stored.StartsAt)} – {Dates.Moment(stored.EndsAt)} {stored.Place}".Trim();
            // Keep what the person typed, but arm the form with the current version so a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        TempData["Message"] = l["La séance « {0} » est modifiée.", session.Title].Value;
        return RedirectToPage("Index", new { cohortId = CohortId });
    }

    private async Task<(CohortSession Session, FrameworkModel Framework)?> LoadAsync(int id)
    {
        var session = await db.CohortSessions.SingleOrDefaultAsync(s => s.Id == id && s.CancelledAt == null && coordination.Cohorts.Any(c => c.Id == s.CohortId));
        if (session is null || await SessionSaving.CohortAsync(db, coordination, frameworks, session.CohortId) is not { } cohort)
        {
            return null;
        }
        (CohortId, CohortName) = (session.CohortId, cohort.CohortName);
        Kinds = SessionSaving.Kinds(l);
        Pillars = SessionSaving.Pillars(cohort.Framework);
        Competencies = SessionSaving.Competencies(cohort.Framework);
        return (session, cohort.Framework);
    }
}
