using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Groups;

/// <summary>Forms a group in a cohort: a name, its first members (2 to 10, among those without a group), optionally a facilitator.</summary>
public class CreateModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public GroupInput Input { get; set; } = new();

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<GroupChoices.Person> Facilitators { get; private set; } = [];
    public IReadOnlyList<GroupChoices.Person> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int cohortId)
    {
        if (!await LoadAsync(cohortId))
        {
            return NotFound();
        }
        var candidates = Candidates.Select(c => c.Id).ToHashSet();
        if (Input.MemberIds.Any(id => !candidates.Contains(id)))
        {
            ModelState.AddModelError("Input.MemberIds", l["Choisissez les membres parmi les participants de la promotion qui n'ont pas encore de groupe."]);
        }
        if (!string.IsNullOrEmpty(Input.FacilitatorId) && Facilitators.All(f => f.Id != Input.FacilitatorId))
        {
            ModelState.AddModelError("Input.FacilitatorId", l["Choisissez une personne qui a le rôle de facilitateur·rice."]);
        }
        if (ModelState.IsValid && await db.IntervisionGroups.AnyAsync(g => g.CohortId == cohortId && g.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe « {0} ».", Input.Name.Trim()]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        IntervisionGroup group;
        try
        {
            group = IntervisionGroup.Form(cohortId, Input.Name, Input.MemberIds, Input.FacilitatorId, clock.GetUtcNow());
        }
        catch (GroupRuleException e)
        {
            ModelState.AddModelError("Input.MemberIds", GroupTexts.Problem(l, e.Problem));
            return Page();
        }
        db.IntervisionGroups.Add(group);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else just formed a group of that name or took one of these people: show the choices as they are now.
            db.ChangeTracker.Clear();
            await LoadAsync(cohortId);
            ModelState.AddModelError(string.Empty, l["Entre-temps, une autre personne a formé un groupe de ce nom ou placé l'un de ces participants : vérifiez les choix."]);
            return Page();
        }
        TempData["Message"] = l["Le groupe « {0} » est formé.", group.Name].Value;
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
        Facilitators = await GroupChoices.Facilitators(db).ToListAsync();
        Candidates = await GroupChoices.WithoutGroup(db, cohortId).ToListAsync();
        return true;
    }

    public sealed class GroupInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(IntervisionGroup.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom du groupe")]
        public string Name { get; set; } = "";

        [Display(Name = "Facilitateur·rice")]
        public string? FacilitatorId { get; set; }

        [Display(Name = "Membres")]
        public List<string> MemberIds { get; set; } = [];
    }
}
