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

/// <summary>Assigns active participants of the cohort who have no jury yet to this jury (one jury per candidate and cohort).</summary>
public class AssignModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<string> ParticipantIds { get; set; } = [];

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public IReadOnlyList<JuryChoices.Person> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var jury = await LoadAsync(id);
        if (jury is null)
        {
            return NotFound();
        }
        var chosen = ParticipantIds.Distinct(StringComparer.Ordinal).ToList();
        var open = Choices.Select(c => c.Id).ToHashSet();
        if (chosen.Count == 0 || chosen.Any(p => !open.Contains(p)))
        {
            ModelState.AddModelError(nameof(ParticipantIds), l["Choisissez des participants actifs de la promotion qui n'ont pas encore de jury."]);
            return Page();
        }
        try
        {
            foreach (var participant in chosen)
            {
                jury.Assign(participant, clock.GetUtcNow());
            }
            await db.SaveChangesAsync();
        }
        catch (JuryRuleException e)
        {
            ModelState.AddModelError(nameof(ParticipantIds), JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Assigned to another jury in the meantime: the index keeps one jury per candidate and cohort.
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            ModelState.AddModelError(nameof(ParticipantIds), l["Entre-temps, l'un de ces participants a été assigné à un autre jury : vérifiez les choix."]);
            return Page();
        }
        TempData["Message"] = l.Plural(chosen.Count, "{0} candidat assigné au jury.", "{0} candidats assignés au jury.");
        return RedirectToPage("Index", new { cohortId = jury.CohortId });
    }

    private async Task<Jury?> LoadAsync(int id)
    {
        if (await CoordinatedJury.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (CohortId, CohortName, JuryName) = (found.Jury.CohortId, found.CohortName, found.Jury.Name);
        Choices = await JuryChoices.WithoutJury(db, found.Jury.CohortId).ToListAsync();
        return found.Jury;
    }
}
