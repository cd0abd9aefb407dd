using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Infrastructure;

/// <summary>The real application on a real PostgreSQL database of its own; tests reset the data between them.</summary>
public class PortfolioFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string database;

    public PortfolioFactory() : this("portfolio_tests")
    {
    }

    static PortfolioFactory()
    {
        // Process-wide, like Hangfire's filters: the command counter leaves the background jobs out.
        GlobalJobFilters.Filters.Add(new BackgroundJobMarker());
    }

    protected PortfolioFactory(string database)
    {
        this.database = database;
        ConnectionString = TestDatabase.ConnectionString(database);
    }

    public string ConnectionString { get; }
    public CommandCounter Commands { get; } = new();

    /// <summary>No SMTP server in tests: messages land here as .eml files, as on a trial installation.</summary>
    public string PickupFolder { get; } = Directory.CreateTempSubdirectory("portfolio-mail-").FullName;

    /// <summary>Settings a test class may change before the host starts (for instance an unreachable database).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PORTFOLIO_DB"] = ConnectionString,
        ["Portfolio:Roles"] = "both",
        ["Portfolio:DemoData"] = "false",
        ["Portfolio:Mail:PickupFolder"] = PickupFolder,
        // Every test comes from one loopback client and signs in often: the production limits would throttle the suite.
        ["Portfolio:RateLimits:SignIn:PermitLimit"] = "100000",
        ["Portfolio:RateLimits:Requests:PermitLimit"] = "100000",
        ["Portfolio:RateLimits:Search:PermitLimit"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program reads these while it registers services.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Commands));
    }

    public virtual async Task InitializeAsync()
    {
        await TestDatabase.RecreateAsync(database);
        // The schema exists before the host starts, as after `./portfolio migrate`.
        await DatabaseSetup.MigrateAsync(ConnectionString);
        await DatabaseSetup.LoadAsync(Services, withDemoData: false, shippedProgrammes: false);
    }

    /// <summary>
    /// Empties every application table, then loads what `migrate` loads (roles, shipped frameworks). The data-protection
    /// keys stay: the running host holds them in memory, like a web node in production.
    /// </summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                DO $$ DECLARE tables text;
                BEGIN
                  SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables
                  FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', 'DataProtectionKeys');
                  EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
                END $$;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        await DatabaseSetup.LoadAsync(Services, withDemoData: false, shippedProgrammes: false);
        foreach (var message in Directory.EnumerateFiles(PickupFolder))
        {
            File.Delete(message);
        }
        // Hangfire logs through one process-wide provider that every test host replaces with its own: take it back, so
        // that a disposed second host (see PlatformTests) cannot break this host's jobs.
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(Services.GetRequiredService<ILoggerFactory>()));
        Commands.Reset();
    }

    /// <summary>A fresh DbContext on the test database, for arranging data and asserting on what was stored.</summary>
    public PortfolioDb NewDb()
    {
        var options = new DbContextOptionsBuilder<PortfolioDb>()
            .UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PortfolioDb.MigrationsAssembly))
            .Options;
        return new PortfolioDb(options);
    }

    /// <summary>The id of the account with this e-mail address.</summary>
    public async Task<string> UserIdAsync(string email)
    {
        await using var db = NewDb();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// The messages in the pickup folder, oldest first, once there are at least <paramref name="count"/> of them: the
    /// Hangfire worker of the test host sends them within a second or two.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> MailsAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var files = Directory.GetFiles(PickupFolder, "*.eml").Order(StringComparer.Ordinal).ToList();
            if (files.Count >= count || DateTime.UtcNow > deadline)
            {
                var messages = new List<MimeMessage>();
                foreach (var file in files)
                {
                    messages.Add(await MimeMessage.LoadAsync(file));
                }
                return messages;
            }
            await Task.Delay(200);
        }
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(PickupFolder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<PortfolioFactory>
{
    public const string Name = "database";
}
