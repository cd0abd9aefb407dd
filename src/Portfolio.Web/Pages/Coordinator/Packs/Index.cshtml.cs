using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Jobs;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Text;
using Portfolio.Web.Jobs;
using Portfolio.Web.Pages.Participant.Evidence;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Packs;

/// <summary>
/// The jury packs of a cohort: one for the whole cohort and one per jury, each with its current ZIP (what it was built
/// from, a download) and its latest build, which the page follows while it runs (all of it in the database: a reload or
/// another coordinator of the cohort sees the same). Building is one click; a scope builds one pack at a time.
/// </summary>
public class IndexModel(PortfolioDb db, Coordination coordination, UserManager<AppUser> users, JobRuns jobs, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : PageModel
{
    /// <summary>A build still waiting after this long is stuck (no worker running, say) and no longer holds back a new one.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromHours(1);

    public int CohortId { get; private set; }
    public string CohortName { get; private set; } = "";
    public IReadOnlyList<ScopeView> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cohortId) => await LoadAsync(cohortId) ? Page() : NotFound();

    /// <summary>Starts a build of the cohort's pack (no jury) or of one of its juries' packs.</summary>
    public async Task<IActionResult> OnPostAsync(int cohortId, int? juryId)
    {
        if (!await LoadAsync(cohortId))
        {
            return NotFound();
        }
        var scope = Scopes.SingleOrDefault(s => s.JuryId == juryId);
        if (scope is null)
        {
            return NotFound();
        }
        if (scope.Run is { IsActive: true } running && running.RequestedAt > clock.GetUtcNow() - StuckAfter)
        {
            TempData["Message"] = l["Ce dossier est déjà en préparation : suivez-le ci-dessous."].Value;
            return RedirectToPage(new { cohortId });
        }
        await jobs.EnqueueAsync<JuryPackJob>(juryId is null ? JuryPackJob.CohortKind : JuryPackJob.JuryKind, users.GetUserId(User)!, juryId ?? cohortId);
        TempData["Message"] = l["La préparation du dossier a commencé. Vous pouvez quitter cette page et revenir plus tard."].Value;
        return RedirectToPage(new { cohortId });
    }

    /// <summary>The state of one build of this cohort's packs, for the page's script that follows it without reloading.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int cohortId, Guid id)
    {
        if (!await LoadAsync(cohortId) || Scopes.SingleOrDefault(s => s.Run?.Id == id) is not { Run: { } run } scope)
        {
            return NotFound();
        }
        return new JsonResult(new
        {
            active = run.IsActive,
            state = run.StateLabel,
            progress = run.Progress,
            progressText = run.ProgressText,
            step = run.StepText,
            error = run.ErrorText,
            restart = run.RestartText,
            downloadUrl = run.State == JobState.Succeeded && scope.Pack is { } pack ? Url.Page("/Coordinator/Packs/Download", new { id = pack.Id }) : null,
            downloadText = scope.Pack is { } p ? l["Télécharger {0}", p.FileName].Value : null,
            announcement = run.State switch
            {
                JobState.Succeeded => l["Le dossier est prêt : le lien de téléchargement est disponible."].Value,
                JobState.Failed => l["La préparation du dossier a échoué."].Value,
                _ => null,
            },
        });
    }

    /// <summary>The cohort (if the coordinator manages it), its juries, their packs and latest builds: five commands whatever the numbers.</summary>
    private async Task<bool> LoadAsync(int cohortId)
    {
        var name = await coordination.Cohorts.Where(c => c.Id == cohortId).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return false;
        }
        (CohortId, CohortName) = (cohortId, name);
        var juries = await db.Juries.Where(j => j.CohortId == cohortId).OrderBy(j => j.Name)
            .Select(j => new { j.Id, j.Name, Candidates = j.Candidates.Count }).ToListAsync();
        var participants = await db.Enrolments.CountAsync(e => e.CohortId == cohortId && e.WithdrawnAt == null);
        var packs = await db.JuryPacks.AsNoTracking().Where(p => p.CohortId == cohortId).ToListAsync();
        var juryIds = juries.Select(j => j.Id).ToList();
        // The latest build of each scope: the cohort's own, then each jury's.
        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => r.Kind == JuryPackJob.CohortKind && r.SubjectId == cohortId || r.Kind == JuryPackJob.JuryKind && juryIds.Contains(r.SubjectId!.Value))
            .GroupBy(r => new { r.Kind, r.SubjectId })
            .Select(g => g.OrderByDescending(r => r.RequestedAt).First())
            .ToListAsync();
        RunView? RunOf(string kind, int subject) => runs.SingleOrDefault(r => r.Kind == kind && r.SubjectId == subject) is { } run ? View(run) : null;
        PackView? PackOf(int? juryId) => packs.SingleOrDefault(p => p.JuryId == juryId) is { } pack ? View(pack) : null;
        Scopes =
        [
            new ScopeView(null, l["Toute la promotion"], participants, PackOf(null), RunOf(JuryPackJob.CohortKind, cohortId)),
            .. juries.Select(j => new ScopeView(j.Id, l["Jury « {0} »", j.Name], j.Candidates, PackOf(j.Id), RunOf(JuryPackJob.JuryKind, j.Id))),
        ];
        return true;
    }

    private PackView View(JuryPack pack) => new(
        pack.Id,
        pack.FileName,
        Dates.Moment(pack.BuiltAt),
        pack.TemplateNumber == 0 ? l["le modèle fourni avec l'application"] : l["la version {0} du modèle", pack.TemplateNumber],
        $"{l.Plural(pack.Candidates, "{0} candidat", "{0} candidats")}, {l.Plural(pack.Reports, "{0} rapport", "{0} rapports", "aucun rapport")}",
        pack.FirstSubmittedAt is { } first && pack.LastSubmittedAt is { } last
            ? l["dépôts du {0} au {1}", Dates.Moment(first), Dates.Moment(last)]
            : l["aucun dépôt"],
        EvidenceText.Size(l, pack.Length));

    private RunView View(JobRun run)
    {
        var progress = run.State == JobState.Succeeded ? 100 : run.Progress;
        return new RunView(
            run.Id,
            run.State,
            run.RequestedAt,
            Dates.Moment(run.RequestedAt),
            run.State switch
            {
                JobState.Queued => l["En attente"],
                JobState.Running => l["En préparation"],
                JobState.Succeeded => l["Terminée"],
                _ => l["Échec"],
            },
            progress,
            l["{0} %", progress],
            run.IsFinished || run.Step is null ? null : l[run.Step].Value,
            run.State == JobState.Failed && run.Error is not null ? l[run.Error].Value : null,
            run.RestartedAt is { } restarted
                ? l["Reprise automatiquement le {0}, après l'arrêt du processus qui la préparait (tentative n° {1}).", Dates.Moment(restarted), run.Attempts].Value
                : null);
    }

    /// <summary>The cohort's pack (<see cref="JuryId"/> null) or a jury's.</summary>
    public sealed record ScopeView(int? JuryId, string Name, int Candidates, PackView? Pack, RunView? Run)
    {
        public string Key => JuryId is { } id ? $"jury-{id}" : "promotion";
    }

    public sealed record PackView(int Id, string FileName, string BuiltText, string TemplateText, string CountsText, string SnapshotsText, string SizeText);

    public sealed record RunView(Guid Id, JobState State, DateTimeOffset RequestedAt, string RequestedText, string StateLabel, int Progress, string ProgressText,
        string? StepText, string? ErrorText, string? RestartText)
    {
        public bool IsActive => State is JobState.Queued or JobState.Running;
    }
}
