using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>
/// Who holds a place at an event. Every change that can move a place runs in <see cref="ChangeAsync{T}"/>: one
/// transaction that first updates the event's <see cref="RegistrationPolicy"/> row. That row lock queues concurrent
/// changes on SQL Server, and SQLite's single writer does the same, so capacity holds whatever the load. A committed
/// change re-plans the event's reminders (after commit, through <see cref="AfterCommitQueue"/>).
/// </summary>
public sealed class PlacesLedger(EventManagerDbContext db, IPlaceWriteGate gate, ActivityLog activity)
{
    /// <summary>Creates the event's (closed) registration settings if it has none yet.</summary>
    public async Task EnsurePolicyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        if (await db.RegistrationPolicies.AnyAsync(p => p.EventId == eventId, cancellationToken))
        {
            return;
        }

        db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = eventId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organiser may have created it at the same moment; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.RegistrationPolicies.AnyAsync(p => p.EventId == eventId, cancellationToken))
            {
                throw;
            }
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Runs one change to the event's places under its lock, and commits it with everything the work added to the
    /// unit of work (registrations, messages, the activity line). A refused change leaves nothing behind.
    /// </summary>
    public async Task<DomainResult<T>> ChangeAsync<T>(int eventId, Func<RegistrationPolicy, Task<DomainResult<T>>> work, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(eventId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The first statement writes the event's policy row: from here until commit, no other change to
        // this event's places can run (SQL Server holds the row lock; SQLite holds its single write lock).
        var locked = await db.RegistrationPolicies
            .Where(p => p.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
        if (locked == 0)
        {
            return DomainResult<T>.Failure("", "Registration for this event is not open.");
        }

        var tracked = db.ChangeTracker.Entries<RegistrationPolicy>().FirstOrDefault(e => e.Entity.EventId == eventId);
        if (tracked is not null)
        {
            await tracked.ReloadAsync(cancellationToken);
        }

        var policy = tracked?.Entity ?? await db.RegistrationPolicies.SingleAsync(p => p.EventId == eventId, cancellationToken);
        var result = await work(policy);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            db.AfterCommit.Clear();
            return result;
        }

        // Who holds a place decides who gets reminders.
        db.AfterCommit.ReplanReminders(eventId);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Gives free places to the waiting list in order. A delegation moves up together, so a delegation that
    /// does not fit lets the next that does go first, rather than leave places empty.
    /// </summary>
    public async Task<List<Registration>> FillFreePlacesAsync(RegistrationPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        var free = policy.Capacity is int capacity ? capacity - policy.ConfirmedCount : int.MaxValue;
        var promoted = new List<Registration>();
        if (free <= 0)
        {
            return promoted;
        }

        var waiting = await db.Registrations
            .Where(r => r.EventId == policy.EventId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Sequence).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken);
        Dictionary<int, int>? perInstitution = null;
        if (policy.InstitutionQuota is not null)
        {
            perInstitution = await db.Registrations
                .Where(r => r.EventId == policy.EventId && r.Status == RegistrationStatus.Confirmed && r.InstitutionId != null)
                .GroupBy(r => r.InstitutionId!.Value)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        }

        foreach (var delegation in waiting.GroupBy(r => r.DelegationKey))
        {
            var members = delegation.ToList();
            if (members.Count > free)
            {
                continue;
            }

            var institution = members[0].InstitutionId;
            if (perInstitution is not null && institution is int id
                && perInstitution.GetValueOrDefault(id) + members.Count > policy.InstitutionQuota)
            {
                continue;
            }

            foreach (var member in members)
            {
                member.Status = RegistrationStatus.Confirmed;
                member.DecidedAtUtc = now;
                member.UpdatedAtUtc = now;
            }

            if (perInstitution is not null && institution is int counted)
            {
                perInstitution[counted] = perInstitution.GetValueOrDefault(counted) + members.Count;
            }

            free -= members.Count;
            policy.ConfirmedCount += members.Count;
            promoted.AddRange(members);
            activity.Add(ActivityKind.RegistrationPromoted, members);
            if (free == 0)
            {
                break;
            }
        }

        return promoted;
    }

    /// <summary>A registration gives up its place (declined, cancelled): a confirmed one frees it for the waiting list.</summary>
    public static void Release(RegistrationPolicy policy, Registration registration, RegistrationStatus status, DateTime now)
    {
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            policy.ConfirmedCount--;
        }

        registration.Status = status;
        registration.UpdatedAtUtc = now;
    }

    public async Task<bool> HasRoomAsync(RegistrationPolicy policy, int? institutionId, int people, CancellationToken cancellationToken, int extraForInstitution = 0)
    {
        if (policy.Capacity is int capacity && policy.ConfirmedCount + people > capacity)
        {
            return false;
        }

        if (policy.InstitutionQuota is int quota && institutionId is int id)
        {
            var held = await db.Registrations.CountAsync(r => r.EventId == policy.EventId && r.InstitutionId == id && r.Status == RegistrationStatus.Confirmed, cancellationToken);
            return held + extraForInstitution + people <= quota;
        }

        return true;
    }
}
