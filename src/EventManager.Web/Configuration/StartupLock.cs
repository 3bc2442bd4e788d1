using Microsoft.Data.SqlClient;

namespace EventManager.Web.Configuration;

/// <summary>
/// One instance at a time migrates the database and creates roles, the first organiser and the demo: instances
/// started together on an empty database would otherwise each find it empty and insert the same rows, and all but
/// one would die on a unique index. Embedded, the lock is an exclusive lock on a file in the data folder (released
/// by the operating system if the process dies); on SQL Server, an application lock held by the session.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);
    private readonly FileStream? file;
    private readonly SqlConnection? connection;

    private StartupLock(FileStream? file, SqlConnection? connection)
    {
        this.file = file;
        this.connection = connection;
    }

    public static async Task<StartupLock> AcquireAsync(DatabaseSettings settings, string dataFolder, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.SqlServer)
        {
            var connection = new SqlConnection(LockConnectionString(settings.ConnectionString!));
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = AcquireStatement;
            command.Parameters.AddWithValue("@timeout", (int)Wait.TotalMilliseconds);
            command.CommandTimeout = (int)Wait.TotalSeconds + 30;
            var result = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (result < 0)
            {
                await connection.DisposeAsync();
                throw new TimeoutException($"Another instance held the start-up lock for more than {Wait.TotalMinutes} minutes (sp_getapplock returned {result}).");
            }

            return new StartupLock(null, connection);
        }

        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, ".startup.lock");
        var deadline = DateTime.UtcNow + Wait;
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock other processes see (flock on Linux); it dies with the process.
                return new StartupLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), null);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    logger.LogInformation("Another instance is preparing the database; waiting for it.");
                    told = true;
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The lock's own connection is never pooled: a session lock lives as long as the session, and a pooled connection
    /// "closed" by us keeps its session open in the pool, holding the lock until the pool happens to drop it.
    /// </summary>
    public static string LockConnectionString(string connectionString) =>
        new SqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "EventManager start-up lock" }.ConnectionString;

    public const string AcquireStatement = "DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'EventManager.Startup', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout; SELECT @r;";

    public const string ReleaseStatement = "EXEC sp_releaseapplock @Resource = N'EventManager.Startup', @LockOwner = 'Session';";

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            await file.DisposeAsync();
        }

        if (connection is not null)
        {
            try
            {
                // Released by name first; closing the unpooled session would release it too, but not before the
                // connection is really closed.
                await using var release = connection.CreateCommand();
                release.CommandText = ReleaseStatement;
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
