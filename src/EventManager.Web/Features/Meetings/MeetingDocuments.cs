using System.Globalization;
using EventManager.Core.Events;
using EventManager.Core.Meetings;
using EventManager.Core.Printing;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>
/// The printed meeting documents in the words of the current UI culture: a delegation's schedule (time, table, the
/// counterpart in both names, the interpreter) and the signs for a block's tables.
/// </summary>
public sealed class MeetingDocuments(IStringLocalizer<SharedResource> t, TimeProvider time)
{
    private static readonly float[] ScheduleColumns = [150, 50, 220, 103];

    public byte[] Schedule(FontCatalog fonts, Event ev, string delegation, IReadOnlyList<HubMeeting> meetings, string timeZoneId)
    {
        var culture = CultureInfo.CurrentUICulture;
        var rows = meetings.Where(m => m.StartsAtUtc is not null && m.EndsAtUtc is not null)
            .Select(m => (IReadOnlyList<SheetCell>)
            [
                $"{Display.Day(EventTime.ToLocal(m.StartsAtUtc!.Value, EventTime.FindZone(timeZoneId)), culture)} {Hours(m.StartsAtUtc.Value, m.EndsAtUtc!.Value, timeZoneId)}",
                t["Table {0}", m.Table ?? 0].Value,
                new SheetCell(new[] { m.Counterpart, m.CounterpartOwn }.OfType<string>().ToList(), 2),
                m.Interpreter ?? "",
            ]).ToList();
        var sheet = new TableSheet(t["Meetings of {0}", delegation], $"{ev.Name.In(culture)} · {Display.Zone(timeZoneId, ev.StartsAtUtc)}",
            [t["Time"], t["Table"], t["With"], t["Interpreter"]], rows, Printed(ev));
        return new TableSheetRenderer(fonts, ScheduleColumns, landscape: false).Render(sheet);
    }

    public byte[] TableSigns(FontCatalog fonts, Event ev, BoardBlock block)
    {
        var culture = CultureInfo.CurrentUICulture;
        var heading = string.Join(" · ", new[] { block.Session.Title.In(culture), block.Session.Room?.Name.In(culture), Display.TimeRange(block.Session.StartsAtUtc, block.Session.EndsAtUtc, ev.TimeZoneId) }
            .Where(p => !string.IsNullOrEmpty(p)));
        var signs = Enumerable.Range(1, block.Block.Tables).Select(table => new TableSignModel(heading, t["Table {0}", table],
            block.Meetings.Where(m => m.Table == table).OrderBy(m => m.Slot)
                .Select(m => (Hours(block.Slots[m.Slot].Start, block.Slots[m.Slot].End, ev.TimeZoneId), $"{m.From} – {m.To}")).ToList())).ToList();
        return new TableSignRenderer(fonts).Render(signs);
    }

    private static string Hours(DateTime startUtc, DateTime endUtc, string timeZoneId) => $"{Display.TimeOfDay(startUtc, timeZoneId)}–{Display.TimeOfDay(endUtc, timeZoneId)}";

    private string Printed(Event ev) => t["Printed {0}", Display.Moment(time.GetUtcNow().UtcDateTime, ev.TimeZoneId)];
}
