using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;

namespace Portfolio.Core.Intervision;

/// <summary>
/// A participant asks peers of their group for feedback on evidence items, objectives and/or their transformation
/// project (advice on it), with a question and a due date. Asking shares exactly those items with exactly those peers
/// (<see cref="ItemAccess"/>) until the request is withdrawn.
/// </summary>
public class FeedbackRequest
{
    public const int QuestionLength = 4000;

    private FeedbackRequest() { }

    /// <param name="materialOffered">
    /// Whether the requester had anything to ask about (evidence, objectives of the framework, a project). A programme that
    /// offers none (the community of senior executives: groups and a journal) asks about a situation told in the question.
    /// </param>
    public FeedbackRequest(int cohortId, string requesterId, string question, DateOnly dueOn, int[] evidenceIds, int[] objectiveIds, IEnumerable<string> peerIds, DateTimeOffset now,
        int? projectId = null, bool materialOffered = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        CohortId = cohortId;
        RequesterId = requesterId;
        Question = question.Trim();
        DueOn = dueOn;
        EvidenceIds = [.. evidenceIds.Distinct().Order()];
        ObjectiveIds = [.. objectiveIds.Distinct().Order()];
        ProjectId = projectId;
        if (materialOffered && !HasMaterial)
        {
            throw new ArgumentException("Feedback is asked on at least one evidence item, objective or the project.", nameof(evidenceIds));
        }
        Recipients = [.. peerIds.Where(p => p != requesterId).Distinct(StringComparer.Ordinal).Select(p => new FeedbackRecipient(p))];
        if (Recipients.Count == 0)
        {
            throw new ArgumentException("Feedback is asked of at least one peer.", nameof(peerIds));
        }
        CreatedAt = now;
    }

    /// <summary>Whether the request is about evidence, objectives or the project, rather than a situation told in its question alone.</summary>
    public bool HasMaterial => EvidenceIds.Length > 0 || ObjectiveIds.Length > 0 || ProjectId is not null;

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public string RequesterId { get; private set; } = "";
    public string Question { get; private set; } = "";
    public DateOnly DueOn { get; private set; }

    /// <summary>The requester's evidence items the peers are asked to read; shared with them by this request.</summary>
    public int[] EvidenceIds { get; private set; } = [];

    public int[] ObjectiveIds { get; private set; } = [];

    /// <summary>The requester's transformation project, when they ask for advice on it; shared with the peers by this request.</summary>
    public int? ProjectId { get; private set; }

    public List<FeedbackRecipient> Recipients { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set when the requester withdraws the request: the peers lose access to its items at once.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public void Withdraw(DateTimeOffset now) => WithdrawnAt ??= now;
}

/// <summary>One peer asked by a request.</summary>
public class FeedbackRecipient
{
    private FeedbackRecipient() { }

    internal FeedbackRecipient(string peerId) => PeerId = peerId;

    public int RequestId { get; private set; }
    public string PeerId { get; private set; } = "";

    /// <summary>When the peer submitted their feedback; reminders and "what I owe" look for the unanswered.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    public void MarkAnswered(DateTimeOffset now) => AnsweredAt ??= now;
}

internal sealed class FeedbackRequestConfiguration : IEntityTypeConfiguration<FeedbackRequest>, IEntityTypeConfiguration<FeedbackRecipient>
{
    public void Configure(EntityTypeBuilder<FeedbackRequest> r)
    {
        r.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RequesterId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => new { x.RequesterId, x.CreatedAt });
        r.HasIndex(x => x.EvidenceIds).HasMethod("GIN");
        r.HasOne<Portfolios.TransformationProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        r.Property(x => x.Question).HasMaxLength(FeedbackRequest.QuestionLength);
        r.HasMany(x => x.Recipients).WithOne().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<FeedbackRecipient> p)
    {
        p.HasKey(x => new { x.RequestId, x.PeerId });
        // What a person owes is looked up by person.
        p.HasIndex(x => x.PeerId);
        p.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PeerId).OnDelete(DeleteBehavior.Cascade);
    }
}
