using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>A case owner writes their synthesis and their dated action plan (step 5); their own only.</summary>
public class ActionPlanModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Empty rows offered for new actions.</summary>
    public const int BlankRows = 3;

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } f)
        {
            return NotFound();
        }
        var mine = f.Session.Plans.SingleOrDefault(p => p.OwnerId == User.Me());
        Input = new PlanInput
        {
            Synthesis = mine?.Synthesis,
            Items = [.. (mine?.Items ?? []).Select(i => new ItemInput { Text = i.Text, DueOn = i.DueOn })],
        };
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } f)
        {
            return NotFound();
        }
        var items = new List<CodevActionItem>();
        for (var i = 0; i < Input.Items.Count; i++)
        {
            var item = Input.Items[i];
            if (string.IsNullOrWhiteSpace(item.Text))
            {
                continue;
            }
            if (item.DueOn is null)
            {
                ModelState.AddModelError($"Input.Items[{i}].DueOn", l["L'action « {0} » n'a pas d'échéance.", item.Text.Trim()]);
                continue;
            }
            items.Add(new CodevActionItem(item.Text, item.DueOn.Value));
        }
        if (ModelState.IsValid)
        {
            try
            {
                f.Session.WritePlan(User.Me(), Input.Synthesis ?? "", items, clock.GetUtcNow());
                await db.SaveChangesAsync();
                TempData["Message"] = l["Synthèse et plan d'action enregistrés."].Value;
                return RedirectToPage("Session", new { id });
            }
            catch (CodevRefusedException refused)
            {
                ModelState.AddModelError(string.Empty, l[refused.Message]);
            }
        }
        Pad();
        return Page();
    }

    private Task<(CodevSession Session, CodevGroup Group)?> LoadAsync(int id) =>
        CodevAccess.SessionAsync(db, id, User.Me(), q => q.Include(s => s.Plans));

    private void Pad()
    {
        var wanted = Math.Min(CodevPlan.MaxItems, Input.Items.Count + BlankRows);
        while (Input.Items.Count < wanted)
        {
            Input.Items.Add(new ItemInput());
        }
    }

    public sealed class PlanInput
    {
        [StringLength(CodevPlan.SynthesisLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Ma synthèse")]
        public string? Synthesis { get; set; }

        public List<ItemInput> Items { get; set; } = [];
    }

    public sealed class ItemInput
    {
        [StringLength(CodevActionItem.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Action")]
        public string? Text { get; set; }

        [Display(Name = "Échéance")]
        public DateOnly? DueOn { get; set; }
    }
}
