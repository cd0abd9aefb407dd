using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Facilitator;

/// <summary>
/// The groups a facilitator runs: the only intervision data the Facilitator pages read (never a portfolio). Only groups
/// of programmes that use intervision or co-development groups: a programme that stopped using them hides them here too.
/// </summary>
public static class FacilitatedGroups
{
    public static IQueryable<IntervisionGroup> Of(PortfolioDb db, string facilitatorId) =>
        db.IntervisionGroups.Where(g => g.FacilitatorId == facilitatorId
            && db.Cohorts.Using(ProgrammeComponents.Intervision | ProgrammeComponents.CoDevelopment).Any(c => c.Id == g.CohortId));
}
