namespace Portfolio.Core.Cohorts;

/// <summary>
/// What a coordinator manages, in one place: the programmes they are assigned to, and those programmes' cohorts and
/// campaigns. Every coordinator page reads through these filters, so another programme's items are simply not found.
/// </summary>
public static class ProgrammeScope
{
    public static IQueryable<Programme> CoordinatedBy(this IQueryable<Programme> programmes, string userId) =>
        programmes.Where(p => p.Coordinators.Any(c => c.UserId == userId));

    public static IQueryable<Cohort> CoordinatedBy(this IQueryable<Cohort> cohorts, string userId) =>
        cohorts.Where(c => c.Programme.Coordinators.Any(pc => pc.UserId == userId));

    public static IQueryable<Campaign> CoordinatedBy(this IQueryable<Campaign> campaigns, string userId) =>
        campaigns.Where(c => c.Cohort.Programme.Coordinators.Any(pc => pc.UserId == userId));
}
