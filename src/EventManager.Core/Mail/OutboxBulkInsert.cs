using System.Data.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EventManager.Core.Mail;

/// <summary>
/// Writes many outbox rows in one transaction without the change tracker, for planning that queues hundreds of
/// thousands of reminders. Names and quoting come from the EF model, so the SQL suits SQLite and SQL Server alike.
/// </summary>
public static class OutboxBulkInsert
{
    private static readonly string[] Properties =
    [
        nameof(OutgoingMessage.DeduplicationKey), nameof(OutgoingMessage.Kind), nameof(OutgoingMessage.EventId),
        nameof(OutgoingMessage.RecipientEmail), nameof(OutgoingMessage.RecipientName), nameof(OutgoingMessage.Subject),
        nameof(OutgoingMessage.TextBody), nameof(OutgoingMessage.CreatedAtUtc), nameof(OutgoingMessage.DueAtUtc),
        nameof(OutgoingMessage.Status), nameof(OutgoingMessage.Attempts), nameof(OutgoingMessage.LastError),
    ];

    // SQLite runs in-process: one prepared single-row statement, re-bound, is fastest. A server saves round trips
    // with many rows a statement; SQL Server takes at most 2,100 parameters in one command (12 a row here).
    private const int RowsPerServerStatement = 150;

    public static async Task InsertAsync(EventManagerDbContext db, IReadOnlyList<OutgoingMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(OutgoingMessage))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(entity.GetTableName()!)} ({string.Join(", ", Properties.Select(p => sql.DelimitIdentifier(entity.FindProperty(p)!.GetColumnName())))}) VALUES ";
        var rowsPerStatement = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? 1 : RowsPerServerStatement;

        await db.Database.OpenConnectionAsync(cancellationToken);
        var owns = db.Database.CurrentTransaction is null;
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
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

                    command = connection.CreateCommand();
                    command.Transaction = transaction.GetDbTransaction();
                    command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length)
                        .Select(i => $"({string.Join(", ", Enumerable.Range(0, Properties.Length).Select(j => $"@p{i}_{j}"))})"));
                    for (var p = 0; p < chunk.Length * Properties.Length; p++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{p / Properties.Length}_{p % Properties.Length}";
                        command.Parameters.Add(parameter);
                    }
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var values = Values(chunk[i]);
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

    private static object?[] Values(OutgoingMessage m) =>
    [
        m.DeduplicationKey, m.Kind, m.EventId, m.RecipientEmail, m.RecipientName, m.Subject, m.TextBody,
        DateTime.SpecifyKind(m.CreatedAtUtc, DateTimeKind.Unspecified), DateTime.SpecifyKind(m.DueAtUtc, DateTimeKind.Unspecified),
        m.Status.ToString(), m.Attempts, m.LastError,
    ];
}
