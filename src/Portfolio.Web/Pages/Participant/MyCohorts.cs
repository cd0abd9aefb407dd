using System.Security.Claims;
using Portfolio.Core.Data;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Participant;

/// <summary>
/// The signed-in participant's cohorts and the one they work on, read once per request and shared by the page, the
/// header's cohort chooser and every count, so that all of them agree.
/// </summary>
public sealed class MyCohorts(PortfolioDb db, IHttpContextAccessor http)
{
    private ParticipantCohorts? loaded;

    public async Task<ParticipantCohorts> GetAsync(CancellationToken cancellationToken = default) =>
        loaded ??= await ParticipantCohorts.LoadAsync(db, http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", cancellationToken);

    /// <summary>The cohort the pages work on; null when the person is enrolled nowhere.</summary>
    public async Task<ParticipantCohort?> CurrentAsync(CancellationToken cancellationToken = default) => (await GetAsync(cancellationToken)).Current;

    /// <summary>Forgets what was read, after the person chose another cohort.</summary>
    public void Forget() => loaded = null;
}
