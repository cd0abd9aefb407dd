using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// "Forgot password": sends a reset link to an active account. The answer is the same whether the address is known or
/// not, so that the page tells nobody who has an account.
/// </summary>
public class ForgotPasswordModel(PortfolioDb db, UserManager<AppUser> users, PasswordMails mails, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>One message at a time: asking again within this delay sends nothing more, so the page cannot flood a mailbox.</summary>
    public static readonly TimeSpan OneLinkPer = TimeSpan.FromMinutes(2);

    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsActive: true })
        {
            var recent = clock.GetUtcNow() - OneLinkPer;
            if (!await db.PasswordLinks.AnyAsync(k => k.UserId == user.Id && k.Purpose == PasswordLinkPurpose.Reset && k.CreatedAt > recent))
            {
                await mails.SendResetAsync(user);
            }
        }
        TempData["Message"] = l["Si un compte existe pour cette adresse, un message vient d'y être envoyé avec un lien pour choisir un nouveau mot de passe. Pensez à regarder dans les indésirables."].Value;
        return RedirectToPage();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [EmailAddress(ErrorMessage = "Le champ {0} doit être une adresse e-mail valide.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";
    }
}
