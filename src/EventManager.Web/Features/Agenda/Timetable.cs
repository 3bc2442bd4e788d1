using EventManager.Core.Agenda;
using EventManager.Core.Events;

namespace EventManager.Web.Features.Agenda;

/// <summary>A session's place on the day's grid: its column (room) and its rows (five minutes each).</summary>
public sealed record TimetableTile(Session Session, int Column, int FirstRow, int EndRow, DateTime StartsLocal, DateTime EndsLocal, bool Overlaps);

/// <summary>
/// The organisers' day as a timetable: rooms as columns, time down the side in five-minute rows, so sessions held at
/// the same time sit side by side. The grid's rows and columns are classes of timetable.css (tr-, te-, tc-): the
/// page carries no inline style, which the content security policy forbids.
/// </summary>
public sealed record Timetable(IReadOnlyList<(int? RoomId, string Name)> Columns, int FirstMinute, int LastMinute, IReadOnlyList<TimetableTile> Tiles)
{
    public const int MinutesPerRow = 5;

    /// <summary>Row 1 holds the room names; row 2 is <see cref="FirstMinute"/>.</summary>
    public int RowOf(int minuteOfDay) => 2 + (Math.Clamp(minuteOfDay, FirstMinute, LastMinute) - FirstMinute) / MinutesPerRow;

    public IEnumerable<int> Hours => Enumerable.Range(FirstMinute / 60, (LastMinute - FirstMinute) / 60).Select(h => h * 60);

    public static Timetable ForDay(IReadOnlyList<Session> sessions, IReadOnlyList<Room> rooms, DateOnly day, TimeZoneInfo zone, string noRoom)
    {
        var columns = rooms.Select(r => ((int?)r.Id, r.Name.ToString())).ToList();
        if (sessions.Any(s => s.RoomId is null))
        {
            columns.Add((null, noRoom));
        }

        var dayStart = day.ToDateTime(TimeOnly.MinValue);
        int Minute(DateTime local) => (int)Math.Clamp((local - dayStart).TotalMinutes, 0, 24 * 60);
        var placed = sessions.Select(s => (Session: s, Start: EventTime.ToLocal(s.StartsAtUtc, zone), End: EventTime.ToLocal(s.EndsAtUtc, zone))).ToList();
        // Whole hours around the day's sessions, and at least a working day.
        var first = placed.Count == 0 ? 9 * 60 : Math.Min(9 * 60, placed.Min(p => Minute(p.Start)) / 60 * 60);
        var last = placed.Count == 0 ? 18 * 60 : Math.Max(18 * 60, (placed.Max(p => Minute(p.End)) + 59) / 60 * 60);
        var grid = new Timetable(columns, first, last, []);
        var tiles = new List<TimetableTile>();
        foreach (var (s, start, end) in placed.OrderBy(p => p.Start).ThenBy(p => p.Session.Id))
        {
            var column = 2 + columns.FindIndex(c => c.Item1 == s.RoomId);
            var firstRow = grid.RowOf(Minute(start));
            var endRow = Math.Max(firstRow + 1, grid.RowOf(Minute(end)));
            // Two sessions in one room at once are a clash (listed above the grid); the later one is shifted so both show.
            var overlaps = tiles.Any(t => t.Column == column && t.FirstRow < endRow && firstRow < t.EndRow);
            tiles.Add(new TimetableTile(s, column, firstRow, endRow, start, end, overlaps));
        }

        return grid with { Tiles = tiles };
    }
}
