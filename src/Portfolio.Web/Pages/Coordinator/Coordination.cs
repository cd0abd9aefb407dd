using System.Security.Claims;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Intervision;

namespace Portfolio.Web.Pages.Coordinator;

/// <summary>
/// The signed-in coordinator's programmes, cohorts and campaigns (<see cref="ProgrammeScope"/>). Coordinator pages read
/// these instead of the whole tables: a cohort of a programme they do not manage answers 404 like one that does not exist.
/// </summary>
public sealed class Coordination(PortfolioDb db, IHttpContextAccessor http)
{
    private string UserId => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public IQueryable<Programme> Programmes => db.Programmes.CoordinatedBy(UserId);
    public IQueryable<Cohort> Cohorts => db.Cohorts.CoordinatedBy(UserId);
    public IQueryable<Campaign> Campaigns => db.Campaigns.CoordinatedBy(UserId);

    /// <summary>Intervision groups of the cohorts the coordinator manages.</summary>
    public IQueryable<IntervisionGroup> Groups => db.IntervisionGroups.Where(g => Cohorts.Any(c => c.Id == g.CohortId));
}
