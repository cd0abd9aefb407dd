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

/// <summary>Renames a jury or gives its chair to another member; a form loaded before someone else's save is shown again, never applied blindly.</summary>
public class EditModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public JuryEditInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<JuryChoices.Person> Members { get; private set; } = [];

    /// <summary>The stored jury when the save came too late: its name and chair as someone else left them.</summary>
    public (string Name, string? Chair)? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var jury = await LoadAsync(id);
        if (jury is null)
        {
            return NotFound();
        }
        Input = new JuryEditInput { Name = jury.Name, ChairId = jury.ChairId, RowVersion = jury.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var jury = await LoadAsync(id);
        if (jury is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid && await db.Juries.AnyAsync(j => j.Id != id && j.CohortId == jury.CohortId && j.Name == Input.Name.Trim()))
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un jury « {0} ».", Input.Name.Trim()]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // The version the form was loaded with: if the jury changed since, the save is refused.
        db.Entry(jury).Property(j => j.RowVersion).OriginalValue = Input.RowVersion;
        try
        {
            jury.Rename(Input.Name);
            jury.AppointChair(Input.ChairId ?? "");
            await db.SaveChangesAsync();
        }
        catch (JuryRuleException e)
        {
            ModelState.AddModelError("Input.ChairId", JuryTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Juries.AsNoTracking().Where(j => j.Id == id)
                .Select(j => new { j.Name, j.RowVersion, Chair = db.Users.Where(u => u.Id == j.ChairId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault() })
                .SingleOrDefaultAsync();
            if (stored is null)
            {
                return NotFound();
            }
            Conflict = (stored.Name, stored.Chair);
            // Keep what the coordinator typed, armed with the current version: a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.Name", l["Cette promotion a déjà un jury « {0} ».", Input.Name.Trim()]);
            return Page();
        }
        TempData["Message"] = l["Le jury « {0} » est enregistré.", jury.Name].Value;
        return RedirectToPage("Index", new { cohortId = jury.CohortId });
    }

    private async Task<Jury?> LoadAsync(int id)
    {
        if (await CoordinatedJury.LoadAsync(coordination, db, id) is not { } found)
        {
            return null;
        }
        (Id, CohortId, CohortName) = (id, found.Jury.CohortId, found.CohortName);
        var ids = found.Jury.Members.Select(m => m.UserId).ToList();
        Members = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new JuryChoices.Person(u.Id, u.FirstName + " " + u.LastName, u.Organisation)).ToListAsync();
        return found.Jury;
    }

    public sealed class JuryEditInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(Jury.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom du jury")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [Display(Name = "Présidence")]
        public string? ChairId { get; set; }

        public uint RowVersion { get; set; }
    }
}
