using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Core.Accounts;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages;

/// <summary>
/// Remembers the visitor's language choice in a cookie and returns to the page they were on. A signed-in person's choice
/// is also kept on their account: messages sent to them are written in that language, and signing in restores it.
/// </summary>
public class CultureModel(UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        var chosen = PortfolioHosting.Cultures.FirstOrDefault(c => c.Name == culture) ?? PortfolioHosting.Cultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            CookieOptions());
        if (await users.GetUserAsync(User) is { } user && user.PreferredLanguage != chosen.TwoLetterISOLanguageName)
        {
            user.PreferLanguage(chosen.TwoLetterISOLanguageName);
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static CookieOptions CookieOptions() =>
        new() { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true };
}
