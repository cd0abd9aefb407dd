using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>Coordinators import a framework version as a draft by uploading its JSON; a bad file imports nothing and every problem is listed.</summary>
public class ImportModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const long MaxDocumentBytes = 2 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Document { get; set; }

    public IReadOnlyList<DocumentProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Document is null || Document.Length == 0)
        {
            Problems = [new DocumentProblem("$", "Choisissez un fichier JSON.")];
            return Page();
        }
        if (Document.Length > MaxDocumentBytes)
        {
            Problems = [new DocumentProblem("$", "Le fichier dépasse {0} Mo.", MaxDocumentBytes / 1024 / 1024)];
            return Page();
        }
        string json;
        using (var reader = new StreamReader(Document.OpenReadStream()))
        {
            json = await reader.ReadToEndAsync();
        }
        var (document, problems) = FrameworkDocument.Read(json);
        if (document is null)
        {
            Problems = problems;
            return Page();
        }
        var (result, rejected) = await FrameworkImport.ImportAsync(db, document, clock.GetUtcNow());
        if (result == FrameworkImportResult.Rejected)
        {
            Problems = rejected;
            return Page();
        }
        TempData["Message"] = (result switch
        {
            FrameworkImportResult.Created => l["Le brouillon de la version {1} du référentiel « {0} » est importé. Vérifiez son aperçu, puis publiez-le.", document.Title!, document.Version!],
            FrameworkImportResult.Replaced => l["Le brouillon de la version {1} du référentiel « {0} » a été remplacé.", document.Title!, document.Version!],
            _ => l["La version {1} du référentiel « {0} » était déjà importée à l'identique.", document.Title!, document.Version!],
        }).Value;
        return RedirectToPage("Preview", new { code = document.Code, version = document.Version });
    }
}
