using System.Text.Json;
using NpgsqlTypes;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;

namespace Portfolio.Core.Portfolios;

public enum EvidenceKind { ProfessionalSituation, Production, Seminar, FieldVisit, CaseStudy, Reading, FeedbackReceived, Other }

/// <summary>Who may read an item besides its owner (decided by <see cref="Intervision.ItemAccess"/>). The default is private.</summary>
public enum Visibility { Private, Group, NamedPeers }

/// <summary>What a participant writes about one piece of evidence; an edit replaces it whole.</summary>
public sealed record EvidenceContent(
    string Title,
    DateOnly OccurredOn,
    EvidenceKind Kind,
    string Description,
    string Reflection,
    Visibility Visibility,
    int[] ObjectiveIds,
    int[] OutcomeIds,
    int[] AxisIds,
    int[] LeadershipCompetencyIds,
    string[] SharedWithUserIds,
    EvidenceLink[] Links);

/// <summary>Where an evidence item made from intervision material came from.</summary>
public enum EvidenceOriginKind { FeedbackReceived, CodevTakeaway, CodevActionPlan }

/// <summary>
/// The intervision material an evidence item was made from: its kind, the id of the source row (a feedback, a
/// co-development take-away or action plan) and a description written when it was made ("Retour de Ben Martin sur
/// « ... », 12 mars 2026"), so the origin stays readable even if the source is later deleted.
/// </summary>
public sealed record EvidenceOrigin(EvidenceOriginKind Kind, int SourceId, string Description)
{
    public const int DescriptionLength = 300;
}

/// <summary>A link to something outside the portfolio (a report online, an article...).</summary>
public sealed record EvidenceLink(string Url, string Label);

/// <summary>
/// A piece of evidence (preuve, trace) of the participant's development: what happened, what was learnt, what will be
/// done differently; tagged to objectives (when its framework has some, see <see cref="RequiresObjective"/>) and
/// optionally to learning outcomes, axes and leadership competencies; tied, if the participant wishes, to a session of
/// the calendar and to their transformation project. Every edit keeps the previous version in <see cref="Revisions"/>.
/// </summary>
public class Evidence
{
    private Evidence() { }

    /// <param name="framework">The framework of the item's cohort: it decides whether the item must be tagged to an objective.</param>
    public Evidence(string ownerId, int cohortId, FrameworkModel framework, EvidenceContent content, DateTimeOffset now, EvidenceOrigin? origin = null)
    {
        OwnerId = ownerId;
        CohortId = cohortId;
        CreatedAt = now;
        if (origin is not null)
        {
            OriginKind = origin.Kind;
            OriginId = origin.SourceId;
            OriginDescription = StorableText.Shorten(origin.Description.Trim(), EvidenceOrigin.DescriptionLength);
        }
        Apply(content, framework, now);
    }

