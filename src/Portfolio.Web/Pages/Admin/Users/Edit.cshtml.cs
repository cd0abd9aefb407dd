using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>An admin gives or removes roles, resets a forgotten password and unlocks an account.</summary>
public class EditModel(UserManager<AppUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public AccountView Account { get; private set; } = null!;
    public IList<string> CurrentRoles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(string id, List<string> selectedRoles)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var current = await users.GetRolesAsync(user);
        var wanted = selectedRoles.Intersect(Roles.All).ToList();
        if (user.Id == users.GetUserId(User) && current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
        {
            ModelState.AddModelError(string.Empty, l["Vous ne pouvez pas retirer votre propre rôle d'administration."]);
            await LoadAsync(user);
            return Page();
        }
        var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, wanted.Except(current));
        }
        return await Done(user, result, l["Les rôles de {0} ont été enregistrés.", user.DisplayName]);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id, string? newPassword)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(newPassword))
        {
            ModelState.AddModelError(string.Empty, l["Saisissez le nouveau mot de passe."]);
            await LoadAsync(user);
            return Page();
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            result = await Unlock(user);
        }
        return await Done(user, result, l["Le mot de passe de {0} a été réinitialisé.", user.DisplayName]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        return await Done(user, await Unlock(user), l["Le compte de {0} est débloqué.", user.DisplayName]);
    }

    private async Task<IdentityResult> Unlock(AppUser user)
    {
        var result = await users.SetLockoutEndDateAsync(user, null);
        return result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
    }

    private async Task<IActionResult> Done(AppUser user, IdentityResult result, LocalizedString success)
    {
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            await LoadAsync(user);
            return Page();
        }
        TempData["Message"] = success.Value;
        return RedirectToPage(new { id = user.Id });
    }

    private async Task LoadAsync(AppUser user)
    {
        Account = new AccountView(user.Id, user.DisplayName, user.Email ?? "", user.Organisation, user.LockoutEnd > clock.GetUtcNow());
        CurrentRoles = await users.GetRolesAsync(user);
    }

    public sealed record AccountView(string Id, string DisplayName, string Email, string? Organisation, bool LockedOut);
}
