using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Web.Notifications;

namespace Portfolio.Web.Jobs;

/// <summary>
/// Daily: deletes the files of job runs past their expiry (the run stays, as history, without its file) and stored files
/// left incomplete for more than a day by an upload or a job that crashed.
/// </summary>
public sealed class ArtifactCleanup(PortfolioDb db, FileStore files, TimeProvider clock, ILogger<ArtifactCleanup> logger)
{
    public const string RecurringJobId = "artifact-cleanup";

    /// <summary>Longer than any upload or export takes, so that nothing still being written is deleted.</summary>
    public static readonly TimeSpan IncompleteFilesKeptFor = TimeSpan.FromDays(1);

    public Task RunAsync(CancellationToken cancellationToken) => CleanAsync(clock.GetUtcNow(), cancellationToken);

    public async Task<(int Expired, int Incomplete)> CleanAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var expired = await db.JobRuns.Where(r => r.ArtifactFileId != null && r.ExpiresAt <= now).ToListAsync(cancellationToken);
        var fileIds = expired.Select(r => r.Expire()).OfType<Guid>().ToList();
        // The runs forget their files first, so that no page offers a download whose bytes are being deleted.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var fileId in fileIds)
        {
            await files.DeleteAsync(fileId, cancellationToken);
        }

        var cutoff = now - IncompleteFilesKeptFor;
        var incomplete = await db.StoredFiles
            .Where(f => f.Length < 0 && f.CreatedAt < cutoff && !db.Attachments.Any(a => a.StoredFileId == f.Id))
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Clean-up: expired files deleted: {Expired}; incomplete files deleted: {Incomplete}", fileIds.Count, incomplete);
        return (fileIds.Count, incomplete);
    }
}

/// <summary>Registers the recurring jobs when this node runs the worker; AddOrUpdate makes a restart change nothing.</summary>
public sealed class RecurringJobs(IRecurringJobManager recurring, ILogger<RecurringJobs> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<ArtifactCleanup>(ArtifactCleanup.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(2));
            recurring.AddNotificationJobs();
        }
        catch (Exception e)
        {
            // The schedule is kept in the Hangfire storage: one failed start (database down) leaves the previous one in place.
            logger.LogError(e, "Could not register the recurring jobs");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
