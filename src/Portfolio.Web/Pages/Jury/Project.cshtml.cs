using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// The transformation project of a candidate and its final presentation ("challenge de la transformation"), as the jury
/// reads it before scoring it with the programme's grid (<c>/Jury/Score</c>). 404 unless the candidate is open to the
/// juror (<see cref="JuryAccess.CandidatesOpenTo"/>) and the presentation is submitted (<see cref="ItemAccess"/>).
/// </summary>
public class ProjectModel(PortfolioDb db) : PageModel
{
    public int JuryCandidateId { get; private set; }
    public string CandidateName { get; private set; } = "";
    public ProjectSheet Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int juryCandidateId)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var candidate = await JuryAccess.CandidatesOpenTo(db, me).Where(c => c.Id == juryCandidateId)
            .Select(c => new { c.CohortId, c.ParticipantId }).SingleOrDefaultAsync();
        if (candidate is null
            || await ProjectSheet.LoadAsync(db.TransformationProjects.ReadableBy(db, me).Where(p => p.CohortId == candidate.CohortId && p.OwnerId == candidate.ParticipantId && p.PresentationSubmittedAt != null), db.Users) is not { } project)
        {
            return NotFound();
        }
        (JuryCandidateId, CandidateName, Project) = (juryCandidateId, project.Owner, project);
        return Page();
    }
}
