using System.Globalization;
using EventManager.Core.Meetings;
using EventManager.Core.Registrations;
using EventManager.Web.Features.Agenda;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Meetings;

/// <summary>
/// A delegate's bilateral meetings as entries of their personal calendar feed, in the current UI culture: each at its
/// published time and table, with the counterpart's names and the interpreter; one called off stays, cancelled, so
/// calendars that imported it remove it.
/// </summary>
public sealed class MeetingCalendar(MeetingHub hub, IStringLocalizer<SharedResource> t)
{
    public async Task<IReadOnlyList<CalendarEntry>> EntriesAsync(Registration registration, CancellationToken cancellationToken = default)
    {
        if (await hub.FindDelegationAsync(registration, cancellationToken) is not { } mine)
        {
            return [];
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var venue = registration.Event?.Venue;
        return (await hub.MeetingsAsync(mine, language, withCancelled: true, cancellationToken))
            .Where(m => m.StartsAtUtc is not null && m.EndsAtUtc is not null)
            .Select(m => new CalendarEntry(
                $"meeting-{m.RequestId}@eventmanager",
                t["Meeting with {0}", m.Counterpart],
                string.Join("\n", new[]
                {
                    m.CounterpartOwn is null ? m.Counterpart : $"{m.Counterpart} ({m.CounterpartOwn})",
                    m.Interpreter is null ? null : t["Interpreter: {0}", m.Interpreter].Value,
                }.Where(l => l is not null)),
                string.Join(", ", new[] { t["Table {0}", m.Table ?? 0].Value, m.Room?.In(CultureInfo.CurrentUICulture), venue?.In(CultureInfo.CurrentUICulture) }.Where(p => !string.IsNullOrEmpty(p))),
                m.StartsAtUtc!.Value, m.EndsAtUtc!.Value, m.UpdatedAtUtc, m.Cancelled))
            .ToList();
    }
}
