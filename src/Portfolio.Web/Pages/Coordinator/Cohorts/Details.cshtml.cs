using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Cohorts;

/// <summary>A cohort and its participants; coordinators enrol people one by one or by uploading a list.</summary>
public class DetailsModel(PortfolioDb db, Coordination coordination, CohortEnrolment enrolment, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A participant list is a few hundred rows at most; anything larger is a wrong file.</summary>
    public const long MaxListBytes = 5 * 1024 * 1024;

    public CohortView Cohort { get; private set; } = null!;
    public IReadOnlyList<ParticipantView> Participants { get; private set; } = [];
    public IReadOnlyList<RowProblem> Problems { get; private set; } = [];

    [BindProperty]
    public PersonInput Person { get; set; } = new();

    [BindProperty]
    public IFormFile? List { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnrolAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(Person.Email) && !ParticipantList.IsEmail(Person.Email.Trim()))
        {
            ModelState.AddModelError("Person.Email", l["L'adresse e-mail « {0} » n'est pas valide.", Person.Email]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var row = new ParticipantRow(0, Person.Email.Trim(), Person.FirstName, Person.LastName, Person.Organisation);
        var problems = await enrolment.EnrolAsync(id, [row]);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                ModelState.AddModelError(string.Empty, l[p.Message, p.Arguments]);
            }
            return Page();
        }
        TempData["Message"] = l["{0} {1} est inscrit·e.", row.FirstName, row.LastName].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUploadAsync(int id)
    {
        // The single-person form is not part of this post: its empty fields are not errors here.
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (List is null || List.Length == 0)
        {
            Problems = [new RowProblem(0, "Choisissez un fichier CSV ou XLSX.")];
            return Page();
        }
        if (List.Length > MaxListBytes)
        {
            Problems = [new RowProblem(0, "Le fichier dépasse {0} Mo.", MaxListBytes / 1024 / 1024)];
            return Page();
        }
        await using var content = List.OpenReadStream();
        var (rows, problems) = ParticipantList.Read(content, List.FileName);
        if (problems.Count == 0)
        {
            problems = await enrolment.EnrolAsync(id, rows);
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        TempData["Message"] = l.Plural(rows.Count, "{0} participant·e inscrit·e.", "{0} participant·es inscrit·es.");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == id)
            .Select(c => new CohortView(c.Id, c.Name, c.Programme.Title, c.Framework.Code, c.Framework.Title, c.Framework.Version, c.StartsOn, c.EndsOn))
            .SingleOrDefaultAsync();
        if (cohort is null)
        {
            return false;
        }
        Cohort = cohort;
        Participants = await db.Enrolments.Where(e => e.CohortId == id)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new ParticipantView(u.Id, u.LastName, u.FirstName, u.Email!, u.Organisation, u.PasswordHash != null))
            .ToListAsync();
        return true;
    }

    public sealed record CohortView(int Id, string Name, string Programme, string FrameworkCode, string Framework, int FrameworkVersion, DateOnly StartsOn, DateOnly EndsOn);
    /// <summary><paramref name="HasPassword"/>: the person has signed up; otherwise their invitation can be sent again.</summary>
    public sealed record ParticipantView(string Id, string LastName, string FirstName, string Email, string? Organisation, bool HasPassword);

    public sealed class PersonInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
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
    }
}
