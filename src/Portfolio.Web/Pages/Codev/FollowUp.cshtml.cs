using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>The owner of an earlier action plan tells the group, at this session, what they tried and what happened.</summary>
public class FollowUpModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public FollowUpInput Input { get; set; } = new();

    public CodevPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int planId)
    {
        if (await LoadAsync(id, planId) is not { } f)
        {
            return NotFound();
        }
        Input.Text = f.Session.FollowUps.SingleOrDefault(x => x.PlanId == planId)?.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int planId)
    {
        if (await LoadAsync(id, planId) is not { } f)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            f.Session.WriteFollowUp(User.Me(), Plan, f.PlanGroupId, Input.Text ?? "", clock.GetUtcNow());
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Suivi enregistré."].Value;
        return RedirectToPage("Session", new { id });
    }

    /// <summary>The session and the plan, both of a group of the person; the plan only for its owner.</summary>
    private async Task<(CodevSession Session, int PlanGroupId)?> LoadAsync(int id, int planId)
    {
        var me = User.Me();
        var found = await CodevAccess.SessionAsync(db, id, me, q => q.Include(s => s.FollowUps));
        var plan = await db.CodevPlans.AsNoTracking().Where(p => p.Id == planId && p.OwnerId == me).Select(p => new { Plan = p, p.Session.GroupId }).SingleOrDefaultAsync();
        if (found is not { } f || plan is null || plan.GroupId != f.Session.GroupId)
        {
            return null;
        }
        Plan = plan.Plan;
        return (f.Session, plan.GroupId);
    }

    public sealed class FollowUpInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(CodevFollowUp.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Ce que j'ai essayé, ce qui s'est passé")]
        public string? Text { get; set; }
    }
}
