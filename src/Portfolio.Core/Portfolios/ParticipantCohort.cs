using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Portfolios;

/// <summary>The cohort a participant's portfolio belongs to (their latest enrolment) and the framework version it uses.</summary>
/// <param name="FrameworkRevision">read along, so that <see cref="Frameworks.FrameworkModels"/> serves the tree with no query of its own</param>
public sealed record ParticipantCohort(int CohortId, string CohortName, int FrameworkId, Guid FrameworkRevision, string PillarLabel, DateOnly StartsOn, DateOnly EndsOn)
{
    /// <summary>Null when the person is enrolled in no cohort.</summary>
    public static Task<ParticipantCohort?> FindAsync(PortfolioDb db, string userId, CancellationToken cancellationToken = default) =>
        db.Enrolments
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Cohort.StartsOn).ThenByDescending(e => e.Id)
            .Select(e => new ParticipantCohort(e.CohortId, e.Cohort.Name, e.Cohort.FrameworkId, e.Cohort.Framework.Revision, e.Cohort.Framework.PillarLabel, e.Cohort.StartsOn, e.Cohort.EndsOn))
            .FirstOrDefaultAsync(cancellationToken);
}
