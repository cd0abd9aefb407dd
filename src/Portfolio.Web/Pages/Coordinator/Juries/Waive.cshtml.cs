using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Juries;

/// <summary>Waives a juror's minor conflict with a reason; who, when and why are kept on the declaration.</summary>
public class WaiveModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [StringLength(ConflictDeclaration.WaiverReasonLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Raison de la décision")]
    public string Reason { get; set; } = "";

    public int JuryId { get; private set; }
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string Juror { get; private set; } = "";
    public string Candidate { get; private set; } = "";
    public string? Explanation { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var declaration = await LoadAsync(id);
        if (declaration is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            declaration.Waive(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Reason, clock.GetUtcNow());
        }
        catch (JuryRuleException e)
        {
            ModelState.AddModelError(nameof(Reason), JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Le conflit de {0} pour {1} est levé.", Juror, Candidate].Value;
        return RedirectToPage("Conflicts", new { id = JuryId });
    }

    private async Task<ConflictDeclaration?> LoadAsync(int id)
    {
        var found = await db.ConflictDeclarations.Where(d => d.Id == id)
            .Join(db.JuryCandidates, d => d.JuryCandidateId, c => c.Id, (d, c) => new { d, c })
            .Where(x => coordination.Cohorts.Any(k => k.Id == x.c.CohortId))
            .Select(x => new
            {
                Declaration = x.d,
                x.c.JuryId,
                x.c.CohortId,
                Cohort = db.Cohorts.Where(k => k.Id == x.c.CohortId).Select(k => k.Name).First(),
                Juror = db.Users.Where(u => u.Id == x.d.JurorId).Select(u => u.FirstName + " " + u.LastName).First(),
                Candidate = db.Users.Where(u => u.Id == x.c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (JuryId, CohortId, CohortName, Juror, Candidate, Explanation) = (found.JuryId, found.CohortId, found.Cohort, found.Juror, found.Candidate, found.Declaration.Explanation);
        return found.Declaration;
    }
}
