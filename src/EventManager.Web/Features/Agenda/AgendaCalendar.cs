using EventManager.Core.Common;
using EventManager.Core.Agenda;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace EventManager.Web.Features.Agenda;

/// <summary>
/// iCalendar (RFC 5545) for a published agenda. Times are UTC; each session keeps its UID for life,
/// its SEQUENCE rises with each published change, and a cancelled session stays with STATUS:CANCELLED
/// so calendars that imported it remove it.
/// </summary>
public static class AgendaCalendar
{
    /// <param name="notes">A line for the reader about a session (what they sign there), by session UID.</param>
    public static string Write(string calendarName, PublishedAgenda agenda, IEnumerable<PublishedSession> sessions, string eventUrl,
        IReadOnlyDictionary<Guid, string>? notes = null)
    {
        var calendar = new Calendar
        {
            ProductId = "-//EventManager//Agenda//EN",
            Method = "PUBLISH",
        };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var s in sessions)
        {
            var description = string.Join("\n", new[]
            {
                notes?.GetValueOrDefault(s.Uid),
                s.Description,
                s.People.Count == 0 ? null : string.Join("\n", s.People.Select(p => $"{p.Role}: {DisplayName.Of(p.LatinName, p.NativeName)}")),
                s.Interpretation is null ? null : $"Interpretation: {s.Interpretation}",
                eventUrl,
            }.Where(x => !string.IsNullOrEmpty(x)));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{s.Uid:D}@eventmanager",
                Summary = s.Title,
                Description = description,
                Location = s.RoomName,
                DtStart = new CalDateTime(DateTime.SpecifyKind(s.StartsAtUtc, DateTimeKind.Utc)),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(s.EndsAtUtc, DateTimeKind.Utc)),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(agenda.PublishedAtUtc, DateTimeKind.Utc)),
                Sequence = s.Sequence,
                Status = s.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
