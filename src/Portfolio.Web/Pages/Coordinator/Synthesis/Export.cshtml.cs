using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;

namespace Portfolio.Web.Pages.Coordinator.Synthesis;

/// <summary>
/// <c>synthese.xlsx</c> for a cohort's coordinators, built on request from the same read model as the heat-map
/// (<see cref="SynthesisWorkbook"/>; the jury-pack job will call the same builder). The document is dated with the
/// request's moment, the only thing that differs between two downloads of the same data.
/// </summary>
public class ExportModel(PortfolioDb db, FrameworkModels frameworks, Coordination coordination, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var synthesis = await CohortSynthesis.ForCohortAsync(db, frameworks, coordination.Cohorts, cohortId, HttpContext.RequestAborted);
        if (synthesis is null)
        {
            return NotFound();
        }
        var stream = new MemoryStream();
        SynthesisWorkbook.Write(synthesis, stream, clock.GetUtcNow());
        stream.Position = 0;
        return File(stream, SynthesisWorkbook.ContentType, SynthesisWorkbook.FileName);
    }
}
