using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.JuryPacks;

namespace Portfolio.Web.Pages.Coordinator.Programmes;

/// <summary>
/// A programme's candidate report template, for its coordinators (another programme: 404). Saving checks the template
/// against the synthetic candidates (<see cref="ReportRenderer.CheckAsync"/>) and adds a version; nothing is saved while a
/// problem remains, and each problem is shown with its line and column. <c>?version=N</c> puts an earlier version (0: the
/// shipped one) in the editor, to be saved again. A save made from a version that is no longer the latest is refused,
/// with the text kept in the form.
/// </summary>
public class ReportTemplateModel(PortfolioDb db, Coordination coordination, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TemplateInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string Programme { get; private set; } = "";
    public int CurrentNumber { get; private set; }
    public int? LoadedVersion { get; private set; }
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<CandidateOption> Candidates { get; private set; } = [];
    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];

    public sealed record VersionRow(int Number, DateTimeOffset SavedAt, string SavedBy, bool Shipped);

    public sealed record CandidateOption(int SubmissionId, string Label);

    public async Task<IActionResult> OnGetAsync(int id, int? version)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var (number, text) = await ReportTemplates.CurrentAsync(db, id);
        Input = new TemplateInput { BaseNumber = number, Text = text };
        if (version is { } v && v != number)
        {
            var earlier = v == 0 ? await ReportTemplates.ShippedTextAsync()
                : await db.ReportTemplates.Where(t => t.ProgrammeId == id && t.Number == v).Select(t => t.Text).SingleOrDefaultAsync();
            if (earlier is null)
            {
                return NotFound();
            }
            (Input.Text, LoadedVersion) = (earlier, v);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var text = (Input.Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        var (current, _) = await ReportTemplates.CurrentAsync(db, id, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Problems = await ReportRenderer.CheckAsync(text, cancellationToken);
        if (Problems.Count > 0)
        {
            ModelState.AddModelError(string.Empty, l["Le modèle n'est pas enregistré : corrigez les problèmes ci-dessous."]);
            return Page();
        }
        if (Input.BaseNumber != current)
        {
            return Stale(current);
        }
        var shipped = text == (await ReportTemplates.ShippedTextAsync(cancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal);
        db.ReportTemplates.Add(ReportTemplate.Next(id, current, text, User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow(), shipped));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another coordinator saved the same next version a moment earlier: the unique (programme, number) refused ours.
            db.ChangeTracker.Clear();
            return Stale((await ReportTemplates.CurrentAsync(db, id, cancellationToken)).Number);
        }
        TempData["Message"] = l["La version {0} du modèle de rapport est enregistrée.", current + 1].Value;
        return RedirectToPage(new { id });
    }

    private PageResult Stale(int current)
    {
        ModelState.Remove("Input.BaseNumber");
        Input.BaseNumber = current;
        ModelState.AddModelError(string.Empty, l["Quelqu'un a enregistré une autre version du modèle pendant que vous le modifiiez. Votre texte est conservé dans le formulaire : rechargez la page pour voir la dernière version, ou enregistrez à nouveau pour la remplacer par la vôtre."]);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var programme = await coordination.Programmes.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync();
        if (programme is null)
        {
            return false;
        }
        (Id, Programme) = (id, programme);
        Versions = await db.ReportTemplates.Where(t => t.ProgrammeId == id).OrderByDescending(t => t.Number)
            .Join(db.Users, t => t.SavedById, u => u.Id, (t, u) => new VersionRow(t.Number, t.SavedAt, u.FirstName + " " + u.LastName, t.Shipped))
            .ToListAsync();
        CurrentNumber = Versions.Count > 0 ? Versions[0].Number : 0;
        Candidates = await ReportPreviewModel.CandidatesOf(db, id).ToListAsync();
        return true;
    }

    public sealed class TemplateInput
    {
        public int BaseNumber { get; set; }

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [StringLength(ReportRenderer.MaxTemplateLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Modèle")]
        public string? Text { get; set; }

        /// <summary>The candidate the preview renders (the preview button posts this form to <see cref="ReportPreviewModel"/>).</summary>
        public int? SubmissionId { get; set; }
    }
}
