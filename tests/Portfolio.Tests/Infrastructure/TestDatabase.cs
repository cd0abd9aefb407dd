using Npgsql;
using Portfolio.Web.Hosting;

namespace Portfolio.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the test command started (PORTFOLIO_DB), with one database per test project so that projects
/// can run side by side. Created afresh at the start of each run.
/// </summary>
public static class TestDatabase
{
    public static string ConnectionString(string database)
    {
        var server = Environment.GetEnvironmentVariable("PORTFOLIO_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment : PortfolioSettings.LocalDatabase;
        return new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
    }

    public static async Task RecreateAsync(string database)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }
}
