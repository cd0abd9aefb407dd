using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Programmes;

/// <summary>
/// Which parts a programme uses: what is switched off disappears from every menu of its cohorts and its pages answer
/// 404 (Hosting/ComponentAccess). The work already written stays in the database and comes back with the part.
/// A form loaded before someone else saved is shown again with what is stored now, never applied blindly.
/// </summary>
public class ComponentsModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ComponentsInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>What another person saved in the meantime, when this save was refused.</summary>
    public ProgrammeComponents? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var programme = await coordination.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        Show(programme);
        Input = ComponentsInput.From(programme);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var programme = await coordination.Programmes.SingleOrDefaultAsync(p => p.Id == id);
        if (programme is null)
        {
            return NotFound();
        }
        Show(programme);
        if (!ModelState.IsValid)
        {
            // A value that is no part (or no version) changes nothing: the form comes back with its message.
            return Page();
        }
        // The version the form was loaded with: if the programme changed since, SaveChanges refuses.
        db.Entry(programme).Property(p => p.RowVersion).OriginalValue = Input.RowVersion;
        var chosen = (Input.Used ?? []).Aggregate(ProgrammeComponents.None, (all, c) => all | c);
        foreach (var component in ProgrammeComponentNames.Each)
        {
            programme.Use(component, chosen.HasFlag(component));
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == id);
            Conflict = current.Components;
            // Keep the person's choices, armed with the current version so that a second save is deliberate.
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current.RowVersion;
            return Page();
        }
        TempData["Message"] = l["Les parties de « {0} » ont été enregistrées.", programme.Title].Value;
        return RedirectToPage("../Index");
    }

    private void Show(Programme programme)
    {
        Id = programme.Id;
        Title = programme.Title;
    }

    public sealed class ComponentsInput
    {
        /// <summary>The parts ticked; a value that is not a part makes the form invalid, and nothing is saved.</summary>
        public List<ProgrammeComponents>? Used { get; set; }

        public uint RowVersion { get; set; }

        public bool Uses(ProgrammeComponents component) => Used?.Contains(component) == true;

        public static ComponentsInput From(Programme p) =>
            new() { Used = ProgrammeComponentNames.Each.Where(p.Uses).ToList(), RowVersion = p.RowVersion };
    }
}
