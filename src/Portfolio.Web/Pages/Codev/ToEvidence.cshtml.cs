using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Codev;

/// <summary>
/// Turns the signed-in member's own take-away, or a case owner's own action plan, into a private evidence item of their
/// portfolio, tagged to the objectives they choose (where the framework has some), its origin kept (one item per source). Another member's words are
/// never found here (404).
/// </summary>
public class ToEvidenceModel(PortfolioDb db, FrameworkModels frameworks, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<int> ObjectiveIds { get; set; } = [];

    public Source Material { get; private set; } = null!;
    public FrameworkModel Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, int sourceId)
    {
        if (await LoadAsync(kind, sourceId) is not { } source)
        {
            return NotFound();
        }
        if (await ExistingAsync(source) is { } existing)
        {
            return RedirectToPage("/Participant/Evidence/Details", new { id = existing });
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int sourceId)
    {
        if (await LoadAsync(kind, sourceId) is not { } source)
        {
            return NotFound();
        }
        if (await ExistingAsync(source) is { } existing)
        {
            return RedirectToPage("/Participant/Evidence/Details", new { id = existing });
        }
        var objectives = ObjectiveIds.Where(Framework.ObjectivesById.ContainsKey).Distinct().ToArray();
        if (objectives.Length == 0 && Portfolio.Core.Portfolios.Evidence.RequiresObjective(Framework))
        {
            ModelState.AddModelError(nameof(ObjectiveIds), l["Cochez au moins un objectif de votre référentiel."]);
            return Page();
        }
        var day = Dates.Day(source.StartsAt);
        var title = StorableText.Shorten(source.Kind == EvidenceOriginKind.CodevTakeaway
            ? l["Codéveloppement du {0} : ce que je retiens", day].Value
            : l["Codéveloppement du {0} : mon plan d'action", day].Value, 300);
        var origin = new EvidenceOrigin(source.Kind, source.Id, l["Séance de codéveloppement du groupe {0}, {1}", source.GroupName, day].Value);
        var content = new EvidenceContent(title, Dates.InBrussels(source.StartsAt), EvidenceKind.ProfessionalSituation, source.Text, "", Visibility.Private,
            objectives, [], [], [], [], []);
        var evidence = new Portfolio.Core.Portfolios.Evidence(User.Me(), source.CohortId, Framework, content, clock.GetUtcNow(), origin);
        db.Evidence.Add(evidence);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second click in another tab made it first: one item per source, show that one.
            db.ChangeTracker.Clear();
            if (await ExistingAsync(source) is not { } made)
            {
                throw;
            }
            return RedirectToPage("/Participant/Evidence/Details", new { id = made });
        }
        TempData["Message"] = l["Preuve créée dans votre portfolio."].Value;
        return RedirectToPage("/Participant/Evidence/Details", new { id = evidence.Id });
    }

    private async Task<Source?> LoadAsync(string kind, int sourceId)
    {
        var me = User.Me();
        var sessions = CodevAccess.SessionsOf(db, me);
        Source? source = kind switch
        {
            "takeaway" => await db.CodevTakeaways.Where(t => t.Id == sourceId && t.MemberId == me && sessions.Any(s => s.Id == t.SessionId))
                .Select(t => new Source(EvidenceOriginKind.CodevTakeaway, t.Id, t.Session.Id, t.Text, t.Session.StartsAt, t.Session.Group.Name, t.Session.Group.CohortId))
                .SingleOrDefaultAsync(),
            "plan" => (await db.CodevPlans.AsNoTracking().Where(p => p.Id == sourceId && p.OwnerId == me && sessions.Any(s => s.Id == p.SessionId))
                .Select(p => new { Plan = p, p.Session.StartsAt, p.Session.Group.Name, p.Session.Group.CohortId }).ToListAsync())
                .Select(x => new Source(EvidenceOriginKind.CodevActionPlan, x.Plan.Id, x.Plan.SessionId, PlanText(x.Plan), x.StartsAt, x.Name, x.CohortId))
                .SingleOrDefault(),
            _ => null,
        };
        if (source is not null)
        {
            var framework = await db.Cohorts.Where(c => c.Id == source.CohortId).Select(c => new { c.FrameworkId, c.Framework.Revision, c.Programme.Components }).SingleAsync();
            if (!framework.Components.HasFlag(ProgrammeComponents.Evidence))
            {
                // The programme keeps no evidence items (its session page offers no such link): nothing to make here.
                return null;
            }
            Framework = await frameworks.GetAsync(db, framework.FrameworkId, framework.Revision);
            Material = source;
        }
        return source;
    }

    private Task<int?> ExistingAsync(Source source) =>
        db.Evidence.Where(e => e.OwnerId == User.Me() && e.OriginKind == source.Kind && e.OriginId == source.Id).Select(e => (int?)e.Id).SingleOrDefaultAsync();

    /// <summary>The plan as Markdown: the synthesis, then the dated actions as a list.</summary>
    private string PlanText(CodevPlan plan) =>
        string.Join("\n", new[] { plan.Synthesis, "" }.Concat(plan.Items.Select(i => $"- {i.Text} ({l["pour le {0}", Dates.Day(i.DueOn)]})"))).Trim();

    public sealed record Source(EvidenceOriginKind Kind, int Id, int SessionId, string Text, DateTimeOffset StartsAt, string GroupName, int CohortId);
}
