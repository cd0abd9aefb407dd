using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Jobs;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Core.Text;
using Portfolio.Web.Jobs;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// "Export my portfolio": the participant asks for a ZIP copy, prepared in the background; the page follows its progress
/// (all of it in the database, so a reload or another device shows the same) and offers the file for seven days.
/// </summary>
public class ExportModel(PortfolioDb db, UserManager<AppUser> users, MyCohorts myCohorts, JobRuns jobs, FileStore files, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The latest requests are enough to follow; older ones have long expired.</summary>
    public const int ShownRuns = 10;

    /// <summary>A request still waiting after this long is stuck (no worker running, say) and no longer holds back a new one.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromHours(1);

    public ParticipantCohort? Cohort { get; private set; }
    public int CohortCount { get; private set; }

    /// <summary>The cohort the person works in, or all of theirs; only asked when they have several.</summary>
    [BindProperty]
    public ExportScope Scope { get; set; } = ExportScope.ThisCohort;
    public IReadOnlyList<RunView> Runs { get; private set; } = [];
    public int KeptForDays => (int)TrackedJob.ArtifactKeptFor.TotalDays;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Cohort is null)
        {
            return Page();
        }
        if (Runs.Any(r => r.IsActive && r.RequestedAt > clock.GetUtcNow() - StuckAfter))
        {
            // One copy at a time: a second click would only build the same archive twice.
            TempData["Message"] = l["Une copie de votre portfolio est déjà en préparation : suivez-la ci-dessous."].Value;
            return RedirectToPage();
        }
        await jobs.EnqueueAsync<PortfolioExportJob>(PortfolioExportJob.Kind, users.GetUserId(User)!, Scope == ExportScope.Everything ? null : Cohort.CohortId);
        TempData["Message"] = l["Votre demande est enregistrée. La copie se prépare : vous pouvez quitter cette page et revenir plus tard."].Value;
        return RedirectToPage();
    }

    /// <summary>The state of one of the participant's runs, for the page's script that follows it without reloading.</summary>
    public async Task<IActionResult> OnGetStatusAsync(Guid id)
    {
        var run = await OwnRuns().SingleOrDefaultAsync(r => r.Id == id);
        if (run is null)
        {
            return NotFound();
        }
        var view = View(run);
        return new JsonResult(new
        {
            active = view.IsActive,
            state = view.StateLabel,
            progress = view.Progress,
            progressText = view.ProgressText,
            step = view.StepText,
            error = view.ErrorText,
            restart = view.RestartText,
            expires = view.ExpiresText,
            downloadUrl = view.Downloadable ? Url.Page("/Participant/Export", "Download", new { id }) : null,
            downloadText = view.Downloadable ? view.DownloadText : null,
            announcement = view.State switch
            {
                JobState.Succeeded => l["Votre copie est prête : le lien de téléchargement est disponible."].Value,
                JobState.Failed => l["La préparation de votre copie a échoué."].Value,
                _ => null,
            },
        });
    }

    /// <summary>Only the owner's run, succeeded and not expired; anything else is 404, whoever asks.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id)
    {
        var run = await OwnRuns().SingleOrDefaultAsync(r => r.Id == id);
        if (run is null || !run.IsDownloadable(clock.GetUtcNow()))
        {
            return NotFound();
        }
        Stream content;
        try
        {
            content = await files.OpenReadAsync(run.ArtifactFileId!.Value, HttpContext.RequestAborted);
        }
        catch (FileNotFoundException)
        {
            return NotFound();
        }
        // Known in advance: the browser shows how much is left, although the bytes come one chunk at a time.
        Response.ContentLength = content.Length;
        Response.MarkPrivate();
        return File(content, PortfolioExport.ContentType, run.ArtifactName ?? "portfolio.zip");
    }

    private IQueryable<JobRun> OwnRuns()
    {
        var userId = users.GetUserId(User);
        return db.JobRuns.AsNoTracking().Where(r => r.OwnerId == userId && r.Kind == PortfolioExportJob.Kind);
    }

    private async Task LoadAsync()
    {
        var userId = users.GetUserId(User)!;
        var cohorts = await myCohorts.GetAsync();
        Cohort = cohorts.Current;
        CohortCount = cohorts.All.Count;
        var runs = await OwnRuns().OrderByDescending(r => r.RequestedAt).Take(ShownRuns).ToListAsync();
        Runs = runs.Select(View).ToList();
    }

    private RunView View(JobRun run)
    {
        var now = clock.GetUtcNow();
        var downloadable = run.IsDownloadable(now);
        var state = run.State switch
        {
            JobState.Queued => l["En attente"],
            JobState.Running => l["En préparation"],
            JobState.Succeeded when downloadable => l["Prête"],
            JobState.Succeeded => l["Expirée"],
            _ => l["Échec"],
        };
        var progress = run.State == JobState.Succeeded ? 100 : run.Progress;
        return new RunView(
            run.Id,
            run.State,
            run.RequestedAt,
            Dates.Moment(run.RequestedAt),
            state,
            progress,
            l["{0} %", progress],
            run.IsFinished || run.Step is null ? null : l[run.Step].Value,
            run.State == JobState.Failed && run.Error is not null ? l[run.Error].Value : null,
            downloadable && run.ExpiresAt is { } expires ? Dates.Moment(expires) : null,
            downloadable,
            l["Télécharger {0}", run.ArtifactName ?? "portfolio.zip"],
            run.RestartedAt is { } restarted
                ? l["Reprise automatiquement le {0}, après l'arrêt du processus qui la préparait (tentative n° {1}).", Dates.Moment(restarted), run.Attempts].Value
                : null);
    }

    public enum ExportScope { ThisCohort, Everything }

    public sealed record RunView(Guid Id, JobState State, DateTimeOffset RequestedAt, string RequestedText, string StateLabel, int Progress, string ProgressText,
        string? StepText, string? ErrorText, string? ExpiresText, bool Downloadable, string DownloadText, string? RestartText)
    {
        public bool IsActive => State is JobState.Queued or JobState.Running;
    }
}
