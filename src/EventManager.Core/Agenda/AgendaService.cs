using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EventManager.Core.Agenda;

public sealed record SessionInput(
    string Title,
    string? Description,
    SessionKind Kind,
    DateTime StartsLocal,
    DateTime EndsLocal,
    int? RoomId,
    int? ChairDelegateId,
    IReadOnlyList<int> SpeakerDelegateIds,
    int? ExpectedAttendance,
    string? Language,
    string? Interpretation);

public sealed record RoomInput(string Name, string? Venue, int? Capacity);

/// <summary>A person organisers may put on the agenda: a delegate registered for an event of the family.</summary>
public sealed record AgendaPerson(int DelegateId, string LatinName, string? NativeName, string? Institution);

/// <summary>Everything the editor shows for one event: its sessions, the family's rooms, and what clashes.</summary>
public sealed record AgendaDraft(Event Event, IReadOnlyList<Session> Sessions, IReadOnlyList<Room> Rooms, IReadOnlyList<AgendaIssue> Issues, AgendaVersion? Latest);

public interface IAgendaNotifier
{
    /// <summary>Tells each delegate whose sessions a newly published version changed.</summary>
    Task AgendaChangedAsync(Event ev, int version, IReadOnlyList<(Registration Registration, IReadOnlyList<AgendaChange> Changes)> affected, CancellationToken cancellationToken = default);
}

public sealed class AgendaService(EventManagerDbContext db, TimeProvider time, IAgendaNotifier notifier, IMemoryCache cache)
{
    /// <summary>The outermost event, which owns the rooms every event inside it uses.</summary>
    public async Task<int> RootEventIdAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var current = eventId;
        for (var depth = 0; depth < 16; depth++)
        {
            var parent = await db.Events.Where(e => e.Id == current).Select(e => e.ParentEventId).SingleOrDefaultAsync(cancellationToken);
            if (parent is not int p)
            {
                break;
            }

            current = p;
        }

