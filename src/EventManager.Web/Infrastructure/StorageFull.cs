using EventManager.Web.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// A full disk (or a full SQL Server file) is not a bug to log a stack trace for on every request: whoever sent
/// something gets 503 with Retry-After and a page that says nothing could be stored; the log gets one line a minute;
/// /health reports it. Nothing is kept that needs a restart: the first write after space is freed succeeds.
/// </summary>
public sealed class StorageFull(TimeProvider time, ILogger<StorageFull> logger)
{
    public const string Item = "EventManager.StorageFull";
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private long lastFailureTicks;
    private long lastLogTicks;

    public DateTime? LastFailureUtc => Interlocked.Read(ref lastFailureTicks) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <summary>Whether the failure is "no space": SQLite's SQLITE_FULL (ours or the job storage's), ENOSPC from a file, SQL Server's full filegroup or log.</summary>
    public static bool IsOutOfSpace(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 }:
                case SQLite.SQLiteException { Result: SQLite.SQLite3.Result.Full }:   // the embedded job storage's
                case Microsoft.Data.SqlClient.SqlException { Number: 1105 or 9002 }:
                case IOException io when (io.HResult & 0xFFFF) == 28 || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }

    public void Report(Exception e)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Interlocked.Exchange(ref lastFailureTicks, now.Ticks);
        var last = Interlocked.Read(ref lastLogTicks);
        if (now.Ticks - last >= LogEvery.Ticks && Interlocked.CompareExchange(ref lastLogTicks, now.Ticks, last) == last)
        {
            logger.LogError("Nothing can be stored: the disk is full ({Reason}). Requests that write get 503 until space is freed; this is logged once a minute.", e.GetBaseException().Message);
        }
    }

    /// <summary>Turns a "no space" failure of any request into 503 with Retry-After, answered by the status page.</summary>
    public static void UseStorageFullGuard(WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsOutOfSpace(e) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<StorageFull>().Report(e);
            context.Response.Clear();
            context.Items[Item] = true;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "60";
        }
    });

    /// <summary>Unhealthy when the data folder's disk is nearly full, or a write failed for space in the last minute.</summary>
    public sealed class HealthCheck(StorageFull storage, DatabaseSettings settings, TimeProvider time) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var free = new DriveInfo(Path.GetFullPath(settings.DataDirectory)).AvailableFreeSpace;
            var minimum = settings.MinimumFreeMegabytes * 1024L * 1024L;
            if (free < minimum)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The data folder's disk has {free / 1024 / 1024} MB free; at least {settings.MinimumFreeMegabytes} MB are needed."));
            }

            if (storage.LastFailureUtc is { } failed && time.GetUtcNow().UtcDateTime - failed < LogEvery)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"A write failed for lack of space at {failed:u}."));
            }

            return Task.FromResult(HealthCheckResult.Healthy($"{free / 1024 / 1024} MB free in the data folder."));
        }
    }
}
