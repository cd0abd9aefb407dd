using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Facilitator;

/// <summary>The groups a facilitator runs: the only intervision data the Facilitator pages read (never a portfolio).</summary>
public static class FacilitatedGroups
{
    public static IQueryable<IntervisionGroup> Of(PortfolioDb db, string facilitatorId) =>
        db.IntervisionGroups.Where(g => g.FacilitatorId == facilitatorId);
}