        return current;
    }

    /// <summary>The root event and every event inside it, at any depth.</summary>
    public async Task<List<Event>> FamilyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await RootEventIdAsync(eventId, cancellationToken);
        var family = new List<Event>();
        var frontier = new List<int> { root };
        while (frontier.Count > 0 && family.Count < 1000)
        {
            var level = await db.Events.AsNoTracking().Where(e => frontier.Contains(e.Id)).ToListAsync(cancellationToken);
            family.AddRange(level);
            frontier = await db.Events.Where(e => e.ParentEventId != null && frontier.Contains(e.ParentEventId.Value)).Select(e => e.Id).ToListAsync(cancellationToken);
        }

        return family;
    }

    public async Task<IReadOnlyList<Room>> RoomsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await RootEventIdAsync(eventId, cancellationToken);
        return await db.Rooms.AsNoTracking().Where(r => r.EventId == root).OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(cancellationToken);
    }

    public async Task<DomainResult<Room>> SaveRoomAsync(int eventId, int? roomId, RoomInput input, CancellationToken cancellationToken = default)
    {
        var root = await RootEventIdAsync(eventId, cancellationToken);
        var errors = new List<DomainError>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new DomainError("Name", "Enter the room's name."));
        }
        else if (name.Length > 100)
        {
            errors.Add(new DomainError("Name", "This can be at most {0} characters.", 100));
        }
        else if (await db.Rooms.AnyAsync(r => r.EventId == root && r.Name == name && r.Id != (roomId ?? 0), cancellationToken))
        {
            errors.Add(new DomainError("Name", "There is already a room called {0}.", name));
        }

        if (input.Venue is { Length: > 200 })
        {
            errors.Add(new DomainError("Venue", "This can be at most {0} characters.", 200));
        }

        if (input.Capacity is < 1 or > 100_000)
        {
            errors.Add(new DomainError("Capacity", "Enter how many people the room holds, from 1 to 100,000, or leave it empty."));
        }

        Room? room = null;
        if (roomId is int id)
        {
            room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == id && r.EventId == root, cancellationToken);
            if (room is null)
            {
                errors.Add(new DomainError("", "This room no longer exists."));
            }
        }

        if (errors.Count > 0)
        {
            return DomainResult<Room>.Failure(errors);
        }

        if (room is null)
        {
            var order = await db.Rooms.Where(r => r.EventId == root).Select(r => (int?)r.SortOrder).MaxAsync(cancellationToken) ?? 0;
            room = new Room { EventId = root, Name = name, SortOrder = order + 1 };
            db.Rooms.Add(room);
        }

        room.Name = name;
        room.Venue = string.IsNullOrWhiteSpace(input.Venue) ? null : input.Venue.Trim();
        room.Capacity = input.Capacity;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Room>.Success(room);
    }

    /// <summary>Delegates who may chair or speak: registered (and not cancelled or declined) for an event of the family.</summary>
    public async Task<IReadOnlyList<AgendaPerson>> PeopleAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var family = (await FamilyAsync(eventId, cancellationToken)).Select(e => e.Id).ToList();
        var people = await db.Registrations.AsNoTracking()
            .Where(r => family.Contains(r.EventId) && r.DelegateId != null
                && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
            .Select(r => new AgendaPerson(r.DelegateId!.Value, r.LatinName, r.NativeName, r.Institution != null ? r.Institution.EnglishName : r.ProposedInstitutionName))
            .ToListAsync(cancellationToken);
        return people.DistinctBy(p => p.DelegateId).OrderBy(p => p.LatinName, StringComparer.Ordinal).ToList();
    }

    public async Task<AgendaDraft?> DraftAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var family = await FamilyAsync(eventId, cancellationToken);
        var ev = family.FirstOrDefault(e => e.Id == eventId);
        if (ev is null)
        {
            return null;
        }

        var ids = family.Select(e => e.Id).ToList();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.People).Include(s => s.Room)
            .Where(s => ids.Contains(s.EventId)).ToListAsync(cancellationToken);
        var rooms = await RoomsAsync(eventId, cancellationToken);
        var issues = await CheckAsync(ev, family, sessions, rooms, cancellationToken);
        var latest = await LatestAsync(eventId, cancellationToken);
        return new AgendaDraft(ev, sessions.Where(s => s.EventId == eventId).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Room?.SortOrder).ToList(), rooms, issues, latest);
    }

    private async Task<List<AgendaIssue>> CheckAsync(Event ev, List<Event> family, List<Session> sessions, IReadOnlyList<Room> rooms, CancellationToken cancellationToken)
    {
        var personIds = sessions.SelectMany(s => s.People).Select(p => p.DelegateId).Distinct().ToList();
        var names = await db.Delegates.Where(d => personIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.LatinName, cancellationToken);
        return AgendaChecks.Check([ev.Id], sessions, family.ToDictionary(e => e.Id), rooms.ToDictionary(r => r.Id), names);
    }

    public Task<Session?> FindSessionAsync(int eventId, int sessionId, CancellationToken cancellationToken = default) =>
        db.Sessions.AsNoTracking().Include(s => s.People).SingleOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, cancellationToken);

    /// <summary>Saves a session of the draft. Clashes do not stop a save; they are shown, and they stop publishing.</summary>
    public async Task<DomainResult<Session>> SaveSessionAsync(int eventId, int? sessionId, SessionInput input, CancellationToken cancellationToken = default)
    {
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return DomainResult<Session>.Failure([new DomainError("", "This event no longer exists.")]);
        }

        var errors = new List<DomainError>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add(new DomainError("Title", "Enter the session's title."));
        }
        else if (title.Length > 300)
        {
            errors.Add(new DomainError("Title", "This can be at most {0} characters.", 300));
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new DomainError("Kind", "Choose a kind of session from the list."));
        }

        if (input.Description is { Length: > 4000 })
        {
            errors.Add(new DomainError("Description", "This can be at most {0} characters.", 4000));
        }

        if (input.Interpretation is { Length: > 200 })
        {
            errors.Add(new DomainError("Interpretation", "This can be at most {0} characters.", 200));
        }

        if (!string.IsNullOrWhiteSpace(input.Language) && !RegistrationRules.Languages.Contains(input.Language))
        {
            errors.Add(new DomainError("Language", "Choose a language from the list."));
        }

        if (input.ExpectedAttendance is < 0 or > 1_000_000)
        {
            errors.Add(new DomainError("ExpectedAttendance", "Enter a number of people from 0 upwards, or leave it empty."));
        }

        var zone = EventTime.FindZone(ev.TimeZoneId);
        DateTime startsUtc = default, endsUtc = default;
        var timesOk = true;
        foreach (var (field, local) in new[] { ("StartsLocal", input.StartsLocal), ("EndsLocal", input.EndsLocal) })
        {
            if (local.Year < EventRules.FirstYear || local.Year > EventRules.LastYear)
            {
                errors.Add(new DomainError(field, "Enter a date between the years {0} and {1}.", EventRules.FirstYear, EventRules.LastYear));
                timesOk = false;
            }
            else if (!EventTime.TryToUtc(local, zone, out var utc))
            {
                errors.Add(new DomainError(field, "This time does not exist in {0}: the clocks skip it.", zone.Id));
                timesOk = false;
            }
            else if (field == "StartsLocal")
            {
                startsUtc = utc;
            }
            else
            {
                endsUtc = utc;
            }
        }

        if (timesOk && endsUtc <= startsUtc)
        {
            errors.Add(new DomainError("EndsLocal", "The session must end after it starts."));
        }

        var root = await RootEventIdAsync(eventId, cancellationToken);
        if (input.RoomId is int roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId && r.EventId == root, cancellationToken))
        {
            errors.Add(new DomainError("RoomId", "Choose a room from the list."));
        }

        var wanted = input.SpeakerDelegateIds.Concat(input.ChairDelegateId is int c ? [c] : []).Distinct().ToList();
        if (wanted.Count > 0)
        {
            var allowed = (await PeopleAsync(eventId, cancellationToken)).Select(p => p.DelegateId).ToHashSet();
            if (wanted.Any(id => !allowed.Contains(id)))
            {
                errors.Add(new DomainError("SpeakerDelegateIds", "Chairs and speakers must be delegates registered for this event or an event it is part of."));
            }
        }

        Session? session = null;
        if (sessionId is int sid)
        {
            session = await db.Sessions.Include(s => s.People).SingleOrDefaultAsync(s => s.Id == sid && s.EventId == eventId, cancellationToken);
            if (session is null)
            {
                errors.Add(new DomainError("", "This session no longer exists."));
            }
        }

        if (errors.Count > 0)
        {
            return DomainResult<Session>.Failure(errors);
        }

        session ??= db.Sessions.Add(new Session { EventId = eventId, Uid = Guid.NewGuid(), Title = title }).Entity;
        session.Title = title;
        session.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        session.Kind = input.Kind;
        session.StartsAtUtc = startsUtc;
        session.EndsAtUtc = endsUtc;
        session.RoomId = input.RoomId;
        session.ExpectedAttendance = input.ExpectedAttendance;
        session.Language = string.IsNullOrWhiteSpace(input.Language) ? null : input.Language;
        session.Interpretation = string.IsNullOrWhiteSpace(input.Interpretation) ? null : input.Interpretation.Trim();
        session.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        session.People.Clear();
        if (input.ChairDelegateId is int chair)
        {
            session.People.Add(new SessionPerson { DelegateId = chair, Role = SessionRole.Chair });
        }

        foreach (var speaker in input.SpeakerDelegateIds.Distinct().Where(id => id != input.ChairDelegateId))
        {
            session.People.Add(new SessionPerson { DelegateId = speaker, Role = SessionRole.Speaker });
        }

        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Session>.Success(session);
    }

    /// <summary>Moves a session to another start (keeping its length) and, if given, another room.</summary>
    public async Task<DomainResult<Session>> MoveSessionAsync(int eventId, int sessionId, DateTime startsLocal, int? roomId, CancellationToken cancellationToken = default)
    {
        var session = await FindSessionAsync(eventId, sessionId, cancellationToken);
        if (session is null)
        {
            return DomainResult<Session>.Failure([new DomainError("", "This session no longer exists.")]);
        }

        var length = session.EndsAtUtc - session.StartsAtUtc;
        var endsLocal = startsLocal + length;
        var input = new SessionInput(session.Title, session.Description, session.Kind, startsLocal, endsLocal, roomId, session.People.FirstOrDefault(p => p.Role == SessionRole.Chair)?.DelegateId,
            session.People.Where(p => p.Role == SessionRole.Speaker).Select(p => p.DelegateId).ToList(), session.ExpectedAttendance, session.Language, session.Interpretation);
        return await SaveSessionAsync(eventId, sessionId, input, cancellationToken);
    }

    public async Task<bool> SetCancelledAsync(int eventId, int sessionId, bool cancelled, CancellationToken cancellationToken = default)
    {
        var changed = await db.Sessions.Where(s => s.Id == sessionId && s.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsCancelled, cancelled).SetProperty(x => x.UpdatedAtUtc, time.GetUtcNow().UtcDateTime), cancellationToken);
        return changed == 1;
    }

    public Task<AgendaVersion?> LatestAsync(int eventId, CancellationToken cancellationToken = default) =>
        db.AgendaVersions.AsNoTracking().Where(v => v.EventId == eventId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<AgendaVersion>> VersionsAsync(int eventId, CancellationToken cancellationToken = default) =>
        await db.AgendaVersions.AsNoTracking().Where(v => v.EventId == eventId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>
    /// Publishes the draft as the next numbered version, unless a clash error stands in the way; tells the
    /// delegates whose sessions changed (speakers, chairs, and those who chose to attend).
    /// </summary>
    public async Task<DomainResult<AgendaVersion>> PublishAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var draft = await DraftAsync(eventId, cancellationToken);
        if (draft is null)
        {
            return DomainResult<AgendaVersion>.Failure([new DomainError("", "This event no longer exists.")]);
        }

        var blocking = draft.Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
        if (blocking.Count > 0)
        {
            return DomainResult<AgendaVersion>.Failure(blocking.Select(i => new DomainError("", i.Message, i.Arguments)).ToList());
        }

        var previous = draft.Latest is null ? null : PublishedAgenda.FromJson(draft.Latest.Snapshot);
        var (sessions, changes) = await PendingAsync(draft, previous, cancellationToken);
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
        var previous = draft.Latest is null ? null : PublishedAgenda.FromJson(draft.Latest.Snapshot);
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
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == ev.Id && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined
                && ((r.DelegateId != null && delegateIds.Contains(r.DelegateId.Value)) || registrationIds.Contains(r.Id)))
            .ToListAsync(cancellationToken);
        var affected = registrations.Select(r =>
        {
            var mine = people.Where(p => p.DelegateId == r.DelegateId).Select(p => p.Uid)
                .Concat(choices.Where(c => c.RegistrationId == r.Id).Select(c => c.SessionUid)).ToHashSet();
            return (r, (IReadOnlyList<AgendaChange>)changes.Where(c => mine.Contains(c.Uid)).ToList());
        }).Where(a => a.Item2.Count > 0).ToList();
        if (affected.Count > 0)
        {
            await notifier.AgendaChangedAsync(ev, number, affected, cancellationToken);
        }
    }

    /// <summary>
    /// The published agenda of an event, for the public page and feeds. One small query asks for the latest
    /// version's number; the version itself is read and parsed once per process, since it never changes.
    /// </summary>
    public async Task<PublishedAgenda?> PublishedAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var latest = await db.AgendaVersions.Where(v => v.EventId == eventId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        return await cache.GetOrCreateAsync(("agenda-version", eventId, latest.Number), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            var snapshot = await db.AgendaVersions.Where(v => v.Id == latest.Id).Select(v => v.Snapshot).SingleAsync(cancellationToken);
            return PublishedAgenda.FromJson(snapshot);
        });
    }

    public async Task<IReadOnlySet<Guid>> ChoicesAsync(int registrationId, CancellationToken cancellationToken = default) =>
        (await db.SessionChoices.Where(c => c.RegistrationId == registrationId).Select(c => c.SessionUid).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>A delegate marks a published session as one they will attend, or takes it back.</summary>
    public async Task ChooseAsync(int registrationId, Guid sessionUid, bool attend, CancellationToken cancellationToken = default)
    {
        var existing = await db.SessionChoices.SingleOrDefaultAsync(c => c.RegistrationId == registrationId && c.SessionUid == sessionUid, cancellationToken);
        if (attend && existing is null)
        {
            db.SessionChoices.Add(new SessionChoice { RegistrationId = registrationId, SessionUid = sessionUid });
        }
        else if (!attend && existing is not null)
        {
            db.SessionChoices.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same choice sent twice at once: it is there, which is what was asked.
            db.ChangeTracker.Clear();
        }
    }
}
