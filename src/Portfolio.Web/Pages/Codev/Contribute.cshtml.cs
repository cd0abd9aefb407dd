using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Codev;

/// <summary>Records a contribution to the consultation: a member their own, the runner anyone's (case owners listen).</summary>
public class ContributeModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ContributionInput Input { get; set; } = new();

    public IReadOnlyList<(string Id, string Name)> Consultants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is null)
        {
            return NotFound();
        }
        Input.MemberId = Consultants.Any(c => c.Id == User.Me()) ? User.Me() : Consultants.FirstOrDefault().Id;
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
            f.Session.Contribute(Input.MemberId ?? "", Input.Type, Input.Text ?? "", User.Me(), f.Group, clock.GetUtcNow());
        }
        catch (CodevRefusedException refused)
        {
            ModelState.AddModelError(string.Empty, l[refused.Message]);
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Contribution notée."].Value;
        return RedirectToPage("Session", new { id });
    }

    private async Task<(CodevSession Session, CodevGroup Group)?> LoadAsync(int id)
    {
        var me = User.Me();
        var found = await CodevAccess.SessionAsync(db, id, me);
        if (found is { } f)
        {
            var names = await CodevPages.NamesAsync(db, f.Group.MemberIds);
            // The runner notes for every consultant; a member for themselves.
            Consultants = [.. f.Group.MemberIds.Where(m => !f.Session.IsCaseOwner(m) && (f.Session.CanRun(me, f.Group) || m == me))
                .Select(m => (m, names.Name(m))).OrderBy(m => m.Item2)];
        }
        return found;
    }

    public sealed class ContributionInput
    {
        [Display(Name = "Membre")]
        public string? MemberId { get; set; }

        [Display(Name = "Type")]
        public ContributionType Type { get; set; } = ContributionType.Reaction;

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(CodevContribution.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Contribution")]
        public string? Text { get; set; }
    }
}
