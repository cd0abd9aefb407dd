using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Web.Pages.Participant.Evidence;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Participant.CaseStudy;

/// <summary>
/// A member uploads a version of the collective report: PDF, DOCX or ODT, checked by extension and content like evidence
/// attachments, within the same size limit. Refused once a final version is submitted, also when the submission happened
/// between loading and saving (the group's row version).
/// </summary>
// Read a little more than the limit, so that a file over it comes back as the form with a message, not the server's default.
[RequestSizeLimit(EditModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EditModel.MaxRequestBytes)]
public class UploadModel(PortfolioDb db, MyCohorts myCohorts, FileStore files, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>What a collective report may be: documents people write reports in, nothing else.</summary>
    public static readonly IReadOnlyList<string> AcceptedExtensions = [".pdf", ".docx", ".odt"];

    [BindProperty]
    [Display(Name = "Fichier du rapport")]
    public IFormFile? Report { get; set; }

    public string? GroupName { get; private set; }
    public bool IsSubmitted { get; private set; }

    public long MaxBytes => configuration.GetValue(EditModel.MaxBytesSetting, EditModel.DefaultMaxAttachmentBytes);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var cohort = await myCohorts.CurrentAsync();
        if (cohort is null || await LoadAsync() is not { } group)
        {
            return NotFound();
        }
        if (group.IsSubmitted)
        {
            ModelState.AddModelError(nameof(Report), CaseStudyTexts.Problem(l, CaseStudyProblem.Locked));
            return Page();
        }
        if (Check() is not { } accepted)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        // The file's chunks and the version go through the same connection: one transaction keeps both or neither.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await using var stream = Report!.OpenReadStream();
            var stored = await files.SaveAsync(stream, MaxBytes);
            group.Upload(cohort.OwnerId, accepted.Name, accepted.ContentType, stored.Length, stored.Id, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (FileTooLargeException)
        {
            await transaction.RollbackAsync();
            ModelState.AddModelError(nameof(Report), l["Le fichier « {0} » est trop volumineux : la taille maximale est de {1}.", accepted.Name, EvidenceText.Size(l, MaxBytes)]);
            return Page();
        }
        catch (CaseStudyRuleException e)
        {
            await transaction.RollbackAsync();
            ModelState.AddModelError(nameof(Report), CaseStudyTexts.Problem(l, e.Problem));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another member submitted the final version (or uploaded) meanwhile: nothing of this upload is kept.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            if (await LoadAsync() is not { } current)
            {
                return NotFound();
            }
            ModelState.AddModelError(nameof(Report), current.IsSubmitted
                ? CaseStudyTexts.Problem(l, CaseStudyProblem.Locked)
                : l["Le rapport a changé pendant l'envoi : déposez le fichier à nouveau."]);
            return Page();
        }
        TempData["Message"] = l["La version « {0} » du rapport collectif est déposée.", accepted.Name].Value;
        return RedirectToPage("Index");
    }

    private async Task<CaseStudyGroup?> LoadAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort || await MyCaseStudy.LoadAsync(db, cohort) is not { } group)
        {
            return null;
        }
        (GroupName, IsSubmitted) = (group.Name, group.IsSubmitted);
        return group;
    }

    /// <summary>The file to store with its cleaned name and the type the server chose, or null with a message.</summary>
    private (string Name, string ContentType)? Check()
    {
        if (Report is null || (Report.Length == 0 && Report.FileName.Length == 0))
        {
            ModelState.AddModelError(nameof(Report), l["Choisissez le fichier du rapport à déposer."]);
            return null;
        }
        var name = FileTypes.CleanName(Report.FileName);
        if (Report.Length == 0)
        {
            ModelState.AddModelError(nameof(Report), l["Le fichier « {0} » est vide.", name]);
            return null;
        }
        if (Report.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Report), l["Le fichier « {0} » est trop volumineux ({1}) : la taille maximale est de {2}.",
                name, EvidenceText.Size(l, Report.Length), EvidenceText.Size(l, MaxBytes)]);
            return null;
        }
        using var stream = Report.OpenReadStream();
        var contentType = AcceptedExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase) ? FileTypes.Check(name, stream) : null;
        if (contentType is null)
        {
            ModelState.AddModelError(nameof(Report), l["Le fichier « {0} » n'est pas accepté : un rapport collectif est un document PDF, DOCX ou ODT dont le contenu correspond à l'extension.", name]);
            return null;
        }
        return (name, contentType);
    }
}
