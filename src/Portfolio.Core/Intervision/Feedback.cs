using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;

namespace Portfolio.Core.Intervision;

/// <summary>One part of a feedback: its text and the objectives and axes of the framework it speaks about.</summary>
public sealed record FeedbackPart(string Text, int[] ObjectiveIds, int[] AxisIds)
{
    public static readonly FeedbackPart Empty = new("", [], []);
}

/// <summary>A level of the programme's scale the peer suggests for one objective concerned by the feedback.</summary>
public sealed record SuggestedLevel(int ObjectiveId, int Level);

/// <summary>What a peer writes: the three parts and the levels they suggest; a save replaces it whole.</summary>
public sealed record FeedbackContent(FeedbackPart Strengths, FeedbackPart Questions, FeedbackPart Suggestions, SuggestedLevel[] Levels);

/// <summary>
/// A peer's structured feedback on a request: what works (strengths), the questions it raises, suggestions; each part
/// optionally tied to objectives or axes of the cohort's framework, and a suggested level on the programme's scale for
/// objectives it concerns. It is a draft (kept while the peer writes) until submitted; then the requester reads it,
/// may reply once and rates it once on two small scales: how critical and how benevolent it was. A rating is given once
/// and not changed: the peer is told about it and it becomes part of "what kind of mirror I am", which a later change
/// would silently rewrite.
/// </summary>
public class Feedback
{
    public const int TextLength = 8000;
    public const int ReplyLength = 4000;
    public const int RatingCommentLength = 1000;
    public const int MinRating = 1;
    public const int MaxRating = 4;

    private Feedback() { }

    public Feedback(FeedbackRequest request, string peerId, DateTimeOffset now)
    {
        if (!request.Recipients.Any(r => r.PeerId == peerId))
        {
            throw new ArgumentException("Only a peer asked by the request gives feedback on it.", nameof(peerId));
        }
        RequestId = request.Id;
        PeerId = peerId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }
    public int RequestId { get; private set; }
    public string PeerId { get; private set; } = "";

