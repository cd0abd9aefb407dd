namespace Portfolio.Web.Hosting;

/// <summary>
/// The settings an operator gives: the database (`PORTFOLIO_DB` or ConnectionStrings:Portfolio) and which parts of the
/// application this node runs (`Portfolio:Roles` = web, worker or both), and how soon a job whose worker died is run
/// again (`Portfolio:Jobs:InvisibilityTimeoutSeconds`).
/// </summary>
public sealed record PortfolioSettings(string ConnectionString, bool ServesWeb, bool RunsWorker, bool DemoData, TimeSpan JobInvisibilityTimeout)
{
    public const string LocalDatabase = "Host=127.0.0.1;Port=55432;Username=postgres;Database=portfolio";

    /// <summary>A dead worker's job is taken up again within a minute; live workers confirm theirs every 12 s.</summary>
    public static readonly TimeSpan DefaultJobInvisibilityTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Hangfire.PostgreSql's keep-alive runs about once a second and renews a job every fifth of the timeout: below five
    /// seconds, a busy but live worker could miss it and see its job taken twice.
    /// </summary>
    public static readonly TimeSpan MinimumJobInvisibilityTimeout = TimeSpan.FromSeconds(5);

    public static PortfolioSettings From(IConfiguration configuration)
    {
        var connectionString = configuration["PORTFOLIO_DB"] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Portfolio") ?? LocalDatabase;
        var roles = (configuration["Portfolio:Roles"] ?? "both").Trim().ToLowerInvariant();
        if (roles is not ("web" or "worker" or "both"))
        {
            throw new InvalidOperationException($"Portfolio:Roles must be web, worker or both, not '{roles}'.");
        }
        var invisibilityTimeout = TimeSpan.FromSeconds(configuration.GetValue("Portfolio:Jobs:InvisibilityTimeoutSeconds", DefaultJobInvisibilityTimeout.TotalSeconds));
        if (invisibilityTimeout < MinimumJobInvisibilityTimeout)
        {
            throw new InvalidOperationException($"Portfolio:Jobs:InvisibilityTimeoutSeconds must be at least {MinimumJobInvisibilityTimeout.TotalSeconds} seconds.");
        }
        return new PortfolioSettings(
            connectionString,
            ServesWeb: roles is "web" or "both",
            RunsWorker: roles is "worker" or "both",
            DemoData: configuration.GetValue("Portfolio:DemoData", false),
            JobInvisibilityTimeout: invisibilityTimeout);
    }
}
