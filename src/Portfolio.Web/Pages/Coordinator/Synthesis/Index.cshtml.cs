using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Coordinator.Synthesis;

/// <summary>
/// The cohort heat-map for its coordinators: every active participant × the framework's objectives, with evidence,
/// feedback, submission and jury (<see cref="CohortSynthesis"/>, a fixed number of commands whatever the cohort's
/// size). The page counterpart of the workbook's first sheet, which it offers for download.
/// </summary>
public class IndexModel(PortfolioDb db, FrameworkModels frameworks, Coordination coordination) : PageModel
{
    public SynthesisView View { get; private set; } = null!;

    /// <summary>Whether the cohort's programme uses jury packs (the page then links to them).</summary>
    public bool ShowsPacks { get; private set; }

    public async Task<IActionResult> OnGetAsync(int cohortId, int? pillar, int? campaign, string? sort, bool desc = false)
    {
        var synthesis = await CohortSynthesis.ForCohortAsync(db, frameworks, coordination.Cohorts, cohortId, HttpContext.RequestAborted);
        if (synthesis is null)
        {
            return NotFound();
        }
        View = SynthesisView.Of(synthesis, pillar, campaign, sort, desc,
            c => synthesis.Submission(c.ParticipantId) is { } s ? Url.Page("/Coordinator/Submissions/Snapshot", new { id = s.SubmissionId }) : null,
            values => Url.Page("/Coordinator/Synthesis/Index", new RouteValueDictionary(values) { ["cohortId"] = cohortId }));
        ShowsPacks = Portfolio.Web.Hosting.ComponentAccess.Shows("/Coordinator/Packs/Index",
            await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Programme.Components).SingleAsync(HttpContext.RequestAborted));
        return Page();
    }
}
