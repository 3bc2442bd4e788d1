using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using EventManager.Core.Activity;

namespace EventManager.Core.Agenda;

public interface IAgendaNotifier
{
    /// <summary>Tells each person whose sessions a newly published version changed.</summary>
    Task AgendaChangedAsync(Event ev, int version, IReadOnlyList<(AgendaRecipient Recipient, IReadOnlyList<AgendaChange> Changes)> affected, CancellationToken cancellationToken = default);
}

/// <summary>
/// Who hears of a change: a registration (their private agenda, or the public one when registered for another event of
/// the family), or a speaker who registers nowhere (their own page). <paramref name="Key"/> tells them apart in the outbox.
/// </summary>
public sealed record AgendaRecipient(string Key, string Email, string LatinName, string? NativeName, string? Language, string? TimeZoneId, string LinkPath)
{
    public static AgendaRecipient Of(Registration r, Event ev) => new($"registration:{r.Id}", r.Email, r.LatinName, r.NativeName, r.PreferredLanguage, r.TimeZoneId,
        r.EventId == ev.Id ? $"/r/{r.Token}/agenda" : $"/events/{ev.Slug}/agenda");
}

/// <summary>
/// Publishing turns the draft into the next numbered version that delegates see; the changes since the last one
/// are told to those they concern, the activity log records who published, and reminders are planned again.
/// </summary>
public sealed class AgendaPublishing(EventManagerDbContext db, TimeProvider time, AgendaDrafts drafts, AgendaFamily family, IAgendaNotifier notifier, ActivityLog activity)
{
    public async Task<IReadOnlyList<AgendaVersion>> VersionsAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.AgendaVersions.AsNoTracking().Where(v => v.EventId == eventId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>
    /// Publishes the draft as the next numbered version, unless a clash error stands in the way; tells the
    /// delegates whose sessions changed (speakers, chairs, and those who chose to attend).
    /// </summary>
    public async Task<DomainResult<AgendaVersion>> PublishAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.DraftAsync(eventId, cancellationToken);
        if (draft is null)
        {
            return DomainResult<AgendaVersion>.Failure([new DomainError("", "This event no longer exists.")]);
        }

        var blocking = draft.Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (blocking.Count > 0)
        {
            return DomainResult<AgendaVersion>.Failure(blocking.Select(i => new DomainError("", i.Message, i.Arguments)).ToList());
        }

        var previous = draft.Latest is null ? null : PublishedAgenda.FromJson(draft.Latest.Snapshot).Rekeyed(draft.Event.LanguageList);
        var (sessions, changes) = await PendingAsync(draft, previous, cancellationToken);
        if (previous is not null && changes.Count == 0)
        {
            // An empty version would tell delegates nothing and raise every feed's sequence for no reason.
            return DomainResult<AgendaVersion>.Failure([new DomainError("", "Nothing has changed since version {0}; there is nothing new to publish.", previous.Version)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var number = (draft.Latest?.Number ?? 0) + 1;
        var published = new PublishedAgenda(number, now, draft.Rooms.Select(r => new PublishedRoom(r.Id, r.Name, r.SortOrder)).ToList(), sessions);
        var version = new AgendaVersion
        {
            EventId = eventId,
            Number = number,
            PublishedAtUtc = now,
            Snapshot = published.ToJson(),
            Changes = AgendaChange.ToJson(changes),
        };
        db.AgendaVersions.Add(version);
        activity.Add(ActivityKind.AgendaPublished, eventId, number);
        // Sessions moved or cancelled move their reminders.
        db.AfterCommit.ReplanReminders(eventId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return DomainResult<AgendaVersion>.Failure([new DomainError("", "Another organiser published at the same moment; look at the agenda again and publish once more.")]);
        }

        if (previous is not null && changes.Count > 0)
        {
            await NotifyAffectedAsync(draft.Event, number, sessions, changes, cancellationToken);
        }

        return DomainResult<AgendaVersion>.Success(version);
    }

    /// <summary>What publishing now would change, compared with the last published version.</summary>
    public async Task<IReadOnlyList<AgendaChange>> PendingChangesAsync(AgendaDraft draft, CancellationToken cancellationToken = default)
    {
        var previous = draft.Latest is null ? null : PublishedAgenda.FromJson(draft.Latest.Snapshot).Rekeyed(draft.Event.LanguageList);
        return (await PendingAsync(draft, previous, cancellationToken)).Changes;
    }

    private async Task<(IReadOnlyList<PublishedSession> Sessions, IReadOnlyList<AgendaChange> Changes)> PendingAsync(AgendaDraft draft, PublishedAgenda? previous, CancellationToken cancellationToken)
    {
        var personIds = draft.Sessions.SelectMany(s => s.People).Select(p => p.DelegateId).Distinct().ToList();
        var persons = await db.Delegates.AsNoTracking().Where(d => personIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var drafted = draft.Sessions.Select(s => new PublishedSession(
            s.Uid, 0, s.Title, s.Description, s.Kind, s.StartsAtUtc, s.EndsAtUtc, s.RoomId, s.Room?.Name, s.Language, s.Interpretation, s.IsCancelled,
            s.People.OrderBy(p => p.Role).ThenBy(p => persons.TryGetValue(p.DelegateId, out var d) ? d.LatinName : "", StringComparer.Ordinal)
                .Select(p => persons.TryGetValue(p.DelegateId, out var d)
                    ? new PublishedPerson(d.Id, d.LatinName, d.NativeName, d.Position, p.Role)
                    : new PublishedPerson(p.DelegateId, "?", null, null, p.Role)).ToList())).ToList();
        return AgendaDiff.Compare(previous, drafted);
    }

    private async Task NotifyAffectedAsync(Event ev, int number, IReadOnlyList<PublishedSession> sessions, IReadOnlyList<AgendaChange> changes, CancellationToken cancellationToken)
    {
        var changedUids = changes.Select(c => c.Uid).ToHashSet();
        var people = sessions.Where(s => changedUids.Contains(s.Uid)).SelectMany(s => s.People.Select(p => (p.DelegateId, s.Uid))).ToList();
        var delegateIds = people.Select(p => p.DelegateId).Distinct().ToList();
        var uids = changedUids.ToList();
        var choices = await db.SessionChoices.AsNoTracking().Where(c => uids.Contains(c.SessionUid)).ToListAsync(cancellationToken);
        var registrationIds = choices.Select(c => c.RegistrationId).Distinct().ToList();
        var onProgramme = await family.ProgrammeRegistrationsAsync(ev.Id, delegateIds, cancellationToken);
        var known = onProgramme.Select(r => r.Id).ToList();
        var attending = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == ev.Id && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined
                && registrationIds.Contains(r.Id) && !known.Contains(r.Id)
                && (r.DelegateId == null || !delegateIds.Contains(r.DelegateId.Value)))
            .ToListAsync(cancellationToken);
        var registrations = onProgramme.Concat(attending).ToList();
        var affected = registrations.Select(r =>
        {
            var mine = people.Where(p => p.DelegateId == r.DelegateId).Select(p => p.Uid)
                .Concat(choices.Where(c => c.RegistrationId == r.Id).Select(c => c.SessionUid)).ToHashSet();
            return (AgendaRecipient.Of(r, ev), (IReadOnlyList<AgendaChange>)changes.Where(c => mine.Contains(c.Uid)).ToList());
        }).Where(a => a.Item2.Count > 0).ToList();
        // Speakers who register nowhere hear of it at the directory's address, with their own page as the link.
        var registeredPeople = onProgramme.Select(r => r.DelegateId).ToHashSet();
        var unregistered = await db.Delegates.AsNoTracking()
            .Where(d => delegateIds.Contains(d.Id) && d.Email != null && !registeredPeople.Contains(d.Id)).ToListAsync(cancellationToken);
        var tokens = await Delegates.PeopleDirectory.EnsureTokensAsync(db, unregistered.Select(d => d.Id).ToList(), cancellationToken);
        affected.AddRange(unregistered.Select(d =>
        {
            var mine = people.Where(p => p.DelegateId == d.Id).Select(p => p.Uid).ToHashSet();
            return (new AgendaRecipient($"person:{d.Id}", d.Email!, d.TitledName, d.NativeName, d.PreferredLanguage, d.TimeZoneId, $"/p/{tokens[d.Id]}"),
                (IReadOnlyList<AgendaChange>)changes.Where(c => mine.Contains(c.Uid)).ToList());
        }).Where(a => a.Item2.Count > 0));
        if (affected.Count > 0)
        {
            await notifier.AgendaChangedAsync(ev, number, affected, cancellationToken);
        }
    }
}
