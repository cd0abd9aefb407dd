using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Sessions;

/// <summary>Adds a session to a cohort's calendar: a module, a leadership seminar, the study trip, a co-development day or another meeting.</summary>
public class AddModel(PortfolioDb db, Coordination coordination, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel, ISessionForm
{
    [BindProperty]
    public SessionInput Input { get; set; } = new() { Start = new TimeOnly(9, 0), End = new TimeOnly(17, 0) };

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Pillars { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Competencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int cohortId)
    {
        if (await LoadAsync(cohortId) is not { } framework)
        {
            return NotFound();
        }
        var moments = Input.Moments(ModelState, l);
        if (!ModelState.IsValid || moments is not { } m || !Input.CheckTies(framework, ModelState, l))
        {
            return Page();
        }
        CohortSession session;
        try
        {
            session = new CohortSession(cohortId, Input.Kind!.Value, Input.Title, m.StartsAt, m.EndsAt, Input.Place, Input.PillarId, Input.CompetencyId, clock.GetUtcNow());
        }
        catch (SessionRuleException e)
        {
            ModelState.AddModelError(string.Empty, SessionTexts.Problem(l, e.Problem));
            return Page();
        }
        db.CohortSessions.Add(session);
        if (!await SessionSaving.SaveAsync(db, ModelState, l))
        {
            return Page();
        }
        TempData["Message"] = l["La séance « {0} » est ajoutée au calendrier.", session.Title].Value;
        return RedirectToPage("Index", new { cohortId });
    }

    private async Task<FrameworkModel?> LoadAsync(int cohortId)
    {
        if (await SessionSaving.CohortAsync(db, coordination, frameworks, cohortId) is not { } cohort)
        {
            return null;
        }
        (CohortId, CohortName) = (cohortId, cohort.CohortName);
        Kinds = SessionSaving.Kinds(l);
        Pillars = SessionSaving.Pillars(cohort.Framework);
        Competencies = SessionSaving.Competencies(cohort.Framework);
        return cohort.Framework;
    }
}
