using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Core.Juries;
using Portfolio.Core.Storage;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Jury;

/// <summary>Downloads the file of a candidate's submitted project presentation, for a juror the candidate is open to; 404 otherwise.</summary>
public class ProjectFileModel(PortfolioDb db, FileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int juryCandidateId)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var file = await JuryAccess.CandidatesOpenTo(db, me).Where(c => c.Id == juryCandidateId)
            .SelectMany(c => db.TransformationProjects.ReadableBy(db, me)
                .Where(p => p.CohortId == c.CohortId && p.OwnerId == c.ParticipantId && p.PresentationSubmittedAt != null && p.PresentationFileId != null))
            .Select(p => new { p.PresentationFileName, p.PresentationContentType, p.PresentationFileId })
            .SingleOrDefaultAsync();
        if (file is null)
        {
            return NotFound();
        }
        return await this.StoredFileAsync(files, file.PresentationFileId!.Value, file.PresentationContentType!, file.PresentationFileName!);
    }
}
