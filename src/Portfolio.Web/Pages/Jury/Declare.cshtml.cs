using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// A juror declares their conflicts of interest with one candidate, once, before seeing anything of them: the page shows
/// the candidate's name and nothing else. A minor or major conflict is told to the programme's coordinators.
/// </summary>
public class DeclareModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DeclarationInput Input { get; set; } = new();

    public string CandidateName { get; private set; } = "";
    public string JuryName { get; private set; } = "";

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(int juryCandidateId) => await LoadAsync(juryCandidateId) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int juryCandidateId)
    {
        var candidate = await LoadAsync(juryCandidateId);
        if (candidate is null)
        {
            return NotFound();
        }
        if (Input.Level is not { } level || !Enum.IsDefined(level))
        {
            ModelState.AddModelError("Input.Level", l["Choisissez votre déclaration."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        ConflictDeclaration declaration;
        try
        {
            declaration = new ConflictDeclaration(candidate, Me, Input.Level!.Value, Input.Explanation, now);
        }
        catch (JuryRuleException e)
        {
            ModelState.AddModelError("Input.Explanation", JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        db.ConflictDeclarations.Add(declaration);
        if (declaration.Level == ConflictLevel.Major)
        {
            // Stepping aside frees the juror's time at the candidate's exam, in the same save.
            foreach (var exam in await db.Exams.Include(e => e.Bookings).Where(e => e.JuryCandidateId == candidate.Id && e.CancelledAt == null).ToListAsync())
            {
                exam.StandDown(Me);
            }
        }
        if (declaration.Level != ConflictLevel.None)
        {
            var programme = db.Cohorts.Where(c => c.Id == candidate.CohortId).Select(c => c.ProgrammeId);
            foreach (var coordinator in await db.ProgrammeCoordinators.Where(p => programme.Contains(p.ProgrammeId)).Select(p => p.UserId).ToListAsync())
            {
                db.Notify(coordinator, NotificationKind.ConflictDeclared, $"{CandidateName} ({JuryName})", $"/Coordinator/Juries/Conflicts/{candidate.JuryId}", Me, now);
            }
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A second tab or a double click: the first declaration stands.
            TempData["Message"] = JuryTexts.Problem(l, JuryProblem.AlreadyDeclared);
            return RedirectToPage("Index");
        }
        TempData["Message"] = l["Votre déclaration au sujet de {0} est enregistrée.", CandidateName].Value;
        return RedirectToPage("Index");
    }

    /// <summary>A candidate of one of my juries about whom I have not declared yet; anything else is not found.</summary>
    private async Task<JuryCandidate?> LoadAsync(int juryCandidateId)
    {
        var found = await JuryAccess.AwaitingDeclarationBy(db, Me).Where(c => c.Id == juryCandidateId)
            .Include(c => c.Jury).ThenInclude(j => j.Members)
            .Select(c => new { Candidate = c, Name = db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First() })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }
        (CandidateName, JuryName) = (found.Name, found.Candidate.Jury.Name);
        return found.Candidate;
    }

    public sealed class DeclarationInput
    {
        [Display(Name = "Déclaration")]
        public ConflictLevel? Level { get; set; }

        [StringLength(ConflictDeclaration.ExplanationLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Explication")]
        public string? Explanation { get; set; }
    }
}
