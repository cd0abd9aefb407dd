using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;

namespace Portfolio.Web.Hosting;

/// <summary>What `migrate` does: schema (application and Hangfire), roles, shipped frameworks, and demo data when asked.</summary>
public static class DatabaseSetup
{
    public static async Task RunAsync(IServiceProvider services, bool withDemoData)
    {
        await MigrateAsync(services.GetRequiredService<PortfolioSettings>().ConnectionString);
        await LoadAsync(services, withDemoData);
    }

    /// <summary>The schema alone: the application's migrations, then Hangfire's own schema, so that web nodes never change the schema at start-up.</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortfolioDb>()
            .UseNpgsql(connectionString, o => o.MigrationsAssembly(PortfolioDb.MigrationsAssembly))
            .Options;
        await using (var db = new PortfolioDb(options))
        {
            await db.Database.MigrateAsync();
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        PostgreSqlObjectsInstaller.Install(connection, PortfolioHosting.HangfireSchema);
    }

    /// <summary>
    /// The data every installation needs (roles, shipped frameworks, shipped programmes), and the demo data when asked.
    /// Idempotent. Tests leave the shipped programmes out (<paramref name="shippedProgrammes"/>): each builds the programme it needs.
    /// </summary>
    public static async Task LoadAsync(IServiceProvider services, bool withDemoData, bool shippedProgrammes = true)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var settings = provider.GetRequiredService<PortfolioSettings>();
        var db = provider.GetRequiredService<PortfolioDb>();
        var clock = provider.GetRequiredService<TimeProvider>();
        var log = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var frameworks = Path.Combine(AppContext.BaseDirectory, "templates", "frameworks");
        foreach (var line in await FrameworkImport.LoadShippedAsync(db, frameworks, clock.GetUtcNow()))
        {
            log.LogInformation("Framework {Framework}", line);
        }

        if (shippedProgrammes)
        {
            // After the frameworks: a programme whose framework is not loaded is skipped, with a line saying so.
            foreach (var line in await ProgrammeDescriptions.LoadShippedAsync(db, Path.Combine(AppContext.BaseDirectory, "templates", "programmes")))
            {
                log.LogInformation("Programme {Programme}", line);
            }
        }

        if (withDemoData || settings.DemoData)
        {
            // Last: each demo cohort belongs to a shipped programme loaded above, never to one the demo would create.
            foreach (var line in await DemoData.LoadAsync(provider))
            {
                log.LogInformation("Demo {Programme}", line);
            }
        }
    }
}
