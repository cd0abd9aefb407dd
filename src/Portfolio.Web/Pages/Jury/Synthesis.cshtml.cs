using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// The heat-map of a jury's candidates, for its members: only the candidates open to the juror
/// (<see cref="Core.Juries.JuryAccess"/>), each linking to their candidate page; another jury's answers 404.
/// </summary>
public class SynthesisModel(PortfolioDb db, FrameworkModels frameworks) : PageModel
{
    public SynthesisView View { get; private set; } = null!;
    public string JuryName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int juryId, int? pillar, int? campaign, string? sort, bool desc = false)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var synthesis = await CohortSynthesis.ForJuryAsync(db, frameworks, me, juryId, HttpContext.RequestAborted);
        if (synthesis is null)
        {
            return NotFound();
        }
        View = SynthesisView.Of(synthesis, pillar, campaign, sort, desc,
            c => synthesis.Jury(c.ParticipantId) is { } j && j.JuryId == juryId ? Url.Page("/Jury/Candidate", new { juryCandidateId = j.JuryCandidateId }) : null,
            values => Url.Page("/Jury/Synthesis", new RouteValueDictionary(values) { ["juryId"] = juryId }));
        return Page();
    }
}
