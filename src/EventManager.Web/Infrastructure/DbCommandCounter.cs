using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Counts database commands per request, so tests and the agenda benchmark can hold pages to a fixed number of
/// queries. Only when Diagnostics:CountQueries is on does the count go out, as the X-Db-Commands header.
/// </summary>
public sealed class DbCommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Db-Commands";
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static readonly DbCommandCounter Instance = new();

    public static StrongBox<int> StartCounting()
    {
        var box = new StrongBox<int>();
        Current.Value = box;
        return box;
    }

    private static void Count()
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Value);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}

public static class DbCommandCounterMiddleware
{
    public static void UseDbCommandCounting(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Diagnostics:CountQueries"))
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            var box = DbCommandCounter.StartCounting();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[DbCommandCounter.Header] = box.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
