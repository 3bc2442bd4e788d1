using System.Data.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EventManager.Core.Mail;

/// <summary>
/// Writes many outbox rows in one transaction without the change tracker, for planning that queues (or rewrites)
/// hundreds of thousands of reminders. Names and quoting come from the EF model, so the SQL suits SQLite and SQL Server alike.
/// </summary>
public static class OutboxBulk
{
    private static readonly string[] Properties =
    [
        nameof(OutgoingMessage.DeduplicationKey), nameof(OutgoingMessage.Kind), nameof(OutgoingMessage.EventId),
        nameof(OutgoingMessage.RecipientEmail), nameof(OutgoingMessage.RecipientName), nameof(OutgoingMessage.Subject),
        nameof(OutgoingMessage.TextBody), nameof(OutgoingMessage.CreatedAtUtc), nameof(OutgoingMessage.DueAtUtc),
        nameof(OutgoingMessage.Status), nameof(OutgoingMessage.Attempts), nameof(OutgoingMessage.LastError), nameof(OutgoingMessage.ReminderRuleId),
        nameof(OutgoingMessage.Language),
    ];

    // SQLite runs in-process: one prepared single-row statement, re-bound, is fastest. A server saves round trips
    // with many rows a statement; SQL Server takes at most 2,100 parameters in one command (14 a row here).
    private const int RowsPerServerStatement = 150;

    public static Task InsertAsync(EventManagerDbContext db, IReadOnlyList<OutgoingMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entity = db.Model.FindEntityType(typeof(OutgoingMessage))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!);
        var columns = string.Join(", ", Properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName())));
        var key = sql.DelimitIdentifier(entity.FindProperty(nameof(OutgoingMessage.DeduplicationKey))!.GetColumnName());
        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true;
        var npgsql = IsNpgsql(db);
        // Insert or ignore on the deduplication key: two planners of one event at once (a fresh start's job and a
        // publish) each insert what the other may have inserted first; the row already there wins, never an exception.
        // SQLite and PostgreSQL say so with ON CONFLICT; SQL Server inserts what is not there yet, holding the key range.
        string Statement(string values) => sqlite || npgsql
            ? $"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT ({key}) DO NOTHING"
            : $"INSERT INTO {table} ({columns}) SELECT * FROM (VALUES {values}) AS v ({columns}) "
              + $"WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {table}.{key} = v.{key})";
        var rowsPerStatement = sqlite ? 1 : RowsPerServerStatement;
        return InTransactionAsync(db, async (connection, transaction) =>
        {
            DbCommand? command = null;
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                // Same shape as the last statement: keep the prepared command and only bind new values.
                if (command is null || command.Parameters.Count != chunk.Length * Properties.Length)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = Command(connection, transaction, Statement(string.Join(", ", Enumerable.Range(0, chunk.Length)
                        .Select(i => $"({string.Join(", ", Enumerable.Range(0, Properties.Length).Select(j => $"@p{i}_{j}"))})"))),
                        Enumerable.Range(0, chunk.Length * Properties.Length).Select(p => $"@p{p / Properties.Length}_{p % Properties.Length}"));
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var values = Values(chunk[i], npgsql);
                    for (var j = 0; j < values.Length; j++)
                    {
                        command.Parameters[i * Properties.Length + j].Value = values[j] ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }, cancellationToken);
    }

    /// <summary>
    /// New subject and body for rows still waiting: a rule edited or translated re-plans thousands at once. A row a
    /// sender holds right now is left as it is (it goes out with the text it was claimed with).
    /// </summary>
    public static Task RewriteAsync(EventManagerDbContext db, IReadOnlyList<(long Id, string Subject, string TextBody)> rows, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entity = db.Model.FindEntityType(typeof(OutgoingMessage))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var text = $"UPDATE {sql.DelimitIdentifier(entity.GetTableName()!)} SET {Column(nameof(OutgoingMessage.Subject))} = @subject, {Column(nameof(OutgoingMessage.TextBody))} = @body "
            + $"WHERE {Column(nameof(OutgoingMessage.Id))} = @id AND {Column(nameof(OutgoingMessage.Status))} = @pending "
            + $"AND ({Column(nameof(OutgoingMessage.ClaimedUntilUtc))} IS NULL OR {Column(nameof(OutgoingMessage.ClaimedUntilUtc))} < @now)";
        return InTransactionAsync(db, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction, text, ["@subject", "@body", "@id", "@pending", "@now"]);
            command.Parameters[3].Value = MessageStatus.Pending.ToString();
            command.Parameters[4].Value = DateTime.SpecifyKind(nowUtc, IsNpgsql(db) ? DateTimeKind.Utc : DateTimeKind.Unspecified);
            foreach (var (id, subject, body) in rows)
            {
                command.Parameters[0].Value = subject;
                command.Parameters[1].Value = body;
                command.Parameters[2].Value = id;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, IDbContextTransaction transaction, string text, IEnumerable<string> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = text;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs the work in the caller's transaction, or in one of its own committed at the end.</summary>
    private static async Task InTransactionAsync(EventManagerDbContext db, Func<DbConnection, IDbContextTransaction, Task> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var owns = db.Database.CurrentTransaction is null;
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await work(db.Database.GetDbConnection(), transaction);
            if (owns)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (owns)
            {
                await transaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>PostgreSQL stores these times as timestamptz, which Npgsql writes only from UTC values; the others, as they are.</summary>
    private static bool IsNpgsql(EventManagerDbContext db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    private static object?[] Values(OutgoingMessage m, bool utcKind) =>
    [
        m.DeduplicationKey, m.Kind, m.EventId, m.RecipientEmail, m.RecipientName, m.Subject, m.TextBody,
        DateTime.SpecifyKind(m.CreatedAtUtc, utcKind ? DateTimeKind.Utc : DateTimeKind.Unspecified), DateTime.SpecifyKind(m.DueAtUtc, utcKind ? DateTimeKind.Utc : DateTimeKind.Unspecified),
        m.Status.ToString(), m.Attempts, m.LastError, m.ReminderRuleId, m.Language,
    ];
}
