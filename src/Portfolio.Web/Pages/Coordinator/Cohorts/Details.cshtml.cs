using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
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
    public IReadOnlyList<ParticipantView> Withdrawn { get; private set; } = [];
    public IReadOnlyList<RowProblem> Problems { get; private set; } = [];

    /// <summary>Set when the rows need the coordinator's look before enrolling (portfolio elsewhere, staff role).</summary>
    public EnrolmentReview? Review { get; private set; }

    /// <summary>The reviewed rows, carried by the confirmation form; checked again when it comes back.</summary>
    [BindProperty]
    public string? PendingRows { get; set; }

    /// <summary>E-mails of the staff accounts the coordinator ticked to be made participants.</summary>
    [BindProperty]
    public List<string> Confirmed { get; set; } = [];

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
        return await ReviewOrEnrolAsync(id, [row], review: true);
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
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        return await ReviewOrEnrolAsync(id, rows, review: true);
    }

    /// <summary>The coordinator has seen the review: enrol the rows, staff accounts only where ticked.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id)
    {
        ModelState.Clear();
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var rows = ReadPendingRows();
        if (rows is null)
        {
            Problems = [new RowProblem(0, "La liste à confirmer est illisible : envoyez-la à nouveau.")];
            return Page();
        }
        return await ReviewOrEnrolAsync(id, rows, review: false);
    }

    /// <summary>
    /// Shows the review when a row needs it (and it was not just seen), else enrols. Rows that came back from the
    /// browser are checked again as a new list would be.
    /// </summary>
    private async Task<IActionResult> ReviewOrEnrolAsync(int id, IReadOnlyList<ParticipantRow> rows, bool review)
    {
        var checkedRows = ParticipantList.Check([["email", "prénom", "nom", "organisation"], .. rows.Select(r => new[] { r.Email, r.FirstName, r.LastName, r.Organisation ?? "" })]);
        if (checkedRows.Problems.Count > 0)
        {
            Problems = checkedRows.Problems;
            return Page();
        }
        var reviewed = await enrolment.ReviewAsync(id, rows);
        if (review && reviewed.NeedsConfirmation)
        {
            Review = reviewed;
            PendingRows = JsonSerializer.Serialize(rows);
            return Page();
        }
        var confirmed = Confirmed.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = await enrolment.EnrolAsync(id, rows, confirmed);
        if (problems.Count > 0 && rows is [{ Row: 0 }])
        {
            // The single-person form: its problems show above that form.
            foreach (var p in problems)
            {
                ModelState.AddModelError(string.Empty, l[p.Message, p.Arguments]);
            }
            return Page();
        }
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        var left = reviewed.Rows.Count(r => r.StaffRoles.Count > 0 && !confirmed.Contains(r.Row.Email));
        var enrolled = rows.Count - left;
        var message = rows.Count == 1 && left == 0 ? l["{0} {1} est inscrit·e.", rows[0].FirstName, rows[0].LastName].Value
            : l.Plural(enrolled, "{0} participant·e inscrit·e.", "{0} participant·es inscrit·es.");
        TempData["Message"] = left == 0 ? message
            : message + " " + l.Plural(left, "{0} compte de l'équipe n'a pas été inscrit (non confirmé).", "{0} comptes de l'équipe n'ont pas été inscrits (non confirmés).");
        return RedirectToPage(new { id });
    }

    private IReadOnlyList<ParticipantRow>? ReadPendingRows()
    {
        try
        {
            return string.IsNullOrEmpty(PendingRows) ? null : JsonSerializer.Deserialize<List<ParticipantRow>>(PendingRows);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == id)
            .Select(c => new CohortView(c.Id, c.Name, c.Programme.Title, c.Framework.Code, c.Framework.Title, c.Framework.Version, c.StartsOn, c.EndsOn, c.Programme.Components))
            .SingleOrDefaultAsync();
        if (cohort is null)
        {
            return false;
        }
        Cohort = cohort;
        var people = await db.Enrolments.Where(e => e.CohortId == id)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => new { e.WithdrawnAt, User = u })
            .OrderBy(x => x.User.LastName).ThenBy(x => x.User.FirstName)
            .Select(x => new ParticipantView(x.User.Id, x.User.LastName, x.User.FirstName, x.User.Email!, x.User.Organisation, x.User.PasswordHash != null, x.WithdrawnAt))
            .ToListAsync();
        Participants = people.Where(p => p.WithdrawnAt is null).ToList();
        Withdrawn = people.Where(p => p.WithdrawnAt is not null).ToList();
        return true;
    }

    public sealed record CohortView(int Id, string Name, string Programme, string FrameworkCode, string Framework, int FrameworkVersion, DateOnly StartsOn, DateOnly EndsOn,
        Portfolio.Core.Cohorts.ProgrammeComponents Components);
    /// <summary><paramref name="HasPassword"/>: the person has signed up; otherwise their invitation can be sent again.</summary>
    public sealed record ParticipantView(string Id, string LastName, string FirstName, string Email, string? Organisation, bool HasPassword, DateTimeOffset? WithdrawnAt);

    public sealed class PersonInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
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
    }
}
