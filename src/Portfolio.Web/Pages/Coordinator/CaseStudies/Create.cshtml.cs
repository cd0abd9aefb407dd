using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>
/// Forms a case-study group in a cohort: a name, the public organisation studied, the report's deadline and its members
/// among participants in no case-study group yet. Other sizes than 2 or 3 are formed, with a warning.
/// </summary>
public class CreateModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CaseStudyInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Membres")]
    public List<string> MemberIds { get; set; } = [];

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<CoordinatedCaseStudy.Person> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int cohortId)
    {
        if (!await LoadAsync(cohortId))
        {
            return NotFound();
        }
        var candidates = Candidates.Select(c => c.Id).ToHashSet();
        if (MemberIds.Any(id => !candidates.Contains(id)))
        {
            ModelState.AddModelError(nameof(MemberIds), l["Choisissez les membres parmi les participants de la promotion qui n'ont pas encore de groupe d'étude de cas."]);
        }
        if (ModelState.IsValid && await db.CaseStudyGroups.AnyAsync(g => g.CohortId == cohortId && g.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un groupe d'étude de cas « {0} ».", Input.Name.Trim()]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        CaseStudyGroup group;
        try
        {
            group = CaseStudyGroup.Form(cohortId, Input.Name, Input.Organisation, Input.Deadline!.Value, MemberIds, clock.GetUtcNow());
        }
        catch (CaseStudyRuleException e)
        {
            ModelState.AddModelError(nameof(MemberIds), CaseStudyTexts.Problem(l, e.Problem));
            return Page();
        }
        db.CaseStudyGroups.Add(group);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone else just formed a group of that name or placed one of these people: show the choices as they are now.
            db.ChangeTracker.Clear();
            await LoadAsync(cohortId);
            ModelState.AddModelError(string.Empty, l["Entre-temps, une autre personne a formé un groupe de ce nom ou placé l'un de ces participants : vérifiez les choix."]);
            return Page();
        }
        TempData["Message"] = group.HasUsualSize
            ? l["Le groupe « {0} » est formé.", group.Name].Value
            : l["Le groupe « {0} » est formé.", group.Name].Value + " " + SizeWarning(l, group.Members.Count);
        return RedirectToPage("Index", new { cohortId });
    }

    /// <summary>The warning for a group that is not of 2 or 3, in the coordinator's message and beside the group in the list.</summary>
    public static string SizeWarning(IStringLocalizer l, int members) =>
        l["Attention :"] + " " + l.Plural(members, "{0} membre ; un groupe d'étude de cas en compte normalement 2 ou 3.", "{0} membres ; un groupe d'étude de cas en compte normalement 2 ou 3.");

    private async Task<bool> LoadAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return false;
        }
        (CohortId, CohortName) = (cohortId, name);
        Candidates = await CoordinatedCaseStudy.Choosable(db, cohortId).ToListAsync();
        return true;
    }
}
