using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>What organisers changed in one go, and whom it moved.</summary>
public sealed record PlacesChange(IReadOnlyList<Registration> Confirmed, IReadOnlyList<Registration> Waitlisted, IReadOnlyList<Registration> Declined, IReadOnlyList<Registration> Promoted);

/// <summary>Organisers approve or decline registrations; the activity log records each decision with it.</summary>
public sealed class RegistrationDecisions(EventManagerDbContext db, TimeProvider time, PlacesLedger ledger, IRegistrationNotifier notifier, ActivityLog activity)
{
    /// <summary>Approves pending registrations in the order they came; those that no longer fit go to the waiting list.</summary>
    public async Task<DomainResult<PlacesChange>> ApproveAsync(int eventId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        var result = await ledger.ChangeAsync<PlacesChange>(eventId, async policy =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var pending = await db.Registrations
                .Where(r => r.EventId == eventId && ids.Contains(r.Id) && r.Status == RegistrationStatus.Pending)
                .OrderBy(r => r.Sequence).ThenBy(r => r.Id)
                .ToListAsync(cancellationToken);
            var confirmed = new List<Registration>();
            var waitlisted = new List<Registration>();
            foreach (var registration in pending)
            {
                var fits = await ledger.HasRoomAsync(policy, registration.InstitutionId, 1, cancellationToken, extraForInstitution: confirmed.Count(c => c.InstitutionId == registration.InstitutionId));
                registration.Status = fits ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                registration.DecidedAtUtc = now;
                registration.UpdatedAtUtc = now;
                if (fits)
                {
                    policy.ConfirmedCount++;
                    confirmed.Add(registration);
                }
                else
                {
                    waitlisted.Add(registration);
                }
            }

            await notifier.AddAsync(RegistrationNotice.Approved, confirmed, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.Waitlisted, waitlisted, cancellationToken);
            activity.Add(ActivityKind.RegistrationApproved, pending, r => r.Status.ToString());

            return DomainResult<PlacesChange>.Success(new PlacesChange(confirmed, waitlisted, [], []));
        }, cancellationToken);

        return result;
    }

    /// <summary>Declines registrations; places they held go to the waiting list.</summary>
    public async Task<DomainResult<PlacesChange>> DeclineAsync(int eventId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        var result = await ledger.ChangeAsync<PlacesChange>(eventId, async policy =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var open = await db.Registrations
                .Where(r => r.EventId == eventId && ids.Contains(r.Id)
                    && (r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Confirmed))
                .ToListAsync(cancellationToken);
            foreach (var registration in open)
            {
                PlacesLedger.Release(policy, registration, RegistrationStatus.Declined, now);
                registration.DecidedAtUtc = now;
            }

            var promoted = await ledger.FillFreePlacesAsync(policy, now, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.Declined, open, cancellationToken);
            activity.Add(ActivityKind.RegistrationDeclined, open);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<PlacesChange>.Success(new PlacesChange([], [], open, promoted));
        }, cancellationToken);

        return result;
    }
}
