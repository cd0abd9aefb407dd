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
/// The chair records the jury's deliberation about one candidate: the agreed level and rationale per criterion, the
/// decision, the comments for the candidate; the grade follows from the agreed levels. Only the chair of the candidate's
/// jury, open to the candidate, finds the page (404 for anyone else). While scores are sealed it shows only how many
/// scorers have submitted; afterwards every juror's levels and comments beside the form. Every change is audited and
/// the audit is shown below.
/// </summary>
public class DeliberationModel(PortfolioDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public DeliberationInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int JuryId { get; private set; }
    public int CohortId { get; private set; }
    public string Candidate { get; private set; } = "";
    public string JuryName { get; private set; } = "";
    public ScoringGrid Grid { get; private set; } = null!;
    public SealState Seal { get; private set; } = new(0, 0);
    public bool Released { get; private set; }
    public decimal? Grade { get; private set; }
    public IReadOnlyDictionary<string, string> Jurors { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<OpenMark> Marks { get; private set; } = [];
    public Calibration.Item? SpreadOf(int criterionId) => Calibration.Items(Marks, Grid.PassMark, _ => 0, _ => 0).FirstOrDefault(i => i.CriterionId == criterionId);
    public IReadOnlyList<ChangeView> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var deliberation = await db.Deliberations.AsNoTracking().Include(d => d.Marks).SingleOrDefaultAsync(d => d.JuryCandidateId == id);
        Fill(deliberation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var jury = await db.Juries.AsNoTracking().SingleAsync(j => j.Id == JuryId);
        var deliberation = await db.Deliberations.Include(d => d.Marks).SingleOrDefaultAsync(d => d.JuryCandidateId == id);
        var now = clock.GetUtcNow();
        if (deliberation is null)
        {
            if (Input.RowVersion != 0)
            {
                return await ConflictAsync(id);
            }
            deliberation = new Deliberation(id, now);
            db.Deliberations.Add(deliberation);
        }
        else
        {
            db.Entry(deliberation).Property(d => d.RowVersion).OriginalValue = Input.RowVersion;
        }
        try
        {
            deliberation.Record(me, jury, Seal, Released, Grid,
                Input.Marks.Select(m => new AgreedDraft(m.CriterionId, m.Level, m.Rationale)).ToList(), Input.Decision, Input.Comments, now);
        }
        catch (ScoringRuleException e)
        {
            ModelState.AddModelError(string.Empty, ScoringTexts.Problem(l, e.Problem));
            return Page();
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return await ConflictAsync(id);
        }
        TempData["Message"] = l["La délibération pour {0} est enregistrée.", Candidate].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ConflictAsync(int id)
    {
        db.ChangeTracker.Clear();
        var current = await db.Deliberations.AsNoTracking().SingleOrDefaultAsync(d => d.JuryCandidateId == id);
        ModelState.Remove("Input.RowVersion");
        Input.RowVersion = current?.RowVersion ?? 0;
        Grade = current?.Grade;
        ModelState.AddModelError(string.Empty, l["La délibération a été modifiée ailleurs depuis que vous l'avez ouverte (voir l'historique ci-dessous). Vos choix sont conservés dans le formulaire : enregistrez à nouveau pour les appliquer."]);
        return Page();
    }

    private void Fill(Deliberation? deliberation)
    {
        Grade = deliberation?.Grade;
        Input = new DeliberationInput
        {
            RowVersion = deliberation?.RowVersion ?? 0,
            Decision = deliberation?.Decision,
            Comments = deliberation?.CommentsForCandidate,
            Marks = Grid.OrderedCriteria.Select(c => deliberation?.Marks.FirstOrDefault(m => m.CriterionId == c.Id) is { } m
                ? new AgreedInput { CriterionId = c.Id, Level = m.Level, Rationale = m.Rationale }
                : new AgreedInput { CriterionId = c.Id, Level = SuggestedLevel(c.Id) }).ToList(),
        };
    }

    /// <summary>Where jurors all gave the same level, the form starts from it; elsewhere the chair chooses.</summary>
    private int? SuggestedLevel(int criterionId) =>
        SpreadOf(criterionId) is { Spread: 0 } item ? item.Min : null;

    private async Task<bool> LoadAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var found = await JuryAccess.CandidatesOpenTo(db, me).Where(c => c.Id == id && c.Jury.ChairId == me)
            .Select(c => new
            {
                c.CohortId,
                c.JuryId,
                Jury = c.Jury.Name,
                Candidate = db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                Released = db.ResultsReleases.Any(r => r.CohortId == c.CohortId),
            })
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
        (Id, JuryId, CohortId, JuryName, Candidate, Released, Grid) = (id, found.JuryId, found.CohortId, found.Jury, found.Candidate, found.Released, grid);
        Seal = await Sealing.StateAsync(db, id);
        Jurors = await db.JuryMembers.Where(m => m.JuryId == found.JuryId).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, Name = u.FirstName + " " + u.LastName })
            .ToDictionaryAsync(x => x.Id, x => x.Name);
        // Sealing.OpenMarks returns nothing while any scorer has not submitted: the chair reads no more than the others.
        Marks = await Sealing.OpenMarks(db).Where(m => m.JuryCandidateId == id).ToListAsync();
        Changes = await db.DeliberationChanges.Where(c => db.Deliberations.Any(d => d.Id == c.DeliberationId && d.JuryCandidateId == id))
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new ChangeView(c.At, db.Users.Where(u => u.Id == c.ById).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(), c.Field, c.CriterionId, c.Before, c.After))
            .ToListAsync();
        return true;
    }

    public sealed record ChangeView(DateTimeOffset At, string? By, DeliberationField Field, int? CriterionId, string? Before, string? After);

    public sealed class DeliberationInput
    {
        public List<AgreedInput> Marks { get; set; } = [];

        [Display(Name = "Décision")]
        public Decision? Decision { get; set; }

        [StringLength(Core.Scoring.Deliberation.CommentsLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Commentaires pour le candidat")]
        public string? Comments { get; set; }

        public uint RowVersion { get; set; }
    }

    public sealed class AgreedInput
    {
        public int CriterionId { get; set; }

        [Display(Name = "Niveau retenu")]
        public int? Level { get; set; }

        [StringLength(AgreedMark.RationaleLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
        [Display(Name = "Justification")]
        public string? Rationale { get; set; }
    }
}
