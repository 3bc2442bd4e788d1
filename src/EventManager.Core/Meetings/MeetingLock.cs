using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>
/// The lock of an event's meeting places: every change that gives or takes slots and tables runs in one transaction
/// whose first statement updates the event's <see cref="MeetingSettings"/> row (SQL Server and PostgreSQL hold the
/// row lock, SQLite its single write lock), so two changes at once never take one table or one delegation twice.
/// The row's version lets a long computation done outside the lock (the scheduler) see whether anything moved meanwhile.
/// </summary>
public sealed class MeetingLock(EventManagerDbContext db)
{
    /// <summary>The version the event's places are at now (made 0 when the event has no settings row yet).</summary>
    public async Task<int> VersionAsync(int eventId, CancellationToken cancellationToken = default) =>
        (await EnsureSettingsAsync(eventId, cancellationToken)).Version;

    /// <summary>
    /// Runs <paramref name="change"/> under the lock, given the version the lock moved the places to; its changes to
    /// this context are saved and committed together, or none when it fails.
    /// </summary>
    public async Task<DomainResult<T>> UnderLockAsync<T>(int eventId, Func<int, Task<DomainResult<T>>> change, CancellationToken cancellationToken = default)
    {
        await EnsureSettingsAsync(eventId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The first statement writes the row: until commit no other change to this event's places runs.
        await db.MeetingSettings.Where(s => s.EventId == eventId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1), cancellationToken);
        var version = await db.MeetingSettings.AsNoTracking().Where(s => s.EventId == eventId).Select(s => s.Version).SingleAsync(cancellationToken);
        var result = await change(version);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            db.AfterCommit.Clear();
            return result;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The event's settings row, made when missing.</summary>
    public async Task<MeetingSettings> EnsureSettingsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        if (await db.MeetingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.EventId == eventId, cancellationToken) is { } settings)
        {
            return settings;
        }

        var made = new MeetingSettings { EventId = eventId };
        db.MeetingSettings.Add(made);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Made by another request at the same moment.
        }

        db.Entry(made).State = EntityState.Detached;
        return await db.MeetingSettings.AsNoTracking().SingleAsync(s => s.EventId == eventId, cancellationToken);
    }
}
