using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Activity;
using EventManager.Core.Institutions;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>
/// Delegates an organiser brings in from a CSV file: read and checked for a preview, then registered row by row
/// through the same <see cref="RegistrationSubmission"/> as the public form (capacity included, approval skipped).
/// </summary>
public sealed class RegistrationImport(EventManagerDbContext db, InstitutionService institutions, RegistrationSubmission submission, PlacesLedger ledger, ActivityLog activity, ICurrentActor actor, TimeProvider time)
{
    /// <summary>The file's rows, each with what would stop it.</summary>
    public async Task<IReadOnlyList<ImportRow>> ReadAsync(int eventId, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var rows = RegistrationCsv.Read(new MemoryStream(bytes), await institutions.ListAsync(cancellationToken));
        await CheckAsync(eventId, rows, cancellationToken);
        return rows;
    }

    /// <summary>Rows written in one transaction, under the places lock: big enough to be quick, small enough not to hold the lock long.</summary>
    public const int BatchSize = 250;

    /// <summary>
    /// Keeps the confirmed file as an import to run in the background, and returns its id; the caller queues the run.
    /// Null when the file has nothing to import.
    /// </summary>
    public async Task<int?> QueueAsync(int eventId, byte[] bytes, string? fileName, CancellationToken cancellationToken = default)
    {
        var rows = RegistrationCsv.Read(new MemoryStream(bytes), await institutions.ListAsync(cancellationToken));
        if (rows.Count == 0 || rows.All(r => r.Request is null))
        {
            return null;
        }

        var job = new ImportJob
        {
            EventId = eventId,
            Content = bytes,
            FileName = fileName,
            StartedBy = actor.Name,
            TotalRows = rows.Count,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job.Id;
    }

    /// <summary>
    /// Runs an import from where it stopped: each batch's registrations, its rows' outcomes and the count of rows done
    /// commit together, so a crash between batches resumes after the last whole one and never imports a row twice.
    /// An import any run holds (its claim not yet run out) is left alone, even one of this instance: each run claims with
    /// its own token (the instance's name, a colon and a number of that run), so two runs of one import never overlap.
    /// Rows are checked again (the event may have changed since the preview): a row with a problem is skipped with its
    /// reason. Cancelled (the instance is stopping), it hands the import back, so the next start resumes it at once.
    /// </summary>
    public async Task<ImportStatus?> RunAsync(int importId, string instance, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var runner = $"{instance}:{Guid.NewGuid():N}";
        try
        {
            return await RunClaimedAsync(importId, runner, lease, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await db.ImportJobs.Where(j => j.Id == importId && j.ClaimedBy == runner && j.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
            throw;
        }
    }

    private async Task<ImportStatus?> RunClaimedAsync(int importId, string runner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.ImportJobs
            .Where(j => j.Id == importId && (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                && (j.ClaimedUntilUtc == null || j.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(j => j.Resumed, j => j.Status == ImportStatus.Running ? j.Resumed + 1 : j.Resumed)
                .SetProperty(j => j.Status, ImportStatus.Running)
                .SetProperty(j => j.ClaimedBy, runner)
                .SetProperty(j => j.ClaimedUntilUtc, now + lease), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == importId, cancellationToken);
        var rows = await ReadAsync(job.EventId, job.Content, cancellationToken);
        await ledger.EnsurePolicyAsync(job.EventId, cancellationToken);
        for (var start = job.RowsDone; start < rows.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = rows.Skip(start).Take(BatchSize).ToList();
            var done = await ledger.ChangeAsync(job.EventId, async policy =>
            {
                var current = await db.ImportJobs.SingleAsync(j => j.Id == importId, cancellationToken);
                if (current.ClaimedBy != runner || current.RowsDone != start)
                {
                    // Another runner took over (this one was too slow for its lease): it goes on from where it is.
                    return DomainResult<bool>.Failure("", "Another run took this import over.");
                }

                var ready = batch.Where(r => r.Problems.Count == 0 && r.Request is not null).ToList();
                var placed = await submission.PlaceImportedAsync(policy, job.EventId, ready.Select(r => r.Request!).ToList(), cancellationToken);
                var outcomes = ready.Select((r, i) => (r, placed[i])).ToDictionary(x => x.r, x => x.Item2);
                foreach (var row in batch)
                {
                    var result = new ImportJobRow { ImportJobId = importId, Line = row.Line, Name = Trim(row.Name, 400), Email = Trim(row.Email, 400) };
                    if (outcomes.TryGetValue(row, out var registrations) && registrations is not null)
                    {
                        result.Outcome = registrations[0].Status == RegistrationStatus.Confirmed ? ImportOutcomeKind.Confirmed : ImportOutcomeKind.Waiting;
                    }
                    else
                    {
                        var problem = row.Problems.FirstOrDefault() ?? new DomainError("email", "{0} is already registered for this event.", row.Email);
                        result.Outcome = ImportOutcomeKind.Skipped;
                        result.Reason = problem.Message;
                        result.ReasonArguments = problem.Arguments.Length == 0 ? null : Trim(string.Join('\u001f', problem.Arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture))), 1000);
                    }

                    db.ImportJobRows.Add(result);
                    current.Confirmed += result.Outcome == ImportOutcomeKind.Confirmed ? 1 : 0;
                    current.Waiting += result.Outcome == ImportOutcomeKind.Waiting ? 1 : 0;
                    current.Skipped += result.Outcome == ImportOutcomeKind.Skipped ? 1 : 0;
                }

                current.RowsDone = start + batch.Count;
                current.ClaimedUntilUtc = time.GetUtcNow().UtcDateTime + lease;
                if (current.RowsDone >= rows.Count)
                {
                    current.Status = ImportStatus.Finished;
                    current.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
                    // The file is needed only to run the import; its rows' outcomes are the record. Personal data not kept.
                    current.Content = [];
                    current.ClaimedBy = null;
                    current.ClaimedUntilUtc = null;
                    activity.Add(ActivityKind.DelegatesImported, job.EventId, current.Confirmed + current.Waiting);
                }

                return DomainResult<bool>.Success(true);
            }, cancellationToken);
            db.ChangeTracker.Clear();
            if (!done.Succeeded)
            {
                return null;
            }
        }

        if (rows.Count <= job.RowsDone)
        {
            // Nothing was left (the file had fewer rows than counted): close it.
            await db.ImportJobs.Where(j => j.Id == importId && j.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.Status, ImportStatus.Finished).SetProperty(j => j.FinishedAtUtc, time.GetUtcNow().UtcDateTime).SetProperty(j => j.Content, Array.Empty<byte>())
                    .SetProperty(j => j.ClaimedBy, (string?)null).SetProperty(j => j.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
        }

        return ImportStatus.Finished;
    }

    /// <summary>
    /// Frees the imports runs of an instance of this name held: called as the instance starts, before its job server
    /// does, such claims can only be left from before it stopped (killed, power lost).
    /// </summary>
    public Task<int> ReleaseClaimsAsync(string instance, CancellationToken cancellationToken = default)
    {
        var prefix = instance + ":";
        return db.ImportJobs.Where(j => j.Status == ImportStatus.Running && j.ClaimedBy != null && j.ClaimedBy.StartsWith(prefix))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
    }

    /// <summary>Imports not finished that no run holds (never claimed, handed back, or the claim ran out).</summary>
    public Task<List<int>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ImportJobs.Where(j => (j.Status == ImportStatus.Queued || j.Status == ImportStatus.Running)
                && (j.ClaimedUntilUtc == null || j.ClaimedUntilUtc < now))
            .Select(j => j.Id).ToListAsync(cancellationToken);
    }

    private static string Trim(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>Adds to each import row what would stop it: the form's rules, an address twice in the file, or already registered.</summary>
    private async Task CheckAsync(int eventId, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken = default)
    {
        var registered = await submission.RegisteredEmailsAsync(eventId, rows.Select(r => r.Email), cancellationToken);
        var seen = new HashSet<string>();
        foreach (var row in rows.Where(r => r.Request is not null))
        {
            row.Problems.AddRange(await submission.ValidateAsync(eventId, row.Request!, cancellationToken));
            if (row.Email.Length > 0 && !seen.Add(row.Email))
            {
                row.Problems.Add(new DomainError("email", "{0} appears more than once in the file.", row.Email));
            }
            else if (registered.Contains(row.Email))
            {
                row.Problems.Add(new DomainError("email", "{0} is already registered for this event.", row.Email));
            }
        }
    }
}
