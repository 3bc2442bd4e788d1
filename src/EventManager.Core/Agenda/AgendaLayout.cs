using EventManager.Core.Events;

namespace EventManager.Core.Agenda;

public sealed record AgendaColumn(Common.LocalText? Room, IReadOnlyList<PublishedSession> Sessions);

public sealed record AgendaDay(DateOnly Date, IReadOnlyList<AgendaColumn> Columns)
{
    public int SessionCount => Columns.Sum(c => c.Sessions.Count);

    /// <summary>
    /// Each session's place when the day is read as one list by time (on a phone): by start, parallel sessions
    /// together in room order. The grid shows rooms side by side; a phone shows this order instead.
    /// </summary>
    public IReadOnlyDictionary<PublishedSession, int> TimeOrder() =>
        Columns.SelectMany((c, column) => c.Sessions.Select(s => (Session: s, Column: column)))
            .OrderBy(x => x.Session.StartsAtUtc).ThenBy(x => x.Column)
            .Select((x, rank) => (x.Session, rank))
            .ToDictionary(x => x.Session, x => x.rank, (IEqualityComparer<PublishedSession>)ReferenceEqualityComparer.Instance);
}

/// <summary>
/// Lays a published agenda out as days and rooms for a time zone. A session belongs to the day on which it
/// starts in that zone, so a 07:00 Shanghai session is on the previous day in New York, never on both.
/// </summary>
public static class AgendaLayout
{
    public static IReadOnlyList<AgendaDay> Days(PublishedAgenda agenda, TimeZoneInfo zone, IEnumerable<PublishedSession>? only = null)
    {
        var order = agenda.Rooms.ToDictionary(r => r.Id, r => r.SortOrder);
        return (only ?? agenda.Sessions)
            .GroupBy(s => DateOnly.FromDateTime(EventTime.ToLocal(s.StartsAtUtc, zone)))
            .OrderBy(g => g.Key)
            .Select(day => new AgendaDay(day.Key, day
                .GroupBy(s => s.RoomId)
                .OrderBy(g => g.Key is int id && order.TryGetValue(id, out var o) ? o : int.MaxValue)
                .Select(room => new AgendaColumn(room.First().RoomName, room.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Title.ToString(), StringComparer.CurrentCulture).ToList()))
                .ToList()))
            .ToList();
    }

    public static DateTime Local(DateTime utc, TimeZoneInfo zone) => EventTime.ToLocal(utc, zone);
}
