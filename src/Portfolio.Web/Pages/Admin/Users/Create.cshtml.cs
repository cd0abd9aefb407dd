using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Web.Mail;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>
/// An admin creates an account with its roles. The person receives an invitation to choose their password, unless the
/// admin types a provisional one, which the person must replace at their first sign-in.
/// </summary>
public class CreateModel(PortfolioDb db, UserManager<AppUser> users, PasswordMails mails, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = AppUser.Create(Input.Email, Input.FirstName, Input.LastName, Input.Organisation);
        var provisional = !string.IsNullOrWhiteSpace(Input.Password);
        if (provisional)
        {
            user.PasswordSetByAdmin();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = provisional ? await users.CreateAsync(user, Input.Password!) : await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, Input.Roles.Intersect(Roles.All));
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        await transaction.CommitAsync();
        if (!provisional)
        {
            await mails.WelcomeAsync(user);
        }
        TempData["Message"] = (provisional
            ? l["Le compte de {0} a été créé.", user.DisplayName]
            : l["Le compte de {0} a été créé ; une invitation à choisir son mot de passe lui a été envoyée.", user.DisplayName]).Value;
        return RedirectToPage("Edit", new { id = user.Id });
    }

    public sealed class UserInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [EmailAddress(ErrorMessage = "Le champ {0} doit être une adresse e-mail valide.")]
        [StringLength(AppUser.EmailLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(AppUser.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Prénom")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(AppUser.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom")]
        public string LastName { get; set; } = "";

        [StringLength(AppUser.OrganisationLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Organisation")]
        public string? Organisation { get; set; }

        public List<string> Roles { get; set; } = [];

        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe provisoire (facultatif)")]
        public string? Password { get; set; }
    }
}
