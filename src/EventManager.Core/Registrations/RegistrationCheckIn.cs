using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>The desk marks delegates as arrived.</summary>
public sealed class RegistrationCheckIn(EventManagerDbContext db, TimeProvider time, ActivityLog activity)
{
    /// <summary>Marks a confirmed delegate as arrived (or takes it back).</summary>
    public async Task<DomainResult<Registration>> CheckInAsync(int eventId, int id, bool arrived, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
        if (registration is null)
        {
            return DomainResult<Registration>.Failure("", "This registration no longer exists.");
        }

        if (registration.Status != RegistrationStatus.Confirmed)
        {
            return DomainResult<Registration>.Failure("", "Only confirmed delegates can be checked in.");
        }

        if (arrived != registration.CheckedInAtUtc is not null)
        {
            activity.Add(arrived ? ActivityKind.CheckedIn : ActivityKind.CheckInUndone, registration);
        }

        registration.CheckedInAtUtc = arrived ? registration.CheckedInAtUtc ?? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Registration>.Success(registration);
    }
}
