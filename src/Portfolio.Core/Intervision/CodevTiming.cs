namespace Portfolio.Core.Intervision;

/// <summary>The six steps of a co-development session (Payette &amp; Champagne), in the order they are run.</summary>
public enum CodevStep
{
    Presentation = 1,
    Clarification = 2,
    Contract = 3,
    Consultation = 4,
    Synthesis = 5,
    Takeaways = 6,
}

/// <summary>
/// How long each step lasts, in one place. A session with one case owner takes 90 minutes: 10 minutes of follow-up of
/// the previous action plan, then 10 / 15 / 5 / 30 / 10 / 10. With two case owners each of them presents, is
/// questioned, states a contract and gets a consultation, so the steps that belong to a case grow and the session
/// takes 120 minutes: 10 of follow-up, then 15 / 20 / 10 / 35 / 15 / 15. Consultation keeps the largest share in both:
/// it is where the group works for the case owner. The runner may pause or move on earlier; these are the plan.
/// </summary>
public static class CodevTiming
{
    public const int FollowUpMinutes = 10;

    private static readonly IReadOnlyDictionary<CodevStep, int> OneOwner = new Dictionary<CodevStep, int>
    {
        [CodevStep.Presentation] = 10,
        [CodevStep.Clarification] = 15,
        [CodevStep.Contract] = 5,
        [CodevStep.Consultation] = 30,
        [CodevStep.Synthesis] = 10,
        [CodevStep.Takeaways] = 10,
    };

    private static readonly IReadOnlyDictionary<CodevStep, int> TwoOwners = new Dictionary<CodevStep, int>
    {
        [CodevStep.Presentation] = 15,
        [CodevStep.Clarification] = 20,
        [CodevStep.Contract] = 10,
        [CodevStep.Consultation] = 35,
        [CodevStep.Synthesis] = 15,
        [CodevStep.Takeaways] = 15,
    };

    /// <summary>The minutes planned for a step with this many case owners (1 or 2).</summary>
    public static int Minutes(CodevStep step, int caseOwners) => (caseOwners >= 2 ? TwoOwners : OneOwner)[step];

    /// <summary>The whole session, follow-up included: 90 minutes with one case owner, 120 with two.</summary>
    public static int TotalMinutes(int caseOwners) => FollowUpMinutes + Enum.GetValues<CodevStep>().Sum(s => Minutes(s, caseOwners));
}
