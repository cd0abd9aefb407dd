using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Admin.Users;

public class CreateModel(PortfolioDb db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
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
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, Input.Password);
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
        TempData["Message"] = l["Le compte de {0} a été créé.", user.DisplayName].Value;
        return RedirectToPage("Edit", new { id = user.Id });
    }

    public sealed class UserInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [EmailAddress(ErrorMessage = "Le champ {0} doit être une adresse e-mail valide.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(100, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Prénom")]
        public string FirstName { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(100, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Nom")]
        public string LastName { get; set; } = "";

        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Organisation")]
        public string? Organisation { get; set; }

        public List<string> Roles { get; set; } = [];

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe provisoire")]
        public string Password { get; set; } = "";
    }
}