    /// <summary>
    /// Whether an item of this framework must be tagged to at least one objective: it must when the framework has
    /// objectives (the certificate's portfolio is read objective by objective). A framework without any (CHESP, ENA)
    /// cannot ask for one: there an item is a trace of the programme, tied to the project or a session, or standing alone.
    /// </summary>
    public static bool RequiresObjective(FrameworkModel framework) => framework.HasObjectives;

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public int CohortId { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public EvidenceKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public string Reflection { get; private set; } = "";
    public Visibility Visibility { get; private set; }
    public int[] ObjectiveIds { get; private set; } = [];
    public int[] OutcomeIds { get; private set; } = [];
    public int[] AxisIds { get; private set; } = [];
    public int[] LeadershipCompetencyIds { get; private set; } = [];
    public string[] SharedWithUserIds { get; private set; } = [];
    public List<EvidenceLink> Links { get; private set; } = [];
    public List<Attachment> Attachments { get; private set; } = [];
    public List<EvidenceRevision> Revisions { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>
    /// Chosen by the participant for the jury: submitting copies the items so marked (with their attachments) into the
    /// snapshot. Private items can be marked: submitting, not sharing, is what makes them readable by the jury.
    /// </summary>
    public bool MarkedForAssessment { get; private set; }

    /// <summary>The owner's transformation project this item documents, if any.</summary>
    public int? TransformationProjectId { get; private set; }

    /// <summary>Ties the item to its owner's project of the same cohort (or unties it with null); never to someone else's.</summary>
    public void TieTo(TransformationProject? project)
    {
        if (project is not null && (project.OwnerId != OwnerId || project.CohortId != CohortId))
        {
            throw new ArgumentException("An evidence item is tied to its owner's project of its cohort only.", nameof(project));
        }
        TransformationProjectId = project?.Id;
    }

    /// <summary>Marks or unmarks the item for assessment; not an edit of its content, so no revision is kept.</summary>
    public void MarkForAssessment(bool marked) => MarkedForAssessment = marked;

    /// <summary>Set once, when the item was made from intervision material; the database keeps one item per source.</summary>
    public EvidenceOriginKind? OriginKind { get; private set; }
    public int? OriginId { get; private set; }
    public string? OriginDescription { get; private set; }

    public EvidenceOrigin? Origin => OriginKind is { } kind ? new EvidenceOrigin(kind, OriginId ?? 0, OriginDescription ?? "") : null;

    /// <summary>Maintained by PostgreSQL from the title, description and reflection (French configuration).</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    public EvidenceContent Content => new(Title, OccurredOn, Kind, Description, Reflection, Visibility,
        ObjectiveIds, OutcomeIds, AxisIds, LeadershipCompetencyIds, SharedWithUserIds, [.. Links]);

    /// <summary>Replaces the content, keeping the previous one as a revision when something changed.</summary>
    public void Edit(EvidenceContent content, FrameworkModel framework, DateTimeOffset now)
    {
        var previous = Content;
        if (JsonSerializer.Serialize(previous) == JsonSerializer.Serialize(Normalise(content)))
        {
            return;
        }
        Revisions.Add(new EvidenceRevision(previous, UpdatedAt));
        Apply(content, framework, now);
    }

    /// <summary>The session of the cohort's calendar the item comes from, if any.</summary>
    public int? SessionId { get; private set; }

    /// <summary>Ties the item to a session of its own cohort, or unties it (null); not part of the content's revisions.</summary>
    public void TieTo(CohortSession? session, DateTimeOffset now)
    {
        if (session is not null && session.CohortId != CohortId)
        {
            throw new ArgumentException("An evidence item is tied to a session of its own cohort.", nameof(session));
        }
        if (session?.Id != SessionId)
        {
            SessionId = session?.Id;
            UpdatedAt = now;
        }
    }

    public Attachment Attach(string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset now)
    {
        var attachment = new Attachment(fileName, contentType, length, storedFileId, now);
        Attachments.Add(attachment);
        UpdatedAt = now;
        return attachment;
    }

    private void Apply(EvidenceContent content, FrameworkModel framework, DateTimeOffset now)
    {
        content = Normalise(content);
        if (content.Title.Length == 0)
        {
            throw new ArgumentException("Evidence has a title.", nameof(content));
        }
        if (RequiresObjective(framework) && !content.ObjectiveIds.Any(framework.ObjectivesById.ContainsKey))
        {
            throw new ArgumentException("Evidence of a framework with objectives is tagged to at least one of them.", nameof(content));
        }
        Title = content.Title;
        OccurredOn = content.OccurredOn;
        Kind = content.Kind;
        Description = content.Description;
        Reflection = content.Reflection;
        Visibility = content.Visibility;
        ObjectiveIds = content.ObjectiveIds;
        OutcomeIds = content.OutcomeIds;
        AxisIds = content.AxisIds;
        LeadershipCompetencyIds = content.LeadershipCompetencyIds;
        SharedWithUserIds = content.Visibility == Visibility.NamedPeers ? content.SharedWithUserIds : [];
        Links = [.. content.Links];
        UpdatedAt = now;
    }

    private static EvidenceContent Normalise(EvidenceContent c) => c with
    {
        Title = c.Title.Trim(),
        Description = WrittenText.AsTyped(c.Description),
        Reflection = WrittenText.AsTyped(c.Reflection),
        ObjectiveIds = [.. c.ObjectiveIds.Distinct().Order()],
        OutcomeIds = [.. c.OutcomeIds.Distinct().Order()],
        AxisIds = [.. c.AxisIds.Distinct().Order()],
        LeadershipCompetencyIds = [.. c.LeadershipCompetencyIds.Distinct().Order()],
        SharedWithUserIds = [.. c.SharedWithUserIds.Distinct().Order(StringComparer.Ordinal)],
        Links = [.. c.Links.Where(l => !string.IsNullOrWhiteSpace(l.Url)).Select(l => new EvidenceLink(l.Url.Trim(), l.Label.Trim()))],
    };
}

/// <summary>A previous version of an evidence item, recorded when an edit replaced it.</summary>
public class EvidenceRevision
{
    private EvidenceRevision() { }

    internal EvidenceRevision(EvidenceContent content, DateTimeOffset savedAt)
    {
        Snapshot = JsonSerializer.Serialize(content);
        SavedAt = savedAt;
    }

    public int Id { get; private set; }
    public int EvidenceId { get; private set; }

    /// <summary>When this version had been saved (it stood until the next revision or the current content).</summary>
    public DateTimeOffset SavedAt { get; private set; }

    /// <summary>The content as JSON (jsonb).</summary>
    public string Snapshot { get; private set; } = "";

    public EvidenceContent Content => JsonSerializer.Deserialize<EvidenceContent>(Snapshot)!;
}

/// <summary>A file attached to an evidence item; the bytes live in PostgreSQL (<see cref="Storage.StoredFile"/>).</summary>
public class Attachment
{
    private Attachment() { }

    internal Attachment(string fileName, string contentType, long length, Guid storedFileId, DateTimeOffset uploadedAt)
    {
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        StoredFileId = storedFileId;
        UploadedAt = uploadedAt;
    }

    public int Id { get; private set; }
    public int EvidenceId { get; private set; }
    public Evidence Evidence { get; private set; } = null!;

    /// <summary>The name the participant gave the file, cleaned; downloads use it, never a path.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Chosen by the server from the checked file type, never taken from the upload.</summary>
    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }
    public Guid StoredFileId { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
}
