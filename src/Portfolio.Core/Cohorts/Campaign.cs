namespace Portfolio.Core.Cohorts;

public enum CampaignState { Upcoming, Open, Closed }

/// <summary>
/// A self-assessment moment of a cohort ("Positionnement initial", "Mi-parcours", "Bilan final"). Open between its
/// opening and closing days, inclusive; once closed it is read-only history.
/// </summary>
public class Campaign
{
    private Campaign() { }

    public Campaign(Cohort cohort, string name, int position, DateOnly opensOn, DateOnly closesOn)
    {
        // A campaign is a moment of self-assessment: a programme that has none (and no scale) cannot hold one. The check
        // needs the cohort's framework loaded, which the coordinators' page does; callers that leave it unloaded are trusted.
        if (cohort.Framework is { HasSelfAssessment: false })
        {
            throw new InvalidOperationException("This cohort's framework has no self-assessment: it cannot hold a campaign.");
        }
        Cohort = cohort;
        Position = position;
        Rename(name);
        Reschedule(opensOn, closesOn);
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public Cohort Cohort { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int Position { get; private set; }
    public DateOnly OpensOn { get; private set; }
    public DateOnly ClosesOn { get; private set; }
    public uint RowVersion { get; private set; }

    public CampaignState StateOn(DateOnly day) =>
        day < OpensOn ? CampaignState.Upcoming : day > ClosesOn ? CampaignState.Closed : CampaignState.Open;

    public bool IsOpenOn(DateOnly day) => StateOn(day) == CampaignState.Open;

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void Reschedule(DateOnly opensOn, DateOnly closesOn)
    {
        if (closesOn < opensOn)
        {
            throw new ArgumentException("A campaign closes after it opens.", nameof(closesOn));
        }
        OpensOn = opensOn;
        ClosesOn = closesOn;
    }

    /// <summary>The programme's three usual moments, spread over the cohort's dates: the start, the middle and the end.</summary>
    public static IReadOnlyList<Campaign> DefaultsFor(Cohort cohort)
    {
        var days = cohort.EndsOn.DayNumber - cohort.StartsOn.DayNumber;
        var middle = cohort.StartsOn.AddDays(days / 2);
        var window = Math.Max(7, Math.Min(30, days / 6));
        return
        [
            new Campaign(cohort, "Positionnement initial", 1, cohort.StartsOn, cohort.StartsOn.AddDays(window)),
            new Campaign(cohort, "Mi-parcours", 2, middle.AddDays(-window / 2), middle.AddDays(window / 2)),
            new Campaign(cohort, "Bilan final", 3, cohort.EndsOn.AddDays(-window), cohort.EndsOn),
        ];
    }
}
