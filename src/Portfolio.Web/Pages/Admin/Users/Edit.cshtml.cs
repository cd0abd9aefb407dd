using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>An account as the admin sees it, and its roles; passwords and access have their own pages.</summary>
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
        Account = AccountView.Of(user, clock.GetUtcNow());
        CurrentRoles = await users.GetRolesAsync(user);
    }
}
