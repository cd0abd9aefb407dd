using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Results;

/// <summary>
/// The cohort's results as an XLSX workbook: one sheet of decisions (agreed levels, grade, mention, comments for the
/// candidate), one of agreement figures. Everything people typed is written as text and neutralised
/// (<see cref="SpreadsheetText"/>); individual jurors' levels are not in it, only what the jury agreed.
/// </summary>
public class ExportModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IActionResult> OnGetAsync(int cohortId)
    {
        var r = await CohortResults.LoadAsync(db, coordination.Cohorts, cohortId);
        if (r is null)
        {
            return NotFound();
        }
        var criteria = r.Grid.OrderedCriteria.ToList();
        using var workbook = new XLWorkbook();

        var decisions = workbook.Worksheets.Add(l["Décisions"].Value);
        var headers = new List<string> { l["Candidat"], l["Adresse e-mail"], l["Jury"], l["Évaluations remises"] };
        headers.AddRange(criteria.Select(c => c.Title));
        headers.AddRange([l["Note sur 20"], l["Mention"], l["Décision"], l["Commentaires pour le candidat"]]);
        for (var i = 0; i < headers.Count; i++)
        {
            Text(decisions.Cell(1, i + 1), headers[i]);
        }
        var row = 2;
        foreach (var c in r.Candidates)
        {
            var col = 1;
            Text(decisions.Cell(row, col++), c.Name);
            Text(decisions.Cell(row, col++), c.Email);
            Text(decisions.Cell(row, col++), c.Jury);
            Text(decisions.Cell(row, col++), l["{0} sur {1}", c.Seal.Submitted, c.Seal.Expected]);
            foreach (var criterion in criteria)
            {
                if (c.Agreed.TryGetValue(criterion.Id, out var level))
                {
                    decisions.Cell(row, col).SetValue(level);
                }
                col++;
            }
            if (c.Grade is { } grade)
            {
                decisions.Cell(row, col).SetValue(grade);
            }
            col++;
            Text(decisions.Cell(row, col++), ScoringTexts.Mention(l, c.Grade));
            Text(decisions.Cell(row, col++), c.Decision is null ? "" : ScoringTexts.Decision(l, c.Decision));
            Text(decisions.Cell(row, col++), c.Comments);
            row++;
        }
        decisions.Row(1).Style.Font.Bold = true;

        var agreement = workbook.Worksheets.Add(l["Accord"].Value);
        var a = 1;
        foreach (var (text, column) in new[] { (l["Jury"].Value, 1), (l["Critère ou membre"].Value, 2), (l["Écart moyen"].Value, 3), (l["Écart maximal"].Value, 4), (l["Sévérité"].Value, 5) })
        {
            Text(agreement.Cell(a, column), text);
        }
        agreement.Row(1).Style.Font.Bold = true;
        foreach (var j in r.Juries)
        {
            foreach (var criterion in criteria)
            {
                a++;
                Text(agreement.Cell(a, 1), j.Name);
                Text(agreement.Cell(a, 2), criterion.Title);
                if (j.Spread.TryGetValue(criterion.Id, out var s))
                {
                    agreement.Cell(a, 3).SetValue(s.MeanSpread);
                    agreement.Cell(a, 4).SetValue(s.MaxSpread);
                }
            }
            foreach (var juror in j.Jurors)
            {
                a++;
                Text(agreement.Cell(a, 1), j.Name);
                Text(agreement.Cell(a, 2), juror.Name);
                if (juror.Severity is { } severity)
                {
                    agreement.Cell(a, 5).SetValue(severity);
                }
            }
        }
        foreach (var sheet in workbook.Worksheets)
        {
            // Fixed widths: AdjustToContents needs libgdiplus and is slow (STACK-NOTES).
            sheet.Columns().Width = 22;
        }

        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return File(stream, ContentType, $"resultats-{r.CohortId}.xlsx");
    }

    /// <summary>Written as text (never parsed into a number, date or formula), quote-prefixed when it looks like a formula.</summary>
    private static void Text(IXLCell cell, string? text) => SpreadsheetText.Write(cell, text);
}
