using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;

namespace Portfolio.Web.Pages.Shared;

/// <summary>
/// The heat-map of a cohort synthesis as a page shows it (<c>_CohortSynthesis.cshtml</c>): the objectives of the chosen
/// pillar, the levels of the chosen campaign (else the latest), the rows in the chosen order. Filters and sorting come
/// from the query string; a value that names nothing of this cohort (an unknown pillar or campaign, a huge number) is
/// ignored rather than refused. The coordinator's page and the jury's page differ only in where a row links to.
/// </summary>
public sealed class SynthesisView
{
    public const string ByName = "name";
    public const string ByEvidence = "evidence";
    public const string ByFeedback = "feedback";

    public required CohortSynthesis Synthesis { get; init; }
    public required IReadOnlyList<ObjectiveNode> Objectives { get; init; }
    public required IReadOnlyList<CohortSynthesis.Candidate> Rows { get; init; }
    public int? PillarId { get; init; }
    public int? CampaignId { get; init; }

    /// <summary>"name", "evidence", "feedback" or "o" followed by an objective id.</summary>
    public required string Sort { get; init; }
    public bool Descending { get; init; }

    /// <summary>Where a candidate's row links to (their submitted snapshot), or null where there is none the viewer may read.</summary>
    public required Func<CohortSynthesis.Candidate, string?> SnapshotLink { get; init; }

    /// <summary>The page's own address with other query values (for the sort links and the filter form).</summary>
    public required Func<object, string?> PageUrl { get; init; }

    public static SynthesisView Of(CohortSynthesis s, int? pillar, int? campaign, string? sort, bool descending,
        Func<CohortSynthesis.Candidate, string?> snapshotLink, Func<object, string?> pageUrl)
    {
        var pillarId = pillar is { } p && s.Framework.PillarsById.ContainsKey(p) ? p : (int?)null;
        var campaignId = campaign is { } c && s.Campaigns.Any(x => x.Id == c) ? c : (int?)null;
        var objectives = pillarId is { } pid ? s.Framework.PillarsById[pid].Objectives : s.Framework.Objectives;
        var order = sort ?? ByName;
        int? objectiveId = order.StartsWith('o') && int.TryParse(order.AsSpan(1), out var o) && s.Framework.ObjectivesById.ContainsKey(o) ? o : null;
        if (order is not (ByEvidence or ByFeedback) && objectiveId is null)
        {
            order = ByName;
        }
        // Always name order first, so that equal values keep a stable order.
        IEnumerable<CohortSynthesis.Candidate> rows = s.Candidates;
        rows = order switch
        {
            ByEvidence => Ordered(rows, x => s.EvidenceCount(x.ParticipantId), descending),
            ByFeedback => Ordered(rows, x => s.FeedbackReceived(x.ParticipantId), descending),
            ByName => descending ? rows.Reverse() : rows,
            // Candidates without a level come last either way.
            _ => descending
                ? rows.OrderByDescending(x => s.Level(x.ParticipantId, objectiveId!.Value, campaignId) ?? int.MinValue)
                : rows.OrderBy(x => s.Level(x.ParticipantId, objectiveId!.Value, campaignId) ?? int.MaxValue),
        };
        return new SynthesisView
        {
            Synthesis = s, Objectives = objectives, Rows = rows.ToList(), PillarId = pillarId, CampaignId = campaignId,
            Sort = order, Descending = descending, SnapshotLink = snapshotLink, PageUrl = pageUrl,
        };
    }

    private static IEnumerable<CohortSynthesis.Candidate> Ordered(IEnumerable<CohortSynthesis.Candidate> rows, Func<CohortSynthesis.Candidate, int> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    public int? Level(CohortSynthesis.Candidate c, ObjectiveNode o) => Synthesis.Level(c.ParticipantId, o.Id, CampaignId);

    /// <summary>The address that sorts by <paramref name="key"/>, ascending unless it is already the ascending order.</summary>
    public string? SortUrl(string key) => PageUrl(new { pillar = PillarId, campaign = CampaignId, sort = key, desc = Sort == key && !Descending });

    /// <summary>"ascending", "descending" or "none", for the column's aria-sort.</summary>
    public string AriaSort(string key) => Sort != key ? "none" : Descending ? "descending" : "ascending";
}
