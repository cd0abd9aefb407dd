using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Web.Hosting;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>
/// A forgotten password: the admin sends a reset link (the admin never knows the password), or, when the person cannot
/// receive mail, types a provisional one that the person must replace at their next sign-in.
/// </summary>
public class PasswordModel(UserManager<AppUser> users, UserSessions sessions, PasswordMails mails, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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

    public async Task<IActionResult> OnPostSendLinkAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (!user.IsActive)
        {
            return Refuse(user, l["Ce compte est désactivé : réactivez-le avant d'envoyer un lien."]);
        }
        await mails.SendResetAsync(user);
        TempData["Message"] = l["Un lien pour choisir un nouveau mot de passe a été envoyé à {0}.", user.Email ?? ""].Value;
        return RedirectToPage("Edit", new { id });
    }

    public async Task<IActionResult> OnPostSetProvisionalAsync(string id, string? newPassword)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(newPassword))
        {
            return Refuse(user, l["Saisissez le nouveau mot de passe."]);
        }
        user.PasswordSetByAdmin();
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword);
        if (result.Succeeded)
        {
            result = await users.SetLockoutEndDateAsync(user, null);
        }
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Refuse(user, null);
        }
        // A reset: whoever is signed in as this person (perhaps whoever learnt the old password) is signed out now.
        await sessions.RevokeOthersAsync(user.Id, kept: null);
        TempData["Message"] = l["Le mot de passe provisoire de {0} est enregistré : la personne le remplacera à sa prochaine connexion.", user.DisplayName].Value;
        return RedirectToPage("Edit", new { id });
    }

    private PageResult Refuse(AppUser user, string? message)
    {
        if (message is not null)
        {
            ModelState.AddModelError(string.Empty, message);
        }
        Account = AccountView.Of(user, clock.GetUtcNow());
        return Page();
    }
}