    public string Strengths { get; private set; } = "";
    public int[] StrengthsObjectiveIds { get; private set; } = [];
    public int[] StrengthsAxisIds { get; private set; } = [];
    public string Questions { get; private set; } = "";
    public int[] QuestionsObjectiveIds { get; private set; } = [];
    public int[] QuestionsAxisIds { get; private set; } = [];
    public string Suggestions { get; private set; } = "";
    public int[] SuggestionsObjectiveIds { get; private set; } = [];
    public int[] SuggestionsAxisIds { get; private set; } = [];
    public List<SuggestedLevel> Levels { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Null while a draft: only the peer sees it. Once set, the content no longer changes.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? Reply { get; private set; }
    public DateTimeOffset? RepliedAt { get; private set; }

    public int? CriticalRating { get; private set; }
    public int? BenevolentRating { get; private set; }
    public string? RatingComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    public uint RowVersion { get; private set; }

    public bool IsSubmitted => SubmittedAt is not null;

    public FeedbackContent Content => new(
        new FeedbackPart(Strengths, StrengthsObjectiveIds, StrengthsAxisIds),
        new FeedbackPart(Questions, QuestionsObjectiveIds, QuestionsAxisIds),
        new FeedbackPart(Suggestions, SuggestionsObjectiveIds, SuggestionsAxisIds),
        [.. Levels]);

    /// <summary>The objectives the feedback is about: those of its parts and those the request asked about.</summary>
    public static int[] ObjectivesConcerned(FeedbackContent content, IEnumerable<int> requestObjectiveIds) =>
        [.. content.Strengths.ObjectiveIds.Concat(content.Questions.ObjectiveIds).Concat(content.Suggestions.ObjectiveIds).Concat(requestObjectiveIds).Distinct().Order()];

    /// <summary>
    /// Keeps what the peer wrote so far. Refuses tags of another framework, levels off the programme's scale or for an
    /// objective the feedback does not concern, and any change once submitted.
    /// </summary>
    public void Write(FeedbackContent content, FeedbackRequest request, FrameworkModel framework, DateTimeOffset now)
    {
        if (IsSubmitted)
        {
            throw new InvalidOperationException("A submitted feedback no longer changes.");
        }
        if (request.Id != RequestId)
        {
            throw new ArgumentException("The request of this feedback.", nameof(request));
        }
        var strengths = Clean(content.Strengths, framework);
        var questions = Clean(content.Questions, framework);
        var suggestions = Clean(content.Suggestions, framework);
        var concerned = ObjectivesConcerned(new FeedbackContent(strengths, questions, suggestions, []), request.ObjectiveIds).ToHashSet();
        var levels = content.Levels.GroupBy(l => l.ObjectiveId).Select(g => g.Last()).OrderBy(l => l.ObjectiveId).ToList();
        foreach (var level in levels)
        {
            if (!concerned.Contains(level.ObjectiveId))
            {
                throw new ArgumentException($"Objective {level.ObjectiveId} is not concerned by this feedback.", nameof(content));
            }
            if (!framework.LevelsByValue.ContainsKey(level.Level))
            {
                throw new ArgumentException($"Level {level.Level} is not on the programme's scale.", nameof(content));
            }
        }
        (Strengths, StrengthsObjectiveIds, StrengthsAxisIds) = (strengths.Text, strengths.ObjectiveIds, strengths.AxisIds);
        (Questions, QuestionsObjectiveIds, QuestionsAxisIds) = (questions.Text, questions.ObjectiveIds, questions.AxisIds);
        (Suggestions, SuggestionsObjectiveIds, SuggestionsAxisIds) = (suggestions.Text, suggestions.ObjectiveIds, suggestions.AxisIds);
        Levels = levels;
        UpdatedAt = now;
    }

    /// <summary>Sends the feedback to the requester: it must say something, and the peer's place in the request is marked answered.</summary>
    public void Submit(FeedbackRecipient recipient, DateTimeOffset now)
    {
        if (IsSubmitted)
        {
            throw new InvalidOperationException("This feedback was already submitted.");
        }
        if (recipient.RequestId != RequestId || recipient.PeerId != PeerId)
        {
            throw new ArgumentException("The peer's own place in the request.", nameof(recipient));
        }
        if (Strengths.Length == 0 && Questions.Length == 0 && Suggestions.Length == 0)
        {
            throw new InvalidOperationException("A feedback says something in at least one of its parts.");
        }
        SubmittedAt = now;
        UpdatedAt = now;
        recipient.MarkAnswered(now);
    }

    /// <summary>The requester's one reply to a submitted feedback.</summary>
    public void ReplyOnce(string text, DateTimeOffset now)
    {
        if (!IsSubmitted)
        {
            throw new InvalidOperationException("Only a submitted feedback is replied to.");
        }
        if (RepliedAt is not null)
        {
            throw new InvalidOperationException("The requester replies once.");
        }
        var reply = WrittenText.AsTyped(text);
        if (reply.Length == 0 || reply.Length > ReplyLength)
        {
            throw new ArgumentException($"A reply has 1 to {ReplyLength} characters.", nameof(text));
        }
        Reply = reply;
        RepliedAt = now;
    }

    /// <summary>The requester's rating: how critical and how benevolent the feedback was (1 to 4 each), given once.</summary>
    public void Rate(int critical, int benevolent, string? comment, DateTimeOffset now)
    {
        if (!IsSubmitted)
        {
            throw new InvalidOperationException("Only a submitted feedback is rated.");
        }
        if (RatedAt is not null)
        {
            throw new InvalidOperationException("A feedback is rated once.");
        }
        if (critical is < MinRating or > MaxRating || benevolent is < MinRating or > MaxRating)
        {
            throw new ArgumentOutOfRangeException(nameof(critical), $"Ratings go from {MinRating} to {MaxRating}.");
        }
        var text = WrittenText.AsTyped(comment ?? "");
        if (text.Length > RatingCommentLength)
        {
            throw new ArgumentException($"A rating comment has at most {RatingCommentLength} characters.", nameof(comment));
        }
        CriticalRating = critical;
        BenevolentRating = benevolent;
        RatingComment = text.Length == 0 ? null : text;
        RatedAt = now;
    }

    private static FeedbackPart Clean(FeedbackPart part, FrameworkModel framework)
    {
        var text = WrittenText.AsTyped(part.Text);
        if (text.Length > TextLength)
        {
            throw new ArgumentException($"A part of a feedback has at most {TextLength} characters.", nameof(part));
        }
        if (part.ObjectiveIds.Any(id => !framework.ObjectivesById.ContainsKey(id)) || part.AxisIds.Any(id => !framework.AxesById.ContainsKey(id)))
        {
            throw new ArgumentException("A feedback is tied to objectives and axes of the cohort's framework only.", nameof(part));
        }
        return new FeedbackPart(text, [.. part.ObjectiveIds.Distinct().Order()], [.. part.AxisIds.Distinct().Order()]);
    }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> f)
    {
        // One feedback per peer and request; it goes with the peer's place in the request.
        f.HasIndex(x => new { x.RequestId, x.PeerId }).IsUnique();
        f.HasOne<FeedbackRecipient>().WithOne().HasForeignKey<Feedback>(x => new { x.RequestId, x.PeerId }).OnDelete(DeleteBehavior.Cascade);
        f.HasOne<FeedbackRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        // "What kind of mirror I am" reads a person's rated feedback.
        f.HasIndex(x => new { x.PeerId, x.RatedAt });
        f.Property(x => x.Strengths).HasMaxLength(Feedback.TextLength);
        f.Property(x => x.Questions).HasMaxLength(Feedback.TextLength);
        f.Property(x => x.Suggestions).HasMaxLength(Feedback.TextLength);
        f.Property(x => x.Reply).HasMaxLength(Feedback.ReplyLength);
        f.Property(x => x.RatingComment).HasMaxLength(Feedback.RatingCommentLength);
        f.OwnsMany(x => x.Levels, l => l.ToJson());
        f.Property(x => x.RowVersion).IsRowVersion();
        f.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Feedback_CriticalRating", "\"CriticalRating\" BETWEEN 1 AND 4");
            t.HasCheckConstraint("CK_Feedback_BenevolentRating", "\"BenevolentRating\" BETWEEN 1 AND 4");
        });
    }
}
