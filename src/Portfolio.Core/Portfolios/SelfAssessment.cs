using Portfolio.Core.Cohorts;
using Portfolio.Core.Text;

namespace Portfolio.Core.Portfolios;

public enum OutcomeState { NotYet = 0, InProgress = 1, Acquired = 2 }

/// <summary>
/// A participant's self-assessment of one objective (or one leadership competency) in one campaign: a level on the
/// framework's scale, a justification in Markdown, the state of each learning outcome and the evidence that supports it.
/// </summary>
public class SelfAssessment
{
    private SelfAssessment() { }

    private SelfAssessment(int campaignId, string participantId, int? objectiveId, int? leadershipCompetencyId)
    {
        CampaignId = campaignId;
        ParticipantId = participantId;
        ObjectiveId = objectiveId;
        LeadershipCompetencyId = leadershipCompetencyId;
    }

    public static SelfAssessment ForObjective(int campaignId, string participantId, int objectiveId) => new(campaignId, participantId, objectiveId, null);

    public static SelfAssessment ForLeadership(int campaignId, string participantId, int leadershipCompetencyId) => new(campaignId, participantId, null, leadershipCompetencyId);

    public int Id { get; private set; }
    public int CampaignId { get; private set; }
    public Campaign Campaign { get; private set; } = null!;
    public string ParticipantId { get; private set; } = "";
    public int? ObjectiveId { get; private set; }
    public int? LeadershipCompetencyId { get; private set; }
    public int? Level { get; private set; }
    public string Justification { get; private set; } = "";
    public List<OutcomeAssessment> Outcomes { get; private set; } = [];
    public int[] EvidenceIds { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>A self-assessment counts as done once it has a level.</summary>
    public bool IsComplete => Level is not null;

    /// <param name="scale">the values of the framework's scale</param>
    /// <param name="outcomeStates">the state of learning outcomes of this objective; others are ignored by the caller</param>
    public void Record(Campaign campaign, DateOnly today, IReadOnlyCollection<int> scale, int? level, string? justification,
        IReadOnlyDictionary<int, OutcomeState> outcomeStates, IEnumerable<int> evidenceIds, DateTimeOffset now)
    {
        if (campaign.Id != CampaignId)
        {
            throw new ArgumentException("The campaign is not this self-assessment's.", nameof(campaign));
        }
        if (!campaign.IsOpenOn(today))
        {
            throw new CampaignClosedException(campaign.Name);
        }
        if (level is { } value && !scale.Contains(value))
        {
            throw new ArgumentOutOfRangeException(nameof(level), value, "Not a level of the framework's scale.");
        }
        Level = level;
        Justification = WrittenText.AsTyped(justification);
        foreach (var (outcomeId, state) in outcomeStates)
        {
            var existing = Outcomes.SingleOrDefault(o => o.LearningOutcomeId == outcomeId);
            if (existing is null)
            {
                Outcomes.Add(new OutcomeAssessment(outcomeId, state));
            }
            else
            {
                existing.State = state;
            }
        }
        EvidenceIds = evidenceIds.Distinct().Order().ToArray();
        UpdatedAt = now;
    }
}

public class OutcomeAssessment(int learningOutcomeId, OutcomeState state)
{
    public int SelfAssessmentId { get; private set; }
    public int LearningOutcomeId { get; private set; } = learningOutcomeId;
    public OutcomeState State { get; internal set; } = state;
}

/// <summary>A closed campaign is read-only history.</summary>
public sealed class CampaignClosedException(string campaign) : InvalidOperationException($"The campaign '{campaign}' is not open.")
{
    public string Campaign { get; } = campaign;
}
