using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL commits without an fsync per transaction
/// (safe against a crashed app; a power cut may lose the last commits); busy_timeout makes a second
/// instance wait for the write lock instead of failing.
/// </summary>
/// <remarks>
/// The settings belong to the database connection SQLite keeps open in Microsoft.Data.Sqlite's pool, not to the
/// <see cref="SqliteConnection"/> EF opens and closes around each query: they are set the first time a pooled
/// connection is seen, not on every open (two statements prepared for every query were a tenth of a registration).
/// </remarks>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
    private static readonly object Set = new();
    private readonly ConditionalWeakTable<object, object> configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsNew(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            configured.AddOrUpdate(handle, Set);
        }
    }
}
