using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Web.Pages.Participant.Evidence;

namespace Portfolio.Web.Pages.Participant.Project;

/// <summary>
/// Prepares the project's final presentation ("challenge de la transformation"): its date, a summary and optionally a
/// file (slides, a handout) kept in the file store like attachments. Refused once the presentation is submitted.
/// </summary>
[RequestSizeLimit(Evidence.EditModel.MaxReadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Evidence.EditModel.MaxReadBytes)]
public class PresentationModel(PortfolioDb db, FileStore files, MyCohorts myCohorts, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PresentationInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Fichier de la présentation")]
    public IFormFile? Upload { get; set; }

    public string? CurrentFileName { get; private set; }
    public bool Submitted { get; private set; }
    public long MaxBytes => configuration.GetValue(Evidence.EditModel.MaxBytesSetting, Evidence.EditModel.DefaultMaxAttachmentBytes);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ProjectAsync(tracked: false) is not { } project)
        {
            return NotFound();
        }
        Show(project);
        Input = new PresentationInput { PresentationOn = project.PresentationOn, Summary = project.PresentationSummary, RowVersion = project.RowVersion };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ProjectAsync(tracked: true) is not { } project)
        {
            return NotFound();
        }
        Show(project);
        if (project.IsPresentationSubmitted)
        {
            ModelState.AddModelError(string.Empty, ProjectTexts.Problem(l, ProjectProblem.PresentationSubmitted));
            return Page();
        }
        string? name = null, contentType = null;
        if (Upload is { Length: > 0 })
        {
            name = FileTypes.CleanName(Upload.FileName);
            if (Upload.Length > MaxBytes)
            {
                ModelState.AddModelError(nameof(Upload), l["Le fichier « {0} » est trop volumineux ({1}) : la taille maximale est de {2}.", name, EvidenceText.Size(l, Upload.Length), EvidenceText.Size(l, MaxBytes)]);
            }
            else
            {
                await using var check = Upload.OpenReadStream();
                contentType = FileTypes.Check(name, check);
                if (contentType is null)
                {
                    ModelState.AddModelError(nameof(Upload), l["Le fichier « {0} » n'est pas d'un type accepté : son extension ou son contenu ne correspond pas à un format autorisé ({1}).", name, Evidence.EditModel.AcceptedExtensions]);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        // The bytes and the project that points to them are one save; the replaced file's bytes go with it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        project.PreparePresentation(Input.PresentationOn, Input.Summary ?? "", now);
        Guid? replaced = null;
        try
        {
            if (Upload is { Length: > 0 } && name is not null && contentType is not null)
            {
                await using var stream = Upload.OpenReadStream();
                var stored = await files.SaveAsync(stream, MaxBytes);
                replaced = project.AttachPresentation(name, contentType, stored.Length, stored.Id, now);
            }
        }
        catch (FileTooLargeException)
        {
            await transaction.RollbackAsync();
            ModelState.AddModelError(nameof(Upload), l["Le fichier n'a pas pu être enregistré : réessayez."]);
            return Page();
        }
        if (!await ProjectTexts.SaveUnlessStaleAsync(db, project, Input.RowVersion, ModelState, l))
        {
            await transaction.RollbackAsync();
            return Page();
        }
        if (replaced is { } old)
        {
            await files.DeleteAsync(old);
        }
        await transaction.CommitAsync();
        TempData["Message"] = l["Votre présentation a été enregistrée ; remettez-la quand elle est prête."].Value;
        return RedirectToPage("Index");
    }

    private void Show(TransformationProject project) => (CurrentFileName, Submitted) = (project.PresentationFileName, project.IsPresentationSubmitted);

    private async Task<TransformationProject?> ProjectAsync(bool tracked)
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return null;
        }
        var query = db.TransformationProjects.In(cohort);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public sealed class PresentationInput
    {
        [Display(Name = "Date de la présentation")]
        public DateOnly? PresentationOn { get; set; }

        [StringLength(TransformationProject.TextLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Résumé")]
        public string? Summary { get; set; }

        public uint RowVersion { get; set; }
    }
}
