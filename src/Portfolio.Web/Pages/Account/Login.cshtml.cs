using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // lockoutOnFailure: five wrong passwords lock the account for 15 minutes.
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (result.Succeeded && user is not null)
        {
            return await LandAsync(user);
        }
        // Identity refuses a deactivated account before looking at the password: say so only to whoever knows it.
        var deactivated = result.IsNotAllowed && user is { IsActive: false } && await users.CheckPasswordAsync(user, Input.Password);
        ModelState.AddModelError(string.Empty,
            result.IsLockedOut ? l["Ce compte est verrouillé après plusieurs tentatives infructueuses. Réessayez dans 15 minutes ou demandez un déblocage à l'administration."]
            : deactivated ? l["Ce compte a été désactivé. Adressez-vous à l'administration du programme pour le réactiver."]
            : l["Adresse e-mail ou mot de passe incorrect."]);
        return Page();
    }

    /// <summary>
    /// A language chosen in this browser is kept on the account (messages follow it); otherwise the account's language
    /// is restored. Then the page they asked for, or their space.
    /// </summary>
    private async Task<IActionResult> LandAsync(AppUser user)
    {
        if (CookieRequestCultureProvider.ParseCookieValue(Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] ?? "") is { } chosen)
        {
            var before = user.PreferredLanguage;
            user.PreferLanguage(chosen.UICultures.Select(c => c.Value ?? "").FirstOrDefault() ?? "");
            if (user.PreferredLanguage != before)
            {
                await users.UpdateAsync(user);
            }
        }
        else
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(PortfolioHosting.CultureFor(user.PreferredLanguage))),
                CultureModel.CookieOptions());
        }
        if (user.MustChangePassword)
        {
            return RedirectToPage("/Account/ChangePassword");
        }
        if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/")
        {
            return LocalRedirect(ReturnUrl);
        }
        return RedirectToPage(Spaces.LandingPage(Spaces.Of(await users.GetRolesAsync(user))));
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [EmailAddress(ErrorMessage = "Le champ {0} doit être une adresse e-mail valide.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe")]
        public string Password { get; set; } = "";
    }
}
