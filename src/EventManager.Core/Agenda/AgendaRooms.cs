using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Agenda;

public sealed record RoomInput(string Name, string? Venue, int? Capacity);

/// <summary>The rooms of an event family, kept on its root event.</summary>
public sealed class AgendaRooms(EventManagerDbContext db, AgendaFamily family)
{
    public async Task<IReadOnlyList<Room>> RoomsAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(eventId, cancellationToken);
        return await db.Rooms.AsNoTracking().Where(r => r.EventId == root).OrderBy(r => r.SortOrder).ThenBy(r => r.Name).ToListAsync(cancellationToken);
    }

    public async Task<DomainResult<Room>> SaveRoomAsync(int eventId, int? roomId, RoomInput input, CancellationToken cancellationToken = default)
    {
        var root = await family.RootEventIdAsync(eventId, cancellationToken);
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
}
