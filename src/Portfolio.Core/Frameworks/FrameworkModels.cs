using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Core.Frameworks;

/// <summary>
/// The framework versions this process has read, kept in memory (a singleton): a page asks for the version its cohort
/// uses and gets the tree without a query. The key is the framework's id AND its <see cref="Framework.Revision"/>, which
/// callers read along with their cohort: a draft imported again gets a new revision and is read again, never served
/// stale, on every node. One entry per framework: an older revision is dropped when a newer one is read.
/// </summary>
public sealed class FrameworkModels
{
    private readonly ConcurrentDictionary<int, FrameworkModel> byId = new();

    /// <summary>The version <paramref name="frameworkId"/> at <paramref name="revision"/>; read from the database only the first time.</summary>
    public async Task<FrameworkModel> GetAsync(PortfolioDb db, int frameworkId, Guid revision, CancellationToken cancellationToken = default)
    {
        if (byId.TryGetValue(frameworkId, out var known) && known.Revision == revision)
        {
            return known;
        }
        var loaded = await LoadAsync(db, frameworkId, cancellationToken);
        // Two requests may read the same version at once: both read the same tree, either may stay.
        byId[frameworkId] = loaded;
        return loaded;
    }

    /// <summary>For callers that know only the id (a job, the demo data): one small query for the revision, then the cache.</summary>
    public async Task<FrameworkModel> GetAsync(PortfolioDb db, int frameworkId, CancellationToken cancellationToken = default)
    {
        var revision = await db.Frameworks.Where(f => f.Id == frameworkId).Select(f => f.Revision).SingleAsync(cancellationToken);
        return await GetAsync(db, frameworkId, revision, cancellationToken);
    }

    /// <summary>The one query set that reads a framework's tree.</summary>
    private static async Task<FrameworkModel> LoadAsync(PortfolioDb db, int frameworkId, CancellationToken cancellationToken)
    {
        var framework = await db.Frameworks.AsNoTracking().WithWholeTree().SingleOrDefaultAsync(f => f.Id == frameworkId, cancellationToken)
            ?? throw new InvalidOperationException($"Framework {frameworkId} does not exist.");
        return FrameworkModel.From(framework);
    }
}
