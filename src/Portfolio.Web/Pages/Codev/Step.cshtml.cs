using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>Notes what the presentation, clarification or contract produced. The runner and a case owner may both write: a stale save never overwrites.</summary>
public class StepModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public StepInput Input { get; set; } = new();

    public CodevStep Step { get; private set; }
    public string? StoredText { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int step)
    {
        var found = await LoadAsync(id, step);
        if (found is not { } f)
        {
            return NotFound();
        }
        Input = new StepInput { Text = TextOf(f.Session), RowVersion = f.Session.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int step)
    {
        var found = await LoadAsync(id, step);
        if (found is not { } f)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            f.Session.WriteStep(Step, Input.Text ?? "", User.Me(), f.Group);
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        db.Entry(f.Session).Property(s => s.RowVersion).OriginalValue = Input.RowVersion;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.CodevSessions.AsNoTracking().SingleAsync(s => s.Id == id);
            StoredText = TextOf(stored);
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = stored.RowVersion;
            return Page();
        }
        TempData["Message"] = l["Étape notée."].Value;
        return RedirectToPage("Session", new { id });
    }

    private async Task<(CodevSession Session, CodevGroup Group)?> LoadAsync(int id, int step)
    {
        if (step is < (int)CodevStep.Presentation or > (int)CodevStep.Contract)
        {
            return null;
        }
        Step = (CodevStep)step;
        return await CodevAccess.SessionAsync(db, id, User.Me());
    }

    private string TextOf(CodevSession s) => Step switch
    {
        CodevStep.Presentation => s.Presentation,
        CodevStep.Clarification => s.Clarification,
        _ => s.Contract,
    };

    public sealed class StepInput
    {
        [StringLength(CodevSession.StepTextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Notes de l'étape")]
        public string? Text { get; set; }

        public uint RowVersion { get; set; }
    }
}
