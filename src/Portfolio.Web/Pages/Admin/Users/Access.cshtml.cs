using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>
/// Whether a person may sign in: deactivate (they cannot sign in any more, their data stays), reactivate, or unlock
/// after too many wrong passwords.
/// </summary>
public class AccessModel(UserManager<AppUser> users, UserSessions sessions, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public AccountView Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        Account = AccountView.Of(user, clock.GetUtcNow());
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == users.GetUserId(User))
        {
            ModelState.AddModelError(string.Empty, l["Vous ne pouvez pas désactiver votre propre compte."]);
            Account = AccountView.Of(user, clock.GetUtcNow());
            return Page();
        }
        user.Deactivate(clock.GetUtcNow());
        // Its open sessions end now; the new security stamp also refuses any cookie that escaped the session check.
        await sessions.RevokeOthersAsync(user.Id, kept: null);
        return Done(user, await users.UpdateSecurityStampAsync(user), l["Le compte de {0} est désactivé : la personne ne peut plus se connecter, ses données sont conservées.", user.DisplayName]);
    }

    public async Task<IActionResult> OnPostReactivateAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        user.Reactivate();
        return Done(user, await users.UpdateAsync(user), l["Le compte de {0} est réactivé.", user.DisplayName]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }
        return Done(user, result, l["Le compte de {0} est débloqué.", user.DisplayName]);
    }

    private IActionResult Done(AppUser user, IdentityResult result, LocalizedString success)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            Account = AccountView.Of(user, clock.GetUtcNow());
            return Page();
        }
        TempData["Message"] = success.Value;
        return RedirectToPage("Edit", new { id = user.Id });
    }
}
