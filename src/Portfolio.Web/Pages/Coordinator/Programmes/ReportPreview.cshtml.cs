using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;

namespace Portfolio.Web.Pages.Coordinator.Programmes;

/// <summary>
/// Renders the template being edited (not yet saved) for one submitted candidate of the programme's cohorts, as a
/// document of its own shown in the editor's sandboxed frame. The document is the coordinator's HTML: it is served under
/// <see cref="Hosting.SecurityHeaders.PreviewPath"/>, whose policy sandboxes it (no script, an opaque origin, nothing
/// loaded from elsewhere) even when opened outside the frame. Problems come back as a short page with line and column.
/// </summary>
public class ReportPreviewModel(PortfolioDb db, Coordination coordination, FrameworkModels frameworks, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ReportTemplateModel.TemplateInput Input { get; set; } = new();

    /// <summary>The latest submission of each candidate of the programme's cohorts.</summary>
    public static IQueryable<ReportTemplateModel.CandidateOption> CandidatesOf(PortfolioDb db, int programmeId) =>
        LatestSubmissions(db, programmeId)
            .Join(db.Users, s => s.ParticipantId, u => u.Id, (s, u) => new { s.Id, u.LastName, u.FirstName, Cohort = db.Cohorts.Where(c => c.Id == s.CohortId).Select(c => c.Name).First() })
            .OrderBy(x => x.LastName).ThenBy(x => x.FirstName).ThenBy(x => x.Id)
            .Select(x => new ReportTemplateModel.CandidateOption(x.Id, x.LastName + " " + x.FirstName + " — " + x.Cohort));

    private static IQueryable<Core.Submissions.Submission> LatestSubmissions(PortfolioDb db, int programmeId) =>
        db.Submissions.Where(s => db.Cohorts.Any(c => c.Id == s.CohortId && c.ProgrammeId == programmeId)
            && !db.Submissions.Any(o => o.RecordId == s.RecordId && o.Number > s.Number));

    public IActionResult OnGet(int id) => RedirectToPage("ReportTemplate", new { id });

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await coordination.Programmes.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var text = (Input.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Input.SubmissionId is not { } submissionId || !await LatestSubmissions(db, id).AnyAsync(s => s.Id == submissionId, cancellationToken))
        {
            return Problems([new TemplateProblem(0, 0, l["Choisissez un candidat qui a déposé son travail."])]);
        }
        var model = await ReportTemplates.CandidateAsync(db, frameworks, submissionId, "01", cancellationToken);
        var result = await ReportRenderer.RenderAsync(text, model!, cancellationToken: cancellationToken);
        return result.Succeeded ? Content(result.Html!, "text/html; charset=utf-8") : Problems(result.Problems);
    }

    private ContentResult Problems(IReadOnlyList<TemplateProblem> problems)
    {
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{Encode(l["Aperçu impossible"])}</title></head><body><h1>{Encode(l["Aperçu impossible"])}</h1><ul>");
        foreach (var p in problems)
        {
            html.Append("<li>").Append(Encode(ProblemText(l, p))).Append("</li>");
        }
        html.Append("</ul></body></html>");
        return Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public static string ProblemText(IStringLocalizer<SharedResource> l, TemplateProblem p) =>
        p.Line > 0 ? l["Ligne {0}, colonne {1} : {2}", p.Line, p.Column, p.Message] : p.Message;
}
