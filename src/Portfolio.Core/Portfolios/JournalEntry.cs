using Portfolio.Core.Cohorts;
using Portfolio.Core.Text;
namespace Portfolio.Core.Portfolios;

/// <summary>
/// A dated reflection of the reflective journal, optionally tied to a pillar (module), a leadership seminar or an
/// objective. Private by default.
/// </summary>
public class JournalEntry
{
    private JournalEntry() { }

    public JournalEntry(string ownerId, int cohortId, DateTimeOffset now)
    {
        OwnerId = ownerId;
        CohortId = cohortId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public int CohortId { get; private set; }
    public DateOnly WrittenOn { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public int? PillarId { get; private set; }
    public int? LeadershipCompetencyId { get; private set; }
    public int? ObjectiveId { get; private set; }

    /// <summary>The session of the cohort's calendar it looks back on ("ce que je retiens du module 3"), if any.</summary>
    public int? SessionId { get; private set; }

    public Visibility Visibility { get; private set; }

    /// <summary>The peers of the owner's group it is shared with, when <see cref="Visibility"/> is named peers.</summary>
    public string[] SharedWithUserIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>The owner's transformation project this reflection is about, if any.</summary>
    public int? TransformationProjectId { get; private set; }

    /// <summary>Ties the reflection to its owner's project of the same cohort (or unties it with null); never to someone else's.</summary>
    public void TieTo(TransformationProject? project)
    {
        if (project is not null && (project.OwnerId != OwnerId || project.CohortId != CohortId))
        {
            throw new ArgumentException("A reflection is tied to its owner's project of its cohort only.", nameof(project));
        }
        TransformationProjectId = project?.Id;
    }

    public void Write(DateOnly writtenOn, string title, string body, int? pillarId, int? leadershipCompetencyId, int? objectiveId, Visibility visibility, DateTimeOffset now, string[]? sharedWithUserIds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        sharedWithUserIds ??= [];
        WrittenOn = writtenOn;
        Title = title.Trim();
        Body = WrittenText.AsTyped(body);
        PillarId = pillarId;
        LeadershipCompetencyId = leadershipCompetencyId;
        ObjectiveId = objectiveId;
        Visibility = visibility == Visibility.NamedPeers && sharedWithUserIds.Length == 0 ? Visibility.Private : visibility;
        SharedWithUserIds = Visibility == Visibility.NamedPeers ? [.. sharedWithUserIds.Distinct().Order(StringComparer.Ordinal)] : [];
        UpdatedAt = now;
    }

    /// <summary>Ties the reflection to a session of its own cohort, or unties it (null).</summary>
    public void TieTo(CohortSession? session, DateTimeOffset now)
    {
        if (session is not null && session.CohortId != CohortId)
        {
            throw new ArgumentException("A reflection is tied to a session of its own cohort.", nameof(session));
        }
        if (session?.Id != SessionId)
        {
            SessionId = session?.Id;
            UpdatedAt = now;
        }
    }
}
