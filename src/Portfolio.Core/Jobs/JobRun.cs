namespace Portfolio.Core.Jobs;

public enum JobState { Queued, Running, Succeeded, Failed }

/// <summary>
/// A background job someone asked for (a portfolio export, later a jury pack), as its requester sees it: state,
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
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public Guid? ArtifactFileId { get; private set; }
    public string? ArtifactName { get; private set; }
    public string? ArtifactContentType { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsFinished => State is JobState.Succeeded or JobState.Failed;

    public bool IsDownloadable(DateTimeOffset now) => State == JobState.Succeeded && ArtifactFileId is not null && ExpiresAt > now;

    public void Enqueued(string hangfireJobId) => HangfireJobId = hangfireJobId;

    /// <summary>Starts, or starts again after a crash: jobs run at least once, so a retry begins from scratch.</summary>
    public void Start(DateTimeOffset now)
    {
        State = JobState.Running;
        StartedAt = now;
        Progress = 0;
        Error = null;
    }

    public void Report(int progress, string step)
    {
        Progress = Math.Clamp(progress, 0, 100);
        Step = step;
    }

    public void Succeed(Guid artifactFileId, string artifactName, string contentType, DateTimeOffset now, TimeSpan keptFor)
    {
        State = JobState.Succeeded;
        Progress = 100;
        ArtifactFileId = artifactFileId;
        ArtifactName = artifactName;
        ArtifactContentType = contentType;
        FinishedAt = now;
        ExpiresAt = now + keptFor;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        State = JobState.Failed;
        Error = error;
        FinishedAt = now;
    }

    /// <summary>Forgets the file once expired; the caller deletes the stored bytes.</summary>
    public Guid? Expire()
    {
        var file = ArtifactFileId;
        ArtifactFileId = null;
        return file;
    }
}
