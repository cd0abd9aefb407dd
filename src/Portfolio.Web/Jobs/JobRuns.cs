using Microsoft.EntityFrameworkCore;
using Hangfire;
using Portfolio.Core.Data;
using Portfolio.Core.Jobs;
using static Portfolio.Core.Text.FrenchText;

namespace Portfolio.Web.Jobs;

/// <summary>
/// Asks for a background job that someone follows on a page: records its <see cref="JobRun"/> (state, progress, file),
/// then hands the run id to Hangfire. Pages read the run from the database, so they survive a reload.
/// </summary>
public sealed class JobRuns(PortfolioDb db, IBackgroundJobClient hangfire, TimeProvider clock, ILogger<JobRuns> logger)
{
    public async Task<JobRun> EnqueueAsync<TJob>(string kind, string ownerId, int? subjectId = null, CancellationToken cancellationToken = default)
        where TJob : TrackedJob
    {
        var run = new JobRun(kind, ownerId, subjectId, clock.GetUtcNow());
        db.JobRuns.Add(run);
        // Saved before enqueueing: a worker may start at once and must find its run.
        await db.SaveChangesAsync(cancellationToken);
        var runId = run.Id;
        try
        {
            // Hangfire puts its own cancellation token (server shutdown) in place of CancellationToken.None.
            var jobId = hangfire.Enqueue<TJob>(job => job.RunAsync(runId, CancellationToken.None));
            // A worker may already have started the run: this column, the web node's alone, is written without the run's
            // concurrency token (its attempt count), which it leaves as it is.
            await db.JobRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HangfireJobId, jobId), CancellationToken.None);
            return run;
        }
        catch (BackgroundJobClientException e)
        {
            logger.LogError(e, "Could not enqueue job run {RunId} ({Kind})", runId, kind);
            run.Fail(L["La demande n'a pas pu être transmise au service de traitement. Réessayez dans un instant."], clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            return run;
        }
    }
}
