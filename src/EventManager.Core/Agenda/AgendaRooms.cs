using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Agenda;

public sealed record RoomInput(LocalText Name, LocalText? Venue, int? Capacity);

/// <summary>The rooms of an event family, kept on its root event.</summary>
public sealed class AgendaRooms(EventManagerDbContext db, AgendaFamily family)
{
    public async Task<IReadOnlyList<Room>> RoomsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(eventId, cancellationToken);
        return await db.Rooms.AsNoTracking().Where(r => r.EventId == root).OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The languages room names are written in: the outermost event's, as the rooms are its.</summary>
    public async Task<IReadOnlyList<string>> LanguagesAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(eventId, cancellationToken);
        return await Events.EventLanguages.OfEventAsync(db, root, cancellationToken);
    }

    public async Task<DomainResult<Room>> SaveRoomAsync(int eventId, int? roomId, RoomInput input, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(eventId, cancellationToken);
        var errors = new List<DomainError>();
        var languages = await LanguagesAsync(eventId, cancellationToken);
        var name = LocalTextRules.Check(errors, "Name", input.Name, 100, languages, "Enter the room's name.") ?? LocalText.Empty;
        var venue = LocalTextRules.Check(errors, "Venue", input.Venue, 200, languages);
        if (!name.IsEmpty)
        {
            // Two rooms may not share a name in any language: a delegate reading that language could not tell them apart.
            var others = await db.Rooms.AsNoTracking().Where(r => r.EventId == root && r.Id != (roomId ?? 0)).Select(r => r.Name).ToListAsync(cancellationToken);
            var taken = name.Entries.FirstOrDefault(e => others.Any(o => o.Exactly(e.Key) is { } other && string.Equals(other, e.Value, StringComparison.CurrentCultureIgnoreCase)));
            if (taken.Value is not null)
            {
                errors.Add(new DomainError("Name", "There is already a room called {0}.", taken.Value));
            }
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
        room.Venue = venue;
        room.Capacity = input.Capacity;
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<Room>.Success(room);
    }
}
