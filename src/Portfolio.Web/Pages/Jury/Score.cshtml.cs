using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Scoring;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// A juror scores one of their open candidates (<see cref="JuryAccess.CandidatesOpenTo"/>; anyone else: 404) alone: a
/// level and a comment per criterion of the programme's grid, kept as a draft, then submitted for good. The page shows
/// only the juror's own score and how many of the scorers have submitted (<see cref="Sealing"/>), never anyone else's.
/// </summary>
public class ScoreModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ScoreInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int JuryId { get; private set; }
    public string Candidate { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public ScoringGrid Grid { get; private set; } = null!;
    public SealState Seal { get; private set; } = new(0, 0);
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>The juror's submitted marks, shown instead of the form once submitted.</summary>
    public IReadOnlyDictionary<int, JurorMark> Submitted { get; private set; } = new Dictionary<int, JurorMark>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var mine = await MineAsync(id, tracked: false);
        Show(mine);
        Input = new ScoreInput
        {
            RowVersion = mine?.RowVersion ?? 0,
            Marks = Grid.OrderedCriteria.Select(c => mine?.Marks.FirstOrDefault(m => m.CriterionId == c.Id) is { } m
                ? new MarkInput { CriterionId = c.Id, Level = m.Level, Comment = m.Comment }
                : new MarkInput { CriterionId = c.Id }).ToList(),
        };
        return Page();
    }

    /// <summary>Keeps the draft ("Enregistrer le brouillon").</summary>
    public Task<IActionResult> OnPostAsync(int id) => SaveAsync(id, submit: false);

    /// <summary>Submits the score: final.</summary>
    public Task<IActionResult> OnPostSubmitAsync(int id) => SaveAsync(id, submit: true);

    private async Task<IActionResult> SaveAsync(int id, bool submit)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var score = await MineAsync(id, tracked: true);
        if (!ModelState.IsValid)
        {
            Show(score);
            return Page();
        }
        var now = clock.GetUtcNow();
        if (score is null)
        {
            if (Input.RowVersion != 0)
            {
                return await ConflictAsync(id);
            }
            score = new JurorScore(id, me, now);
            db.JurorScores.Add(score);
        }
        else
        {
            // The version the form was loaded with: a save from another tab since then is not overwritten.
            db.Entry(score).Property(s => s.RowVersion).OriginalValue = Input.RowVersion;
        }
        try
        {
            score.Record(Grid, Input.Marks.Select(m => new MarkDraft(m.CriterionId, m.Level, m.Comment)).ToList(), now);
            if (submit)
            {
                score.Submit(Grid, now);
            }
        }
        catch (ScoringRuleException e)
        {
            ModelState.AddModelError(string.Empty, ScoringTexts.Problem(l, e.Problem));
            db.ChangeTracker.Clear();
            Show(await MineAsync(id, tracked: false));
            return Page();
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A stale version, or a first draft saved meanwhile from another tab (the unique (candidate, juror) index).
            return await ConflictAsync(id);
        }
        TempData["Message"] = submit
            ? l["Votre évaluation de {0} est remise. Elle reste scellée jusqu'à ce que tous les membres du jury aient remis la leur.", Candidate].Value
            : l["Votre brouillon est enregistré. Personne d'autre ne le voit."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ConflictAsync(int id)
    {
        db.ChangeTracker.Clear();
        var current = await MineAsync(id, tracked: false);
        Show(current);
        ModelState.Remove("Input.RowVersion");
        Input.RowVersion = current?.RowVersion ?? 0;
        ModelState.AddModelError(string.Empty, l["Cette évaluation a été enregistrée ailleurs (autre onglet ou autre appareil) depuis que vous l'avez ouverte. Vos choix sont conservés dans le formulaire : enregistrez à nouveau pour les appliquer."]);
        return Page();
    }

    private void Show(JurorScore? score)
    {
        SavedAt = score?.UpdatedAt;
        SubmittedAt = score?.SubmittedAt;
        if (score?.IsSubmitted == true)
        {
            Submitted = score.Marks.ToDictionary(m => m.CriterionId);
        }
    }

    private async Task<bool> LoadAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var found = await JuryAccess.CandidatesOpenTo(db, me).Where(c => c.Id == id)
            .Select(c => new { c.CohortId, c.JuryId, Jury = c.Jury.Name, Candidate = db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First() })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return false;
        }
        var grid = await ScoringGrids.OfCohort(db, found.CohortId).AsNoTracking().SingleOrDefaultAsync();
        if (grid is null)
        {
            return false;
        }
        (Id, JuryId, JuryName, Candidate, Grid) = (id, found.JuryId, found.Jury, found.Candidate, grid);
        Seal = await Sealing.StateAsync(db, id);
        return true;
    }

    private Task<JurorScore?> MineAsync(int id, bool tracked)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var query = db.JurorScores.Include(s => s.Marks).Where(s => s.JuryCandidateId == id && s.JurorId == me);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync();
    }

    public sealed class ScoreInput
    {
        public List<MarkInput> Marks { get; set; } = [];
        public uint RowVersion { get; set; }
    }

    public sealed class MarkInput
    {
        public int CriterionId { get; set; }

        [Display(Name = "Niveau")]
        public int? Level { get; set; }

        [StringLength(JurorMark.CommentLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Commentaire")]
        public string? Comment { get; set; }
    }
}
