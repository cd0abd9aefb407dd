using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Jobs;
using Portfolio.Core.Storage;
using static Portfolio.Web.Jobs.FrenchText;

namespace Portfolio.Web.Jobs;

/// <summary>The file a tracked job produced: the name offered for download and its content type.</summary>
public sealed record JobArtifact(string Name, string ContentType);

/// <summary>Saves each change of progress at once, so that the requester's page shows it (and still does after a reload).</summary>
public sealed class JobProgress(PortfolioDb db, JobRun run)
{
    public async Task ReportAsync(int progress, string step, CancellationToken cancellationToken)
    {
        if (run.Progress == Math.Clamp(progress, 0, 100) && run.Step == step)
        {
            return;
        }
        run.Report(progress, step);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Base of the background jobs a person asks for and follows (portfolio export, later jury packs): they take the run
/// id, produce one file streamed into <see cref="FileStore"/>, and keep their <see cref="JobRun"/> up to date.
/// Hangfire runs a job at least once, so a run starts over from scratch each time: a half-written file is deleted, and
/// a run already succeeded is left alone.
/// </summary>
public abstract class TrackedJob(PortfolioDb db, FileStore files, TimeProvider clock, ILogger logger)
{
    /// <summary>How long a produced file can be downloaded; the daily clean-up deletes it afterwards.</summary>
    public static readonly TimeSpan ArtifactKeptFor = TimeSpan.FromDays(7);

    /// <summary>Writes the file into <paramref name="output"/> (never seekable), reporting progress through <paramref name="progress"/>.</summary>
    protected abstract Task<JobArtifact> ProduceAsync(JobRun run, Stream output, JobProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the job for <paramref name="runId"/>. A failure is recorded on the run for its requester, who can ask again;
    /// it is not thrown back to Hangfire, whose retries (ten, over hours) would keep the page flipping between failed and
    /// running. Hangfire still runs the job again after a crash or a shutdown, and when the failure cannot even be
    /// recorded (database unreachable): each time from scratch.
    /// </summary>
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.State == JobState.Succeeded)
        {
            // Gone (its owner was deleted) or already done by an earlier delivery of the same job.
            logger.LogInformation("Job run {RunId} skipped: {State}", runId, run?.State.ToString() ?? "missing");
            return;
        }
        run.Start(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var progress = new JobProgress(db, run);
        StoredFileWriter? writer = null;
        try
        {
            writer = await files.CreateAsync(cancellationToken: cancellationToken);
            var artifact = await ProduceAsync(run, writer, progress, cancellationToken);
            var file = await writer.CompleteAsync(cancellationToken);
            run.Succeed(file.Id, artifact.Name, artifact.ContentType, clock.GetUtcNow(), ArtifactKeptFor);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Job run {RunId} ({Kind}) produced {Length} bytes in {Seconds:0.0} s", run.Id, run.Kind, file.Length,
                (run.FinishedAt - run.StartedAt)?.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: Hangfire runs the job again on a worker, which starts over.
            await DiscardAsync(writer);
            await progress.ReportAsync(run.Progress, L["Interrompu : la préparation reprendra automatiquement."], CancellationToken.None);
            throw;
        }
        catch (ExportRefusedException e)
        {
            await DiscardAsync(writer);
            run.Fail(e.Message, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job run {RunId} ({Kind}) failed", run.Id, run.Kind);
            run.Fail(L["Une erreur inattendue a empêché la préparation du fichier. Refaites la demande ; si l'échec se répète, prévenez la coordination."],
                clock.GetUtcNow());
            // Saved before the file goes: should the failure come after Succeed, the run's reference to it is nulled by the database.
            await db.SaveChangesAsync(CancellationToken.None);
            await DiscardAsync(writer);
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    /// <summary>Deletes a half-written file; the daily clean-up catches any that a crash left behind.</summary>
    private async Task DiscardAsync(StoredFileWriter? writer)
    {
        if (writer is null)
        {
            return;
        }
        try
        {
            await files.DeleteAsync(writer.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete the unfinished file {FileId}", writer.Id);
        }
    }
}
