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
/// Changes who is in a case-study group: its members stay ticked, participants of the cohort in no case-study group are
/// offered. Versions uploaded by someone who leaves stay with the group. Another size than 2 or 3 is saved, with a warning.
/// </summary>
public class MembersModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Display(Name = "Membres")]
    public List<string> MemberIds { get; set; } = [];

    [BindProperty]
    public uint RowVersion { get; set; }

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string GroupName { get; private set; } = "";
    public IReadOnlyList<CoordinatedCaseStudy.Person> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        MemberIds = group.Members.Select(m => m.UserId).ToList();
        RowVersion = group.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } group)
        {
            return NotFound();
        }
        var candidates = Candidates.Select(c => c.Id).ToHashSet();
        if (MemberIds.Any(m => !candidates.Contains(m)))
        {
            ModelState.AddModelError(nameof(MemberIds), l["Choisissez les membres parmi les participants de la promotion qui n'ont pas encore de groupe d'étude de cas."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            group.ChangeMembers(MemberIds, clock.GetUtcNow());
            // The members are the group's: the row is rewritten with the version the form was loaded with, so that two
            // coordinators changing the same group at once do not silently undo each other.
            db.Entry(group).Property(g => g.RowVersion).OriginalValue = RowVersion;
            db.Entry(group).Property(g => g.Name).IsModified = true;
            await db.SaveChangesAsync();
        }
        catch (CaseStudyRuleException e)
        {
            ModelState.AddModelError(nameof(MemberIds), CaseStudyTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            if (await LoadAsync(id) is not { } current)
            {
                return NotFound();
            }
            ModelState.Remove(nameof(RowVersion));
            RowVersion = current.RowVersion;
            ModelState.AddModelError(nameof(MemberIds), l["Ce groupe ou l'un de ces participants a changé entre-temps : vérifiez les choix puis enregistrez à nouveau."]);
            return Page();
        }
        TempData["Message"] = group.HasUsualSize
            ? l["Les membres du groupe « {0} » sont enregistrés.", group.Name].Value
            : l["Les membres du groupe « {0} » sont enregistrés.", group.Name].Value + " " + CreateModel.SizeWarning(l, group.Members.Count);
        return RedirectToPage("Index", new { cohortId = group.CohortId });
    }

    private async Task<CaseStudyGroup?> LoadAsync(int id)
    {
        if (await CoordinatedCaseStudy.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, GroupName) = (found.Group.CohortId, found.CohortName, found.Group.Name);
        Candidates = await CoordinatedCaseStudy.Choosable(db, found.Group.CohortId, id).ToListAsync();
        return found.Group;
    }
}
