using Microsoft.Data.SqlClient;

namespace EventManager.Web.Configuration;

/// <summary>
/// One instance at a time migrates the database and creates roles, the first organiser and the demo: instances
/// started together on an empty database would otherwise each find it empty and insert the same rows, and all but
/// one would die on a unique index. Embedded, the lock is an exclusive lock on a file in the data folder (released
/// by the operating system if the process dies); on SQL Server, an application lock held by the session; on
/// PostgreSQL, a session-level advisory lock (released by the server when the session ends).
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);
    private readonly FileStream? file;
    private readonly System.Data.Common.DbConnection? connection;
    private readonly string? releaseStatement;

    private StartupLock(FileStream? file, System.Data.Common.DbConnection? connection, string? releaseStatement = null)
    {
        this.file = file;
        this.connection = connection;
        this.releaseStatement = releaseStatement;
    }

    /// <summary>The advisory lock's key: any number the app alone uses ("EMSTART" in ASCII).</summary>
    public const long PostgreSqlLockKey = 0x454D5354415254;

    public const string PostgreSqlAcquireStatement = "SELECT pg_try_advisory_lock(@key)";

    public const string PostgreSqlReleaseStatement = "SELECT pg_advisory_unlock(@key)";

    public static async Task<StartupLock> AcquireAsync(DatabaseSettings settings, string dataFolder, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            await EnsurePostgreSqlDatabaseAsync(settings.ConnectionString!, cancellationToken);
            // Its own unpooled session: the lock lives as long as the session, and a pooled one would outlive Dispose.
            var pg = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false, ApplicationName = "EventManager start-up lock" }.ConnectionString);
            await pg.OpenAsync(cancellationToken);
            var until = DateTime.UtcNow + Wait;
            var waiting = false;
            while (true)
            {
                await using var command = new Npgsql.NpgsqlCommand(PostgreSqlAcquireStatement, pg);
                command.Parameters.AddWithValue("key", PostgreSqlLockKey);
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return new StartupLock(null, pg, PostgreSqlReleaseStatement);
                }

                if (DateTime.UtcNow > until)
                {
                    await pg.DisposeAsync();
                    throw new TimeoutException($"Another instance held the start-up lock for more than {Wait.TotalMinutes} minutes.");
                }

                if (!waiting)
                {
                    logger.LogInformation("Another instance is preparing the database; waiting for it.");
                    waiting = true;
                }

                await Task.Delay(100, cancellationToken);
            }
        }

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

            return new StartupLock(null, connection, ReleaseStatement);
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
    /// Creates the configured database when the server has none of that name yet (advisory locks live inside a
    /// database, so it must exist before one can be taken). Two instances creating it at once: one wins, the other
    /// is told it exists, which is what it wanted.
    /// </summary>
    private static async Task EnsurePostgreSqlDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            await using var probe = new Npgsql.NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
        }

        var maintenance = new Npgsql.NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new Npgsql.NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\" ENCODING 'UTF8'", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
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
                release.CommandText = releaseStatement;
                if (connection is Npgsql.NpgsqlConnection)
                {
                    var key = release.CreateParameter();
                    key.ParameterName = "key";
                    key.Value = PostgreSqlLockKey;
                    release.Parameters.Add(key);
                }

                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
