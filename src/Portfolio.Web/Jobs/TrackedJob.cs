using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Jobs;
using Portfolio.Core.Storage;
using static Portfolio.Core.Text.FrenchText;

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
/// Hangfire runs a job at least once: after a worker dies (or stops) in the middle of a job, another worker runs it
/// again (see PortfolioHosting.HangfireStorage). So each attempt starts over from scratch, deletes the half-written
/// file of the attempt before it, and counts itself on the run; a run already succeeded is left alone. The run is
/// written by one attempt at a time (its attempt count is a concurrency token): an attempt taken over by another stops quietly.
/// </summary>
public abstract class TrackedJob(PortfolioDb db, FileStore files, TimeProvider clock, ILogger logger)
{
    /// <summary>How long a produced file can be downloaded; the daily clean-up deletes it afterwards.</summary>
    public static readonly TimeSpan ArtifactKeptFor = TimeSpan.FromDays(7);

    /// <summary>Writes the file into <paramref name="output"/> (never seekable), reporting progress through <paramref name="progress"/>.</summary>
    protected abstract Task<JobArtifact> ProduceAsync(JobRun run, Stream output, JobProgress progress, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the file is complete, before the run's success is saved and in the same save: a job whose file belongs
    /// to something else than its run (a jury pack) records it there. Returns a file the new one replaces, deleted after
    /// the save. By default the file stays the run's, downloadable by its owner until it expires.
    /// </summary>
    /// <param name="db">The context whose next save records the run's success: what this adds or changes is saved with it.</param>
    protected virtual Task<Guid?> KeepAsync(PortfolioDb db, JobRun run, StoredFile file, CancellationToken cancellationToken) => Task.FromResult<Guid?>(null);

    /// <summary>
    /// Runs the job for <paramref name="runId"/>. A failure is recorded on the run for its requester, who can ask again;
    /// it is not thrown back to Hangfire, whose retries (ten, over hours) would keep the page flipping between failed and
    /// running. Hangfire still runs the job again after a crash or a shutdown, and when the failure cannot even be
    /// recorded (database unreachable): each time from scratch.
    /// </summary>
    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await db.JobRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        Guid? interruptedFile;
        for (var tries = 1; ; tries++)
        {
            if (run is null || run.State == JobState.Succeeded)
            {
                // Gone (its owner was deleted) or already done by an earlier delivery of the same job.
                logger.LogInformation("Job run {RunId} skipped: {State}", runId, run?.State.ToString() ?? "missing");
                return;
            }
            interruptedFile = run.Start(clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (tries < 5)
            {
                // Another delivery started the run meanwhile (its attempt count moved). Hangfire handed this one the job: it
                // takes the run over, and the other stops at its next save.
                await db.Entry(run).ReloadAsync(cancellationToken);
            }
        }
        if (run.WasRestarted)
        {
            logger.LogWarning("Job run {RunId} ({Kind}) started again (attempt {Attempt}): the worker that ran it stopped", run.Id, run.Kind, run.Attempts);
        }
        if (interruptedFile is { } halfWritten)
        {
            // No longer the run's (Start forgot it), so deleting it leaves the run's row, and its xmin, alone.
            await files.DeleteAsync(halfWritten, cancellationToken);
        }

        var progress = new JobProgress(db, run);
        StoredFileWriter? writer = null;
        try
        {
            // The file and the run's reference to it appear together: a worker dying in between leaves no stray file. The
            // connection is opened first, so that the transaction leaves it open for the writer when it commits.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                writer = await files.CreateAsync(cancellationToken: cancellationToken);
                run.Writing(writer.Id);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            var artifact = await ProduceAsync(run, writer, progress, cancellationToken);
            var file = await writer.CompleteAsync(cancellationToken);
            run.Succeed(artifact.Name, artifact.ContentType, clock.GetUtcNow(), ArtifactKeptFor);
            var replaced = await KeepAsync(db, run, file, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (replaced is { } previous)
            {
                // No longer referenced since the save above: no page offers it any more.
                await files.DeleteAsync(previous, CancellationToken.None);
            }
            logger.LogInformation("Job run {RunId} ({Kind}) produced {Length} bytes in {Seconds:0.0} s (attempt {Attempt})", run.Id, run.Kind, file.Length,
                (run.FinishedAt - run.StartedAt)?.TotalSeconds, run.Attempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: Hangfire runs the job again on a worker, which deletes this half-written file and starts over.
            await progress.ReportAsync(run.Progress, L["Interrompu : la préparation reprendra automatiquement."], CancellationToken.None);
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            await TakenOverAsync(run, writer);
        }
        catch (ExportRefusedException e)
        {
            await FailAsync(run, writer, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job run {RunId} ({Kind}) failed", run.Id, run.Kind);
            await FailAsync(run, writer, L["Une erreur inattendue a empêché la préparation du fichier. Refaites la demande ; si l'échec se répète, prévenez la coordination."]);
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private async Task FailAsync(JobRun run, StoredFileWriter? writer, string error)
    {
        run.Fail(error, clock.GetUtcNow());
        try
        {
            // Saved before the file goes: the run no longer names it, so no page offers bytes being deleted.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The failure was this attempt's only: another one owns the run now (it may well have caused this failure by
            // deleting the file this attempt was writing).
            await TakenOverAsync(run, writer);
            return;
        }
        await DiscardAsync(writer);
    }

    /// <summary>
    /// This worker was presumed dead (stalled past the invisibility timeout) and another attempt took the run over: that
    /// attempt records the outcome; this one only removes its own file, if the other has not already.
    /// </summary>
    private async Task TakenOverAsync(JobRun run, StoredFileWriter? writer)
    {
        logger.LogWarning("Job run {RunId} ({Kind}): another worker took it over; this attempt stops", run.Id, run.Kind);
        await DiscardAsync(writer);
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
