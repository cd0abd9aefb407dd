using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>
/// Adds a person with the JuryMember role to a jury. When the jury already has exams planned, the newcomer is booked on
/// them in the same save: someone who sits elsewhere at one of those times is refused, with the clash named.
/// </summary>
public class AddMemberModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choisissez une personne.")]
    [Display(Name = "Membre du jury")]
    public string? UserId { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public int MemberCount { get; private set; }
    public IReadOnlyList<JuryChoices.Person> Choices { get; private set; } = [];
    public IReadOnlyList<string> Clashes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var jury = await LoadAsync(id);
        if (jury is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid && Choices.All(c => c.Id != UserId))
        {
            ModelState.AddModelError(nameof(UserId), l["Choisissez une personne qui a le rôle de membre de jury et ne siège pas encore dans ce jury."]);
        }
        if (ModelState.IsValid && jury.Candidates.Any(c => c.ParticipantId == UserId))
        {
            ModelState.AddModelError(nameof(UserId), JuryTexts.Problem(l, JuryProblem.CandidateIsJuror));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        jury.AddMember(UserId!);
        CoordinatedJury.GuardMembers(db, jury);
        var exams = await ExamSchedule.SeatMembersAsync(db, jury);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(id) is null)
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(UserId), l["Ce jury a changé pendant que vous le modifiiez : vérifiez-le puis recommencez."]);
            return Page();
        }
        catch (DbUpdateException e) when (ExamSchedule.IsDoubleBooking(e))
        {
            var clashes = await ExamSchedule.ClashesAsync(db, exams);
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            Clashes = clashes.Select(c => JuryTexts.Clash(l, c)).ToList();
            ModelState.AddModelError(nameof(UserId), l["Cette personne ne peut pas rejoindre le jury : elle n'est pas libre à l'heure de ses examens."]);
            return Page();
        }
        TempData["Message"] = l["{0} a rejoint le jury « {1} ».", await JuryChoices.NameAsync(db, UserId!) ?? "", jury.Name].Value;
        return RedirectToPage("Index", new { cohortId = jury.CohortId });
    }

    private async Task<Jury?> LoadAsync(int id)
    {
        if (await CoordinatedJury.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, JuryName, MemberCount) = (found.Jury.CohortId, found.CohortName, found.Jury.Name, found.Jury.Members.Count);
        var members = found.Jury.Members.Select(m => m.UserId).ToList();
        Choices = (await JuryChoices.Jurors(db).ToListAsync()).Where(p => !members.Contains(p.Id)).ToList();
        return found.Jury;
    }
}
