using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>What the signed-in member takes away for their own practice (step 6). Nobody writes another member's.</summary>
public class TakeawayModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TakeawayInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is not { } f)
        {
            return NotFound();
        }
        Input.Text = f.Session.Takeaways.SingleOrDefault(t => t.MemberId == User.Me())?.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is not { } f)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            f.Session.WriteTakeaway(User.Me(), Input.Text ?? "", f.Group, clock.GetUtcNow());
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Ce que vous retenez est enregistré."].Value;
        return RedirectToPage("Session", new { id });
    }

    private Task<(CodevSession Session, CodevGroup Group)?> LoadAsync(int id) =>
        CodevAccess.SessionAsync(db, id, User.Me(), q => q.Include(s => s.Takeaways));

    public sealed class TakeawayInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(CodevTakeaway.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Ce que je retiens pour ma pratique")]
        public string? Text { get; set; }
    }
}
