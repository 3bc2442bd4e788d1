using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Institutions;

namespace EventManager.Core.Registrations;

/// <summary>How an import went: people registered (confirmed or waiting) and rows left out.</summary>
public sealed record ImportOutcome(int Confirmed, int Waiting, int Skipped);

/// <summary>
/// Delegates an organiser brings in from a CSV file: read and checked for a preview, then registered row by row
/// through the same <see cref="RegistrationSubmission"/> as the public form (capacity included, approval skipped).
/// </summary>
public sealed class RegistrationImport(EventManagerDbContext db, InstitutionService institutions, RegistrationSubmission submission, PlacesLedger ledger, Activity.ActivityLog activity)
{
    /// <summary>The file's rows, each with what would stop it.</summary>
    public async Task<IReadOnlyList<ImportRow>> ReadAsync(int eventId, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var rows = RegistrationCsv.Read(new MemoryStream(bytes), await institutions.ListAsync(cancellationToken));
        await CheckAsync(eventId, rows, cancellationToken);
        return rows;
    }

    /// <summary>Registers the rows that have no problem, checked again: the event may have changed since the preview.</summary>
    public async Task<ImportOutcome> ImportAsync(int eventId, byte[] bytes, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(eventId, bytes, cancellationToken);
        int confirmed = 0, waiting = 0, skipped = 0;
        await ledger.EnsurePolicyAsync(eventId, cancellationToken);
        foreach (var row in rows)
        {
            if (row.Problems.Count > 0 || row.Request is null)
            {
                skipped++;
                continue;
            }

            var result = await submission.RegisterAsync(eventId, row.Request, cancellationToken, byOrganiser: true);
            if (!result.Succeeded)
            {
                skipped++;
            }
            else if (result.Value![0].Status == RegistrationStatus.Confirmed)
            {
                confirmed++;
            }
            else
            {
                waiting++;
            }
        }

        activity.Add(Activity.ActivityKind.DelegatesImported, eventId, confirmed + waiting);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportOutcome(confirmed, waiting, skipped);
    }

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
