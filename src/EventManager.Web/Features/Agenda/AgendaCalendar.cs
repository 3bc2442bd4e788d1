using EventManager.Core.Common;
using EventManager.Core.Agenda;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

/// <summary>An entry of a personal calendar that is not an agenda session (a bilateral meeting), with its own stable UID.</summary>
public sealed record CalendarEntry(string Uid, string Summary, string? Description, string? Location, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime ChangedAtUtc, bool Cancelled)
{
    /// <summary>Rises with every change (minutes since 2024), as RFC 5545 asks of a revised entry.</summary>
    public int Sequence => (int)Math.Max(0, (ChangedAtUtc - new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes);
}

/// <summary>
/// iCalendar (RFC 5545) for a published agenda. Times are UTC; each session keeps its UID for life,
/// its SEQUENCE rises with each published change, and a cancelled session stays with STATUS:CANCELLED
/// so calendars that imported it remove it.
/// </summary>
public static class AgendaCalendar
{
    /// <summary>Texts (titles, rooms, the venue) are written in the current UI culture: the subscriber's.</summary>
    /// <param name="notes">A line for the reader about a session (what they sign there), by session UID.</param>
    /// <param name="venue">Where the rooms are: added to each session's LOCATION after its room.</param>
    public static string Write(IStringLocalizer t, string calendarName, PublishedAgenda agenda, IEnumerable<PublishedSession> sessions, string eventUrl,
        IReadOnlyDictionary<Guid, string>? notes = null, LocalText? venue = null, IEnumerable<CalendarEntry>? entries = null)
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
                s.Description?.ToString(),
                s.People.Count == 0 ? null : string.Join("\n", s.People.Select(p => $"{(p.Role == SessionRole.Chair ? t["Chair"] : t["Speaker"])}: {DisplayName.Of(p.LatinName, p.NativeName)}")),
                s.Interpretation is null ? null : $"{t["Interpretation"]}: {s.Interpretation}",
                eventUrl,
            }.Where(x => !string.IsNullOrEmpty(x)));
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{s.Uid:D}@eventmanager",
                Summary = s.Title.ToString(),
                Description = description,
                Location = LocalText.Place(s.RoomName, venue) is { IsEmpty: false } location ? location.ToString() : null,
                DtStart = new CalDateTime(DateTime.SpecifyKind(s.StartsAtUtc, DateTimeKind.Utc)),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(s.EndsAtUtc, DateTimeKind.Utc)),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(agenda.PublishedAtUtc, DateTimeKind.Utc)),
                Sequence = s.Sequence,
                Status = s.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        foreach (var e in entries ?? [])
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = e.Uid,
                Summary = e.Summary,
                Description = e.Description,
                Location = e.Location,
                DtStart = new CalDateTime(DateTime.SpecifyKind(e.StartsAtUtc, DateTimeKind.Utc)),
                DtEnd = new CalDateTime(DateTime.SpecifyKind(e.EndsAtUtc, DateTimeKind.Utc)),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(e.ChangedAtUtc, DateTimeKind.Utc)),
                Sequence = e.Sequence,
                Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
