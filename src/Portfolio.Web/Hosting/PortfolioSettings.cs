namespace Portfolio.Web.Hosting;

/// <summary>
/// The settings an operator gives: the database (`PORTFOLIO_DB` or ConnectionStrings:Portfolio) and which parts of the
/// application this node runs (`Portfolio:Roles` = web, worker or both).
/// </summary>
public sealed record PortfolioSettings(string ConnectionString, bool ServesWeb, bool RunsWorker, bool DemoData)
{
    public const string LocalDatabase = "Host=127.0.0.1;Port=55432;Username=postgres;Database=portfolio";

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
        return new PortfolioSettings(
            connectionString,
            ServesWeb: roles is "web" or "both",
            RunsWorker: roles is "worker" or "both",
            DemoData: configuration.GetValue("Portfolio:DemoData", false));
    }
}
