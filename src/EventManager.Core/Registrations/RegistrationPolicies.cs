using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>When an event takes registrations, how many, and whether an organiser approves each.</summary>
public sealed class RegistrationPolicies(EventManagerDbContext db, TimeProvider time, PlacesLedger ledger, IRegistrationNotifier notifier, Activity.ActivityLog activity)
{
    public Task<RegistrationPolicy?> FindAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);

    public bool IsOpen(RegistrationPolicy? policy) => policy is not null && policy.IsOpenAt(time.GetUtcNow().UtcDateTime);
    public async Task<DomainResult<RegistrationPolicy>> SaveAsync(int eventId, RegistrationPolicyInput input, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return DomainResult<RegistrationPolicy>.Failure("", "This event no longer exists.");
        }

        var errors = new List<DomainError>();
        var zone = EventTime.FindZone(ev.TimeZoneId);
        DateTime? opens = null, closes = null;
        if (input.OpensLocal is { } o)
        {
            if (!EventTime.TryToUtc(o, zone, out var utc))
            {
                errors.Add(new DomainError("OpensLocal", "This time does not exist in {0}: the clocks skip it.", zone.Id));
            }

            opens = utc;
        }

        if (input.ClosesLocal is { } c)
        {
            if (!EventTime.TryToUtc(c, zone, out var utc))
            {
                errors.Add(new DomainError("ClosesLocal", "This time does not exist in {0}: the clocks skip it.", zone.Id));
            }

            closes = utc;
        }

        if (opens is not null && closes is not null && closes <= opens)
        {
            errors.Add(new DomainError("ClosesLocal", "Registration must close after it opens."));
        }

        if (input.Capacity is < 0 or > 1_000_000)
        {
            errors.Add(new DomainError("Capacity", "Enter a number of places between 0 and 1,000,000, or leave it empty for no limit."));
        }

        if (input.InstitutionQuota is < 1 or > 1_000_000)
        {
            errors.Add(new DomainError("InstitutionQuota", "Enter at least 1 place per institution, or leave it empty for no limit."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<RegistrationPolicy>.Failure(errors);
        }

        await ledger.EnsurePolicyAsync(eventId, cancellationToken);
        var result = await ledger.ChangeAsync<RegistrationPolicy>(eventId, async policy =>
        {
            policy.Enabled = input.Enabled;
            policy.OpensAtUtc = opens;
            policy.ClosesAtUtc = closes;
            policy.Capacity = input.Capacity;
            policy.InstitutionQuota = input.InstitutionQuota;
            policy.RequiresApproval = input.RequiresApproval;
            policy.InvitationOnly = input.InvitationOnly;
            activity.Add(Activity.ActivityKind.RegistrationSettingsChanged, eventId, "");
            var promoted = await ledger.FillFreePlacesAsync(policy, time.GetUtcNow().UtcDateTime, cancellationToken);
            await notifier.AddAsync(RegistrationNotice.PromotedFromWaitingList, promoted, cancellationToken);
            return DomainResult<RegistrationPolicy>.Success(policy);
        }, cancellationToken);

        return result;
    }
}
