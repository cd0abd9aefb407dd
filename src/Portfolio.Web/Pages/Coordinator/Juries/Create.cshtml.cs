using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Juries;

using Jury = Portfolio.Core.Juries.Jury;

/// <summary>
/// Forms a jury in a cohort: a name, its members among the people with the JuryMember role (four by default), and the
/// chair among them. Another size is accepted once the coordinator has seen the warning and confirmed it.
/// </summary>
public class CreateModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public JuryInput Input { get; set; } = new();

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<JuryChoices.Person> Jurors { get; private set; } = [];

    /// <summary>The chosen size is not four and the coordinator has not confirmed it yet.</summary>
    public bool AskSizeConfirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int cohortId)
    {
        if (!await LoadAsync(cohortId))
        {
            return NotFound();
        }
        var members = Input.MemberIds.Distinct(StringComparer.Ordinal).ToList();
        var jurors = Jurors.Select(j => j.Id).ToHashSet();
        if (members.Count == 0 || members.Any(id => !jurors.Contains(id)))
        {
            ModelState.AddModelError("Input.MemberIds", l["Choisissez les membres parmi les personnes qui ont le rôle de membre de jury."]);
        }
        else if (string.IsNullOrEmpty(Input.ChairId) || !members.Contains(Input.ChairId))
        {
            ModelState.AddModelError("Input.ChairId", l["La présidence revient à l'un des membres du jury."]);
        }
        if (ModelState.IsValid && await db.Juries.AnyAsync(j => j.CohortId == cohortId && j.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un jury « {0} ».", Input.Name.Trim()]);
        }
        if (ModelState.IsValid && members.Count != Jury.UsualSize && !Input.ConfirmSize)
        {
            AskSizeConfirmation = true;
            ModelState.AddModelError("Input.MemberIds", l["Un jury compte normalement {0} membres ; vous en avez choisi {1}. Cochez la confirmation pour former ce jury quand même.", Jury.UsualSize, members.Count]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var jury = Jury.Form(cohortId, Input.Name, members, Input.ChairId!, clock.GetUtcNow());
        db.Juries.Add(jury);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un jury « {0} ».", Input.Name.Trim()]);
            return Page();
        }
        TempData["Message"] = l["Le jury « {0} » est formé.", jury.Name].Value;
        return RedirectToPage("Index", new { cohortId });
    }

    private async Task<bool> LoadAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return false;
        }
        (CohortId, CohortName) = (cohortId, name);
        Jurors = await JuryChoices.Jurors(db).ToListAsync();
        return true;
    }

    public sealed class JuryInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(Jury.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom du jury")]
        public string Name { get; set; } = "";

        [Display(Name = "Membres")]
        public List<string> MemberIds { get; set; } = [];

        [Display(Name = "Présidence")]
        public string? ChairId { get; set; }

        [Display(Name = "Je confirme cette taille de jury")]
        public bool ConfirmSize { get; set; }
    }
}
