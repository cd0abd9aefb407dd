using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portfolio.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends while serving requests, so that tests can show a page's query count does not
/// grow with data. Background jobs running meanwhile (the mail sent after an enrolment) are not the page's: once
/// <see cref="Requests"/> is known, commands outside a request are not counted.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    public IHttpContextAccessor? Requests { get; set; }

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

    /// <summary>
    /// Counts the commands of the calling flow as a request's, for a test that calls a service directly: it gets a request
    /// context of its own (an async-local value, so background jobs stay uncounted).
    /// </summary>
    public void CountCallsOutsideRequests()
    {
        if (Requests is { HttpContext: null } requests)
        {
            requests.HttpContext = new DefaultHttpContext();
        }
    }

    private void Record(DbCommand command)
    {
        if (Requests is { HttpContext: null })
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
