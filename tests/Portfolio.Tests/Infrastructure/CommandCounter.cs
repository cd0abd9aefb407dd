using System.Data.Common;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portfolio.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends, so that tests can show a page's query count does not grow with data.
/// Background jobs running meanwhile (the invitations sent after an enrolment) are not the page's: their commands are
/// left out.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{

    private int count;
    private readonly List<string> commands = [];

    public int Count => Volatile.Read(ref count);

    public IReadOnlyList<string> Commands
    {
        get { lock (commands) { return [.. commands]; } }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        lock (commands) { commands.Clear(); }
    }

    private void Record(DbCommand command)
    {
        if (BackgroundJobMarker.Running)
        {
            return;
        }
        Interlocked.Increment(ref count);
        lock (commands) { commands.Add(command.CommandText); }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Marks the code of a Hangfire job while it runs (server filters run in the job's own execution flow).</summary>
public sealed class BackgroundJobMarker : IServerFilter
{
    private static readonly AsyncLocal<bool> running = new();

    public static bool Running => running.Value;

    public void OnPerforming(PerformingContext context) => running.Value = true;

    public void OnPerformed(PerformedContext context) => running.Value = false;
}
