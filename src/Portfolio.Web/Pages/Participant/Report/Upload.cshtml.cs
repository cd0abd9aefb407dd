using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Storage;
using Portfolio.Core.Submissions;
using Portfolio.Web.Pages.Participant.Evidence;

namespace Portfolio.Web.Pages.Participant.Report;

/// <summary>
/// Uploads the individual report as a file instead of writing it here: PDF, DOCX or ODT, checked by extension and
/// content (<see cref="FileTypes"/>). A new upload replaces the previous file; removing it brings the written sections back.
/// </summary>
[RequestSizeLimit(Evidence.EditModel.MaxReadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Evidence.EditModel.MaxReadBytes)]
public class UploadModel(PortfolioDb db, FrameworkModels frameworks, FileStore files, MyCohorts myCohorts, TimeProvider clock, IConfiguration configuration,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The report formats a jury reads; images or spreadsheets are not a report.</summary>
    public static readonly string[] Formats = [".pdf", ".docx", ".odt"];

    [BindProperty]
    [Display(Name = "Fichier du rapport")]
    public IFormFile? Upload { get; set; }

    public string? CurrentName { get; private set; }
    public long MaxBytes => configuration.GetValue(Evidence.EditModel.MaxBytesSetting, Evidence.EditModel.DefaultMaxAttachmentBytes);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        CurrentName = await CurrentNameAsync(cohort.OwnerId, cohort.CohortId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        CurrentName = await CurrentNameAsync(cohort.OwnerId, cohort.CohortId);
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), l["Choisissez le fichier de votre rapport (PDF, DOCX ou ODT)."]);
            return Page();
        }
        var name = FileTypes.CleanName(Upload.FileName);
        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), l["Le fichier « {0} » est trop volumineux ({1}) : la taille maximale est de {2}.", name, EvidenceText.Size(l, Upload.Length), EvidenceText.Size(l, MaxBytes)]);
            return Page();
        }
        string? contentType;
        await using (var check = Upload.OpenReadStream())
        {
            contentType = Formats.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase) ? FileTypes.Check(name, check) : null;
        }
        if (contentType is null)
        {
            ModelState.AddModelError(nameof(Upload), l["Le fichier « {0} » n'est pas un rapport accepté : son extension ou son contenu ne correspond pas à un PDF, un DOCX ou un ODT.", name]);
            return Page();
        }
        var framework = await frameworks.GetAsync(db, cohort.FrameworkId, cohort.FrameworkRevision);
        var now = clock.GetUtcNow();
        // The bytes and the report that points to them are one save; the replaced file's bytes go with it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var report = await db.IndividualReports.SingleOrDefaultAsync(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId);
        if (report is null)
        {
            report = new IndividualReport(cohort.OwnerId, cohort.CohortId, ReportSections.For(framework), now);
            db.IndividualReports.Add(report);
        }
        try
        {
            await using var stream = Upload.OpenReadStream();
            var stored = await files.SaveAsync(stream, MaxBytes);
            var replaced = report.Upload(name, contentType, stored.Length, stored.Id, now);
            await db.SaveChangesAsync();
            if (replaced is { } old)
            {
                await files.DeleteAsync(old);
            }
            await transaction.CommitAsync();
        }
        catch (Exception e) when (e is FileTooLargeException || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            await transaction.RollbackAsync();
            ModelState.AddModelError(nameof(Upload), l["Le fichier n'a pas pu être enregistré : réessayez."]);
            return Page();
        }
        TempData["Message"] = l["Votre rapport « {0} » a été déposé.", name].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Goes back to the written sections: the uploaded file is deleted.</summary>
    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (await myCohorts.CurrentAsync() is not { } cohort)
        {
            return NotFound();
        }
        var report = await db.IndividualReports.SingleOrDefaultAsync(r => r.OwnerId == cohort.OwnerId && r.CohortId == cohort.CohortId);
        if (report?.RemoveFile() is { } old)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await files.DeleteAsync(old);
            await transaction.CommitAsync();
            TempData["Message"] = l["Le fichier a été retiré : c'est le rapport rédigé qui sera remis."].Value;
        }
        return RedirectToPage("Index");
    }

    private Task<string?> CurrentNameAsync(string ownerId, int cohortId) =>
        db.IndividualReports.Where(r => r.OwnerId == ownerId && r.CohortId == cohortId).Select(r => r.FileName).SingleOrDefaultAsync();
}
