using EventManager.Core.Activity;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>Everything an organiser knows about one registration, for its own page.</summary>
public sealed record RegistrationDetail(
    Registration Registration,
    IReadOnlyList<Registration> Delegation,
    IReadOnlyList<RegistrationQuestion> Questions,
    IReadOnlyList<ActivityEntry> History,
    IReadOnlyList<OutgoingMessage> Messages,
    RegistrationPolicy? Policy);

/// <summary>What organisers may change beyond what the delegate can: the address, the category and the institution.</summary>
public sealed record RegistrationEdit(RegistrationCorrection Details, string Email, RegistrationCategory Category, int? InstitutionId);

/// <summary>
/// An organiser's work on one registration: correct it, send its private link again, restore a cancelled or declined
/// one (to the waiting list when no place is free), or confirm it beyond the places on purpose. Each is one line in
/// the activity log, saved with the change.
/// </summary>
public sealed class RegistrationAdministration(EventManagerDbContext db, TimeProvider time, PlacesLedger ledger, IRegistrationNotifier notifier, ActivityLog activity, TravelDocumentVault vault, AnswerFiles files)
{
    public const int ReasonMaxLength = 500;

    public async Task<RegistrationDetail?> DetailAsync(int eventId, int id, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.AsNoTracking().AsSplitQuery()
            .Include(r => r.Event).Include(r => r.Institution).Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
        if (registration is null)
        {
            return null;
        }

        var delegation = await db.Registrations.AsNoTracking()
            .Where(r => r.DelegationKey == registration.DelegationKey && r.Id != id)
            .OrderByDescending(r => r.IsHeadOfDelegation).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var questions = await new RegistrationQuestions(db).ListAsync(eventId, cancellationToken);
        var history = await db.Activity.AsNoTracking().Where(a => a.RegistrationId == id).OrderBy(a => a.Id).Take(200).ToListAsync(cancellationToken);
        var messages = await db.OutgoingMessages.AsNoTracking()
            .Where(m => m.EventId == eventId && m.RecipientEmail == registration.Email)
            .OrderByDescending(m => m.DueAtUtc).ThenByDescending(m => m.Id).Take(100).ToListAsync(cancellationToken);
        var policy = await db.RegistrationPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.EventId == eventId, cancellationToken);
        return new RegistrationDetail(registration, delegation, questions, history, messages, policy);
    }

    public async Task<DomainResult<Registration>> EditAsync(int eventId, int id, RegistrationEdit edit, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.Include(r => r.Event).Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
        if (registration is null)
        {
            return DomainResult<Registration>.Failure("", "This registration no longer exists.");
        }

        if (registration.ErasedAtUtc is not null)
        {
            return DomainResult<Registration>.Failure("", "This registration's personal data was erased; it cannot be edited.");
        }

        var before = Facts(registration);
        var email = RegistrationRules.NormalizeEmail(edit.Email);
        var errors = new List<DomainError>();
        if (!RegistrationRules.IsEmail(email))
        {
            errors.Add(new DomainError(nameof(RegistrationEdit.Email), "Enter an email address like name@university.edu."));
        }
        else if (email != registration.Email && await db.Registrations.AnyAsync(r => r.EventId == eventId && r.Email == email && r.Id != id, cancellationToken))
        {
            errors.Add(new DomainError(nameof(RegistrationEdit.Email), "{0} is already registered for this event.", email));
        }

        if (!Enum.IsDefined(edit.Category))
        {
            errors.Add(new DomainError(nameof(RegistrationEdit.Category), "Choose a category from the list."));
        }

        if (edit.InstitutionId is int institution && !await db.Institutions.AnyAsync(i => i.Id == institution, cancellationToken))
        {
            errors.Add(new DomainError(nameof(RegistrationEdit.InstitutionId), "Choose an institution from the list."));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(await RegistrationSelfService.ApplyAsync(db, vault, files, time, registration, edit.Details, byDelegate: false, cancellationToken));
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return DomainResult<Registration>.Failure(errors);
        }

        registration.Email = email;
        registration.Category = edit.Category;
        if (edit.InstitutionId is int chosen && chosen != registration.InstitutionId)
        {
            // A listed institution replaces the one the delegate proposed.
            registration.InstitutionId = chosen;
            registration.ProposedInstitutionName = null;
            registration.ProposedInstitutionNativeName = null;
        }

        var after = Facts(registration);
        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        if (changed.Count == 0)
        {
            db.ChangeTracker.Clear();
            return DomainResult<Registration>.Success(registration);
        }

        registration.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        activity.Add(ActivityKind.RegistrationEdited, registration, string.Join(", ", changed));
        // Who holds a place does not change, but reminders carry the name, language and zone.
        db.AfterCommit.ReplanReminders(eventId);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Registration>.Success(registration);
    }

    /// <summary>The fields an edit may change, by the names the log records (the form's field names).</summary>
    private static Dictionary<string, string?> Facts(Registration r) => new()
    {
        ["LatinName"] = r.LatinName, ["NativeName"] = r.NativeName, ["Position"] = r.Position, ["Email"] = r.Email, ["Phone"] = r.Phone,
        ["Category"] = r.Category.ToString(), ["InstitutionId"] = r.InstitutionId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PreferredLanguage"] = r.PreferredLanguage, ["TimeZoneId"] = r.TimeZoneId, ["DietaryNeeds"] = r.DietaryNeeds,
        ["ArrivalDate"] = r.ArrivalDate?.ToString("O"), ["DepartureDate"] = r.DepartureDate?.ToString("O"), ["NeedsVisaLetter"] = r.NeedsVisaLetter.ToString(),
        ["Answers"] = string.Join("\u001f", r.Answers.OrderBy(a => a.QuestionId).Select(a => $"{a.QuestionId}={a.Value}")),
    };

    /// <summary>Sends the delegate their private link again (they lost the confirmation).</summary>
    public async Task<DomainResult<Registration>> ResendLinkAsync(int eventId, int id, CancellationToken cancellationToken = default)
    {
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
        if (registration is null)
        {
            return DomainResult<Registration>.Failure("", "This registration no longer exists.");
        }

        if (registration.ErasedAtUtc is not null)
        {
            return DomainResult<Registration>.Failure("", "This registration's personal data was erased; there is no one to write to.");
        }

        await notifier.AddAsync(RegistrationNotice.LinkResent, [registration], cancellationToken);
        activity.Add(ActivityKind.PrivateLinkResent, registration);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Registration>.Success(registration);
    }

    /// <summary>
    /// Brings back a cancelled or declined registration: confirmed when a place is free (quota included), otherwise at
    /// the end of the waiting list. Capacity holds: a full event never gains a place this way.
    /// </summary>
    public Task<DomainResult<Registration>> RestoreAsync(int eventId, int id, CancellationToken cancellationToken = default) =>
        ledger.ChangeAsync<Registration>(eventId, async policy =>
        {
            var registration = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
            if (registration is null)
            {
                return DomainResult<Registration>.Failure("", "This registration no longer exists.");
            }

            if (registration.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Declined) || registration.ErasedAtUtc is not null)
            {
                return DomainResult<Registration>.Failure("", "Only a cancelled or declined registration can be restored.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var fits = await ledger.HasRoomAsync(policy, registration.InstitutionId, 1, cancellationToken);
            registration.Status = fits ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
            if (fits)
            {
                policy.ConfirmedCount++;
            }

            // Restored today: behind everyone already waiting.
            registration.Sequence = policy.Version;
            registration.CancelledAtUtc = null;
            registration.DecidedAtUtc = now;
            registration.UpdatedAtUtc = now;
            activity.Add(ActivityKind.RegistrationRestored, registration, registration.Status.ToString());
            await notifier.AddAsync(RegistrationNotice.Restored, [registration], cancellationToken);
            return DomainResult<Registration>.Success(registration);
        }, cancellationToken);

    /// <summary>
    /// Confirms a pending or waiting registration although no place is free (a minister's adviser, a signatory):
    /// only with a reason, which the activity log keeps. The places count goes above capacity and says so.
    /// </summary>
    public async Task<DomainResult<Registration>> ConfirmOverCapacityAsync(int eventId, int id, string? reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return DomainResult<Registration>.Failure("Reason", "Say why this person gets a place beyond the capacity; the activity log keeps it.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            return DomainResult<Registration>.Failure("Reason", "The reason can be at most {0} characters.", ReasonMaxLength);
        }

        return await ledger.ChangeAsync<Registration>(eventId, async policy =>
        {
            var registration = await db.Registrations.SingleOrDefaultAsync(r => r.EventId == eventId && r.Id == id, cancellationToken);
            if (registration is null)
            {
                return DomainResult<Registration>.Failure("", "This registration no longer exists.");
            }

            if (registration.Status is not (RegistrationStatus.Pending or RegistrationStatus.Waitlisted))
            {
                return DomainResult<Registration>.Failure("", "Only a registration awaiting approval or on the waiting list can be confirmed this way.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            registration.Status = RegistrationStatus.Confirmed;
            registration.DecidedAtUtc = now;
            registration.UpdatedAtUtc = now;
            policy.ConfirmedCount++;
            activity.Add(ActivityKind.RegistrationConfirmedOverCapacity, registration, reason);
            await notifier.AddAsync(RegistrationNotice.Approved, [registration], cancellationToken);
            return DomainResult<Registration>.Success(registration);
        }, cancellationToken);
    }
}
