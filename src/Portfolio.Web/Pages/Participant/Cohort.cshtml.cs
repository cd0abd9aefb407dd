using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// Chooses the cohort whose portfolio the participant works in, when they belong to several (next year's edition, a
/// second programme). The choice is remembered on their account, so every device and every page follows it.
/// </summary>
public class CohortModel(MyCohorts myCohorts, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public ParticipantCohorts Cohorts { get; private set; } = new([], null);

    [BindProperty]
    public int CohortId { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(string? returnUrl)
    {
        Cohorts = await myCohorts.GetAsync();
        CohortId = Cohorts.Current?.CohortId ?? 0;
        ReturnUrl = returnUrl;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Cohorts = await myCohorts.GetAsync();
        // Only one of the person's own cohorts: any other id is refused, whatever exists.
        var chosen = Cohorts.All.SingleOrDefault(c => c.CohortId == CohortId);
        if (chosen is null)
        {
            ModelState.AddModelError(nameof(CohortId), l["Choisissez une de vos promotions."]);
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }
        user.CurrentCohortId = chosen.CohortId;
        await users.UpdateAsync(user);
        myCohorts.Forget();
        TempData["Message"] = l["Vous travaillez maintenant dans la promotion « {0} ».", chosen.CohortName].Value;
        return Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith("/Participant", StringComparison.OrdinalIgnoreCase)
            ? LocalRedirect(ReturnUrl)
            : RedirectToPage("/Participant/Index");
    }
}
