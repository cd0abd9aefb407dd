namespace Portfolio.Core.Jobs;

public enum JobState { Queued, Running, Succeeded, Failed }

/// <summary>
/// A background job someone asked for (a portfolio export, a jury pack), as its requester sees it: state,
/// progress, and the file it produced until that file expires. The page that shows it survives a reload because all
/// of this lives in the database; Hangfire only runs the work.
/// </summary>
public class JobRun
{
    private JobRun() { }

    public JobRun(string kind, string ownerId, int? subjectId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        OwnerId = ownerId;
        SubjectId = subjectId;
        RequestedAt = now;
        State = JobState.Queued;
    }

    public Guid Id { get; private set; }

    /// <summary>What the job does, for instance <c>portfolio-export</c>.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The person who asked for it; only they may see it and download its file.</summary>
    public string OwnerId { get; private set; } = "";

    /// <summary>What the job is about when not the owner themselves (a cohort, a candidate...).</summary>
    public int? SubjectId { get; private set; }

    public JobState State { get; private set; }
    public int Progress { get; private set; }
    public string? Step { get; private set; }
    public string? Error { get; private set; }
    public string? HangfireJobId { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When a worker first started it; a restart keeps it, so that FinishedAt - StartedAt is what the requester waited.</summary>
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>
    /// How many times a worker started it: more than one when a worker died (or stopped) in the middle of it. Also the
    /// run's concurrency token: one attempt at a time writes the run, and an attempt whose worker was presumed dead but
    /// was only stalled finds, at its next save, that a later attempt took the run over, and stops.
    /// </summary>
    public int Attempts { get; private set; }

    /// <summary>When it was last started again after the worker running it stopped, or null if it never was.</summary>
    public DateTimeOffset? RestartedAt { get; private set; }

    /// <summary>
    /// The run's file: being written while the run is Running (so that a restart finds the half-written file of the attempt
    /// that died and deletes it), complete and downloadable once it Succeeded, until it expires.
    /// </summary>
    public Guid? ArtifactFileId { get; private set; }
    public string? ArtifactName { get; private set; }
    public string? ArtifactContentType { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsFinished => State is JobState.Succeeded or JobState.Failed;

    public bool WasRestarted => Attempts > 1;

    public bool IsDownloadable(DateTimeOffset now) => State == JobState.Succeeded && ArtifactFileId is not null && ExpiresAt > now;

    /// <summary>
    /// Starts, or starts again after its worker died or stopped: jobs run at least once, so a restart begins from scratch.
    /// Returns the half-written file of the interrupted attempt, which the caller deletes.
    /// </summary>
    public Guid? Start(DateTimeOffset now)
    {
        var interruptedFile = State == JobState.Running ? ArtifactFileId : null;
        Attempts++;
        if (Attempts > 1)
        {
            RestartedAt = now;
        }
        State = JobState.Running;
        StartedAt ??= now;
        Progress = 0;
        Error = null;
        ArtifactFileId = null;
        return interruptedFile;
    }

    /// <summary>The file this attempt writes; recorded before the first byte, so that a restart can find it.</summary>
    public void Writing(Guid fileId) => ArtifactFileId = fileId;

    public void Report(int progress, string step)
    {
        Progress = Math.Clamp(progress, 0, 100);
        Step = step;
    }

    /// <summary>The file recorded by <see cref="Writing"/> is complete.</summary>
    public void Succeed(string artifactName, string contentType, DateTimeOffset now, TimeSpan keptFor)
    {
        State = JobState.Succeeded;
        Progress = 100;
        ArtifactName = artifactName;
        ArtifactContentType = contentType;
        FinishedAt = now;
        ExpiresAt = now + keptFor;
    }

    /// <summary>The file is kept elsewhere from now on (a jury pack owns it): the run no longer offers it, and the clean-up leaves it alone.</summary>
    public void HandOver()
    {
        ArtifactFileId = null;
        ExpiresAt = null;
    }

    /// <summary>The caller deletes the file that was being written.</summary>
    public void Fail(string error, DateTimeOffset now)
    {
        State = JobState.Failed;
        Error = error;
        FinishedAt = now;
        ArtifactFileId = null;
    }

    /// <summary>Forgets the file once expired; the caller deletes the stored bytes.</summary>
    public Guid? Expire()
    {
        var file = ArtifactFileId;
        ArtifactFileId = null;
        return file;
    }
}
