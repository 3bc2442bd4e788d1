using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Per-connection SQLite settings. WAL with synchronous=NORMAL commits without an fsync per transaction
/// (safe against a crashed app; a power cut may lose the last commits); busy_timeout makes a second
/// instance wait for the write lock instead of failing.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
