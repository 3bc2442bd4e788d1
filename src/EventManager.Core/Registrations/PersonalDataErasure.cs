using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

/// <summary>Erased: rows whose personal data is gone. Kept: signatories and speakers, whose names are part of the record.</summary>
public sealed record ErasureReport(int Erased, IReadOnlyList<string> KeptSignatories, IReadOnlyList<string> KeptSpeakers);

/// <summary>
/// Erases delegates' personal data (names, email, phone, position, dietary needs, travel dates, language, zone, written
/// answers to the event's questions) while
/// keeping each registration's institution, country, category, status and check-in, so the event's figures stay
/// right. Messages still waiting to them are dropped and the text of those sent is blanked; their private link stops
/// working. Whoever signs an agreement or is on the agenda keeps their name: certificates and the published agenda
/// are records. Before the event ends only cancelled or declined registrations can be erased.
/// </summary>
public sealed class PersonalDataErasure(EventManagerDbContext db, TimeProvider time, Activity.ActivityLog activity, IEnumerable<IPersonalDataEraser> erasers)
{
    public const string ErasedName = "—";

    public async Task<DomainResult<ErasureReport>> EraseAsync(int eventId, IReadOnlyCollection<int>? ids, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return Failure(new DomainError("", "This event no longer exists."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var ended = ev.EndsAtUtc <= now;
        if (ids is null && !ended)
        {
            return Failure(new DomainError("", "Everyone's personal data can be erased once the event has ended."));
        }

        if (ids is { Count: 0 })
        {
            return Failure(new DomainError("", "Select the registrations whose personal data is to be erased."));
        }

        var chosen = await db.Registrations
            .Where(r => r.EventId == eventId && r.ErasedAtUtc == null && (ids == null || ids.Contains(r.Id)))
            .ToListAsync(cancellationToken);
        if (!ended && chosen.FirstOrDefault(r => r.Status is not (RegistrationStatus.Cancelled or RegistrationStatus.Declined)) is { } active)
        {
            return Failure(new DomainError("", "{0} still holds or waits for a place: cancel or decline the registration before erasing it, or wait until the event has ended.", active.LatinName));
        }

        var chosenIds = chosen.Select(r => r.Id).ToList();
        var signing = (await db.AgreementParties
                .Where(p => p.SignatoryRegistrationId != null && chosenIds.Contains(p.SignatoryRegistrationId.Value) && p.Agreement!.Status != AgreementStatus.Withdrawn)
                .Select(p => p.SignatoryRegistrationId!.Value).ToListAsync(cancellationToken))
            .ToHashSet();
        var delegateIds = chosen.Where(r => r.DelegateId != null).Select(r => r.DelegateId!.Value).ToList();
        var speaking = (await db.SessionPeople.Where(p => delegateIds.Contains(p.DelegateId)).Select(p => p.DelegateId).ToListAsync(cancellationToken)).ToHashSet();
        var keptSignatories = chosen.Where(r => signing.Contains(r.Id)).ToList();
        var keptSpeakers = chosen.Where(r => !signing.Contains(r.Id) && r.DelegateId is int d && speaking.Contains(d)).ToList();
        var erasing = chosen.Except(keptSignatories).Except(keptSpeakers).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var formerEmails = erasing.ToDictionary(r => r.Email, r => ErasedEmail(r.Id));
        var formerDelegates = erasing.Where(r => r.DelegateId != null).Select(r => r.DelegateId!.Value).Distinct().ToList();
        var formerNames = await db.Delegates.Where(d => formerDelegates.Contains(d.Id)).Select(d => d.LatinName).ToListAsync(cancellationToken);
        foreach (var r in erasing)
        {
            r.LatinName = ErasedName;
            r.NativeName = null;
            r.Position = null;
            r.Email = ErasedEmail(r.Id);
            r.Phone = null;
            r.DietaryNeeds = null;
            r.ArrivalDate = null;
            r.DepartureDate = null;
            r.NeedsVisaLetter = false;
            r.TravelDocument = null;
            r.PreferredLanguage = null;
            r.TimeZoneId = null;
            r.DelegateId = null;
            // The old private link stops working; nobody is told the new one.
            r.Token = RegistrationRules.NewToken();
            r.ErasedAtUtc = now;
        }

        activity.Add(Activity.ActivityKind.PersonalDataErased, eventId, erasing.Count);
        await db.SaveChangesAsync(cancellationToken);

        // Messages: the waiting ones are not sent; the sent and failed ones keep only that they existed.
        foreach (var chunk in formerEmails.Keys.Chunk(200))
        {
            var messages = db.OutgoingMessages.Where(m => m.EventId == eventId && chunk.Contains(m.RecipientEmail));
            await messages.Where(m => m.Status == MessageStatus.Pending).ExecuteDeleteAsync(cancellationToken);
            await db.Set<MessageAttachment>().Where(a => messages.Any(m => m.Id == a.OutgoingMessageId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var email in chunk)
            {
                await messages.Where(m => m.RecipientEmail == email).ExecuteUpdateAsync(u => u
                    .SetProperty(m => m.RecipientEmail, formerEmails[email])
                    .SetProperty(m => m.RecipientName, (string?)null)
                    .SetProperty(m => m.Subject, "")
                    .SetProperty(m => m.TextBody, "")
                    .SetProperty(m => m.HtmlBody, (string?)null)
                    .SetProperty(m => m.LastError, (string?)null), cancellationToken);
            }
        }

        // Written answers may say anything about a person (a flight, a passport); yes/no and choices stay for the figures.
        var erasedIds = erasing.Select(r => r.Id).ToList();
        await db.RegistrationAnswers.Where(a => erasedIds.Contains(a.RegistrationId) && (a.Question!.Kind == QuestionKind.Text || a.Question.Kind == QuestionKind.File)).ExecuteDeleteAsync(cancellationToken);

        // A person record nobody else refers to goes too.
        await db.Delegates
            .Where(d => formerDelegates.Contains(d.Id) && !db.Registrations.Any(r => r.DelegateId == d.Id) && !db.SessionPeople.Any(p => p.DelegateId == d.Id)
                && !db.AgreementParties.Any(p => p.SignatoryPersonId == d.Id)
                // An interpreter, or someone who met on their own behalf, stays on the meetings' record as a signatory does.
                && !db.Interpreters.Any(i => i.PersonId == d.Id) && !db.MeetingDelegations.Any(m => m.PersonId == d.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await activity.ForgetNamesAsync(formerNames, cancellationToken);
        // Every other kind of personal data the app keeps, each by its own eraser, in the same transaction.
        var scope = new ErasureScope(eventId, ids is null, erasedIds, formerEmails.Keys.ToList());
        foreach (var eraser in erasers)
        {
            await eraser.EraseAsync(db, scope, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return DomainResult<ErasureReport>.Success(new ErasureReport(erasing.Count,
            keptSignatories.Select(r => r.LatinName).ToList(), keptSpeakers.Select(r => r.LatinName).ToList()));
    }

    /// <summary>Unique per event (the database insists on one registration per address) and deliverable nowhere.</summary>
    public static string ErasedEmail(int registrationId) => $"erased-{registrationId}@erased.invalid";

    private static DomainResult<ErasureReport> Failure(DomainError error) => DomainResult<ErasureReport>.Failure([error]);
}
