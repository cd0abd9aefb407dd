using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Scoring;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Programmes;

/// <summary>
/// A programme's scoring grid for its coordinators (another programme: 404): criteria with weights, the scale's labels,
/// the pass mark. Editable until a juror has scored a candidate of one of the programme's cohorts; then shown with the
/// reason it no longer changes. A form loaded before someone else's save is shown again, never applied blindly.
/// </summary>
public class GridModel(PortfolioDb db, Coordination coordination, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Empty rows offered under the existing criteria and levels, to add some.</summary>
    public const int BlankRows = 2;

    [BindProperty]
    public GridInput Input { get; set; } = new();

    public int Id { get; private set; }
    public string Programme { get; private set; } = "";
    public ScoringGrid Grid { get; private set; } = null!;
    public bool ScoresExist { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id, tracked: false))
        {
            return NotFound();
        }
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id, tracked: true))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var labels = Input.Levels.Select(x => x?.Trim() ?? "").ToList();
        while (labels.Count > 0 && labels[^1].Length == 0)
        {
            labels.RemoveAt(labels.Count - 1);
        }
        var criteria = Input.Criteria.Where(c => !string.IsNullOrWhiteSpace(c.Title))
            .Select(c => new CriterionDraft(c.Title!, c.Description, c.Weight ?? 0)).ToList();
        db.Entry(Grid).Property(g => g.RowVersion).OriginalValue = Input.RowVersion;
        try
        {
            Grid.Redefine(criteria, labels, Input.PassMark, ScoresExist);
        }
        catch (ScoringRuleException e)
        {
            ModelState.AddModelError(string.Empty, ScoringTexts.Problem(l, e.Problem));
            return Page();
        }
        // The grid row itself is always written, so that its row version guards the criteria and levels too.
        db.Entry(Grid).Property(g => g.PassMark).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.ScoringGrids.AsNoTracking().Where(g => g.ProgrammeId == id).Select(g => g.RowVersion).SingleAsync();
            ModelState.Remove("Input.RowVersion");
            Input.RowVersion = current;
            ModelState.AddModelError(string.Empty, l["Quelqu'un a modifié cette grille pendant que vous la modifiiez. Vos valeurs sont conservées dans le formulaire : rechargez la page pour voir la version enregistrée, ou enregistrez à nouveau pour appliquer les vôtres."]);
            return Page();
        }
        TempData["Message"] = l["La grille d'évaluation de « {0} » est enregistrée.", Programme].Value;
        return RedirectToPage(new { id });
    }

    private void Fill()
    {
        Input = new GridInput
        {
            RowVersion = Grid.RowVersion,
            PassMark = Grid.PassMark,
            Levels = [.. Grid.OrderedLevels.Select(x => (string?)x.Label), .. Enumerable.Repeat<string?>(null, Math.Min(BlankRows, ScoringGrid.MaxLevels - Grid.Levels.Count))],
            Criteria = [.. Grid.OrderedCriteria.Select(c => new CriterionInput { Title = c.Title, Description = c.Description, Weight = c.Weight }),
                .. Enumerable.Range(0, Math.Min(BlankRows, ScoringGrid.MaxCriteria - Grid.Criteria.Count)).Select(_ => new CriterionInput())],
        };
    }

    private async Task<bool> LoadAsync(int id, bool tracked)
    {
        var programme = await coordination.Programmes.Where(p => p.Id == id).Select(p => p.Title).SingleOrDefaultAsync();
        if (programme is null)
        {
            return false;
        }
        var query = db.ScoringGrids.Include(g => g.Criteria).Include(g => g.Levels).Where(g => g.ProgrammeId == id);
        var grid = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
        if (grid is null)
        {
            return false;
        }
        (Id, Programme, Grid) = (id, programme, grid);
        ScoresExist = await db.JurorScores.AnyAsync(s => db.JuryCandidates.Any(c => c.Id == s.JuryCandidateId && db.Cohorts.Any(co => co.Id == c.CohortId && co.ProgrammeId == id)));
        return true;
    }

    public sealed class GridInput
    {
        [Display(Name = "Seuil de réussite")]
        public int PassMark { get; set; }

        public List<string?> Levels { get; set; } = [];
        public List<CriterionInput> Criteria { get; set; } = [];
        public uint RowVersion { get; set; }
    }

    public sealed class CriterionInput
    {
        [StringLength(ScoringCriterion.TitleLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Intitulé du critère")]
        public string? Title { get; set; }

        [StringLength(ScoringCriterion.DescriptionLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Description du critère")]
        public string? Description { get; set; }

        [Range(1, ScoringGrid.MaxWeight, ErrorMessage = "Le champ {0} est compris entre {1} et {2}.")]
        [Display(Name = "Poids")]
        public int? Weight { get; set; }
    }
}
