namespace Portfolio.Core.Frameworks;

/// <summary>What the public and the cohorts may see of the framework versions: the published ones, and only them.</summary>
public static class PublishedFrameworks
{
    public static IQueryable<Framework> Published(this IQueryable<Framework> frameworks) =>
        frameworks.Where(f => f.State == FrameworkState.Published);
}
