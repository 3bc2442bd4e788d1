using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Agenda;

public sealed record SessionInput(
    LocalText Title,
    LocalText? Description,
    SessionKind Kind,
    DateTime StartsLocal,
    DateTime EndsLocal,
    int? RoomId,
    int? ChairDelegateId,
    IReadOnlyList<int> SpeakerDelegateIds,
    int? ExpectedAttendance,
    string? Language,
    string? Interpretation);

/// <summary>Everything the editor shows for one event: its sessions, the family's rooms, and what clashes.</summary>
/// <param name="PeopleNames">The Latin names of everyone on the sessions' programmes, by person: the editor's tiles show them.</param>
public sealed record AgendaDraft(Event Event, IReadOnlyList<Session> Sessions, IReadOnlyList<Room> Rooms, IReadOnlyList<AgendaIssue> Issues, AgendaVersion? Latest,
    IReadOnlyDictionary<int, string>? PeopleNames = null);

/// <summary>The organisers' working copy of the agenda: sessions saved, moved and cancelled before they are published.</summary>
public sealed class AgendaDrafts(EventManagerDbContext db, TimeProvider time, AgendaFamily families, AgendaRooms agendaRooms)
{
    public async Task<AgendaDraft?> DraftAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var family = await families.FamilyAsync(eventId, cancellationToken);
        var ev = family.FirstOrDefault(e => e.Id == eventId);
        if (ev is null)
        {
            return null;
        }

        var ids = family.Select(e => e.Id).ToList();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.People).Include(s => s.Room)
            .Where(s => ids.Contains(s.EventId)).ToListAsync(cancellationToken);
        var rooms = await agendaRooms.RoomsAsync(eventId, cancellationToken);
        var personIds = sessions.SelectMany(s => s.People).Select(p => p.DelegateId).Distinct().ToList();
        var names = await db.Delegates.Where(d => personIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.LatinName, cancellationToken);
        var issues = AgendaChecks.Check([ev.Id], sessions, family.ToDictionary(e => e.Id), rooms.ToDictionary(r => r.Id), names);
        var latest = await LatestAsync(eventId, cancellationToken);
        return new AgendaDraft(ev, sessions.Where(s => s.EventId == eventId).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Room?.SortOrder).ToList(), rooms, issues, latest, names);
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
        var languages = ev.LanguageList;
        var title = LocalTextRules.Check(errors, "Title", input.Title, 300, languages, "Enter the session's title.") ?? LocalText.Empty;
        var description = LocalTextRules.Check(errors, "Description", input.Description, 4000, languages);

        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new DomainError("Kind", "Choose a kind of session from the list."));
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
        var timesOk = EventRules.ToUtc(errors, "StartsLocal", input.StartsLocal, zone, out var startsUtc)
            & EventRules.ToUtc(errors, "EndsLocal", input.EndsLocal, zone, out var endsUtc);
        if (timesOk && endsUtc <= startsUtc)
        {
            errors.Add(new DomainError("EndsLocal", "The session must end after it starts."));
        }

        var root = await families.RootEventIdAsync(eventId, cancellationToken);
        if (input.RoomId is int roomId && !await db.Rooms.AnyAsync(r => r.Id == roomId && r.EventId == root, cancellationToken))
        {
            errors.Add(new DomainError("RoomId", "Choose a room from the list."));
        }

        if (input.ChairDelegateId is int chairId && input.SpeakerDelegateIds.Contains(chairId))
        {
            // One person has one role in a session; saying so beats dropping them from the speakers without a word.
            var chairName = await db.Delegates.Where(d => d.Id == chairId).Select(d => d.LatinName).SingleOrDefaultAsync(cancellationToken);
            errors.Add(new DomainError("Speakers", "{0} chairs this session and cannot also be one of its speakers.", chairName ?? "?"));
        }

        var wanted = input.SpeakerDelegateIds.Concat(input.ChairDelegateId is int c ? [c] : []).Distinct().ToList();
        if (wanted.Count > 0)
        {
            var allowed = (await families.PeopleAsync(eventId, cancellationToken)).Select(p => p.DelegateId).ToHashSet();
            if (wanted.Any(id => !allowed.Contains(id)))
            {
                errors.Add(new DomainError("SpeakerDelegateIds", "Chairs and speakers must be people registered for this event or an event it is part of, or people of the directory who register nowhere."));
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
        session.Description = description;
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
}
