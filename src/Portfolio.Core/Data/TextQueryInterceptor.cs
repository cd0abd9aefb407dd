using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portfolio.Core.Data;

/// <summary>
/// PostgreSQL refuses a NUL character even as a query parameter (<c>22021</c>), so a page looking someone up by a
/// hostile id or name would fail. No stored text holds a NUL (<see cref="Text.StorableText"/> refuses it on every save),
/// so such a query can only find nothing: the NUL is sent as U+FFFD, which keeps that answer. The forms still refuse the
/// typed value with a message (<c>StorableInput</c>); this only keeps reads from failing on the way.
/// </summary>
public sealed class TextQueryInterceptor : DbCommandInterceptor
{
    public static readonly TextQueryInterceptor Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            // Only the values holding a NUL are replaced: the others keep the type Npgsql inferred for them.
            if (parameter.Value is string text && text.Contains('\0'))
            {
                parameter.Value = text.Replace('\0', '\uFFFD');
            }
            else if (parameter.Value is IEnumerable<string> texts && texts.Any(t => t?.Contains('\0') == true))
            {
                parameter.Value = texts.Select(t => t?.Replace('\0', '\uFFFD')).ToArray();
            }
        }
    }
}
