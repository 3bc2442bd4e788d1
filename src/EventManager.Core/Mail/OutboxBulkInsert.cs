using System.Data.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EventManager.Core.Mail;

/// <summary>
/// Writes many outbox rows with multi-row INSERT statements in one transaction, for planning that queues
/// hundreds of thousands of reminders. Names and quoting come from the EF model, so SQLite and SQL Server alike.
/// </summary>
public static class OutboxBulkInsert
{
    // 12 parameters a row; SQL Server takes at most 2,100 parameters in one command, and saves round trips with
    // many rows a statement. SQLite is in-process: one prepared single-row statement, re-bound, is fastest there.
    private const int RowsPerServerStatement = 150;

    public static async Task InsertAsync(EventManagerDbContext db, IReadOnlyList<OutgoingMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(OutgoingMessage))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!);
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        string[] properties =
        [
            nameof(OutgoingMessage.DeduplicationKey), nameof(OutgoingMessage.Kind), nameof(OutgoingMessage.EventId),
            nameof(OutgoingMessage.RecipientEmail), nameof(OutgoingMessage.RecipientName), nameof(OutgoingMessage.Subject),
            nameof(OutgoingMessage.TextBody), nameof(OutgoingMessage.CreatedAtUtc), nameof(OutgoingMessage.DueAtUtc),
            nameof(OutgoingMessage.Status), nameof(OutgoingMessage.Attempts), nameof(OutgoingMessage.LastError),
        ];
        var head = $"INSERT INTO {table} ({string.Join(", ", properties.Select(Column))}) VALUES ";

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var owns = db.Database.CurrentTransaction is null;
            var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var connection = db.Database.GetDbConnection();
                var perStatement = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? 1 : RowsPerServerStatement;
                DbCommand? single = null;
                foreach (var chunk in rows.Chunk(perStatement))
                {
                    var command = perStatement == 1 && single is not null ? single : connection.CreateCommand();
                    command.Transaction = transaction.GetDbTransaction();
                    var values = new List<string>(chunk.Length);
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var m = chunk[i];
                        object?[] row =
                        [
                            m.DeduplicationKey, m.Kind, m.EventId, m.RecipientEmail, m.RecipientName, m.Subject, m.TextBody,
                            DateTime.SpecifyKind(m.CreatedAtUtc, DateTimeKind.Unspecified), DateTime.SpecifyKind(m.DueAtUtc, DateTimeKind.Unspecified),
                            m.Status.ToString(), m.Attempts, m.LastError,
                        ];
                        var names = new string[row.Length];
                        for (var j = 0; j < row.Length; j++)
                        {
                            names[j] = $"@p{i}_{j}";
                            if (command == single)
                            {
                                command.Parameters[names[j]].Value = row[j] ?? DBNull.Value;
                            }
                            else
                            {
                                Add(command, names[j], row[j]);
                            }
                        }

                        values.Add($"({string.Join(", ", names)})");
                    }

                    if (command != single)
                    {
                        command.CommandText = head + string.Join(", ", values);
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken);
                    if (perStatement == 1)
                    {
                        single = command;
                    }
                    else
                    {
                        await command.DisposeAsync();
                    }
                }

                if (single is not null)
                {
                    await single.DisposeAsync();
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
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
