using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Coordinator.Programmes;

public class CreateModel(PortfolioDb db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ProgrammeInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && await db.Programmes.AnyAsync(p => p.Code == Input.Code))
        {
            ModelState.AddModelError("Input.Code", l["Le code « {0} » est déjà utilisé par un autre programme.", Input.Code]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var programme = new Programme(Input.Code, Input.Title);
        // Whoever creates a programme manages it; an admin can add colleagues at /Admin/Programmes.
        programme.Assign(users.GetUserId(User)!);
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        // Next, what the new programme uses: it starts with the certificate's parts, which may not be this programme's.
        TempData["Message"] = l["Le programme « {0} » a été créé. Choisissez les parties qu'il utilise.", Input.Title].Value;
        return RedirectToPage("Components", new { id = programme.Id });
    }

    public sealed class ProgrammeInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Intitulé")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [RegularExpression("^[a-z0-9][a-z0-9-]{1,63}$", ErrorMessage = "Le champ {0} ne peut contenir que des minuscules, des chiffres et des tirets.")]
        [Display(Name = "Code")]
        public string Code { get; set; } = "";
    }
}
