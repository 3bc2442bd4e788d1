using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

public sealed record AgendaEditorPage(AgendaDraft Draft, TimeZoneInfo Zone, IReadOnlyList<DateOnly> Days, DateOnly Day, IReadOnlyList<AgendaChange> PendingChanges, IReadOnlyList<AgendaVersion> Versions);

/// <summary>The organisers' timetable of the draft: sessions by day, moved or cancelled in place, and published.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}")]
public sealed class AgendaEditorController(AgendaDrafts agenda, AgendaPublishing publishing, Core.Data.EventManagerDbContext db, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("agenda")]
    public async Task<IActionResult> Editor(int eventId, DateOnly? day, CancellationToken cancellationToken)
    {
        var draft = await agenda.DraftAsync(eventId, cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        var zone = EventTime.FindZone(draft.Event.TimeZoneId);
        var first = DateOnly.FromDateTime(EventTime.ToLocal(draft.Event.StartsAtUtc, zone));
        var last = DateOnly.FromDateTime(EventTime.ToLocal(draft.Event.EndsAtUtc, zone));
        var days = new List<DateOnly>();
        for (var d = first; d <= last && days.Count < 60; d = d.AddDays(1))
        {
            days.Add(d);
        }

        // Sessions outside the event's dates still get a tab, so they can be found and moved.
        days.AddRange(draft.Sessions.Select(s => DateOnly.FromDateTime(EventTime.ToLocal(s.StartsAtUtc, zone))).Where(d => !days.Contains(d)).Distinct());
        days.Sort();
        var chosen = day is { } wanted && days.Contains(wanted) ? wanted : days.FirstOrDefault();
        return View(new AgendaEditorPage(draft, zone, days, chosen, await publishing.PendingChangesAsync(draft, cancellationToken), await publishing.VersionsAsync(eventId, cancellationToken)));
    }

    [HttpPost("agenda/sessions/{sessionId:int}/move")]
    public async Task<IActionResult> Move(int eventId, int sessionId, [FromForm] DateTime? startsLocal, [FromForm] int? roomId, CancellationToken cancellationToken)
    {
        if (startsLocal is null)
        {
            TempData["Notice"] = t["Enter when it starts."].Value;
            return Redirect($"/organiser/events/{eventId}/agenda");
        }

        var result = await agenda.MoveSessionAsync(eventId, sessionId, startsLocal.Value, roomId, cancellationToken);
        TempData["Notice"] = result.Succeeded ? t["{0} was moved.", result.Value!.Title].Value : t.Say(result.Errors);
        return Redirect($"/organiser/events/{eventId}/agenda?day={DateOnly.FromDateTime(startsLocal.Value):yyyy-MM-dd}");
    }

    [HttpPost("agenda/sessions/{sessionId:int}/cancel")]
    public async Task<IActionResult> Cancel(int eventId, int sessionId, [FromForm] bool cancelled, [FromForm] string? day, CancellationToken cancellationToken)
    {
        var back = $"/organiser/events/{eventId}/agenda{(DateOnly.TryParse(day, out var shown) ? $"?day={shown:yyyy-MM-dd}" : "")}";
        if (cancelled && !Request.Confirmed()
            && await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.EventId == eventId).Select(s => new { s.Title, People = s.People.Count, Chosen = db.SessionChoices.Count(c => c.SessionUid == s.Uid) }).FirstOrDefaultAsync(cancellationToken) is { } session)
        {
            return this.Confirm(new Confirmation(
                t["Cancel {0}?", session.Title],
                [
                    t["It stays in the draft, marked cancelled; the public agenda shows it cancelled from the next publication, and its reminders are no longer sent."].Value,
                    t.Plural("{0, plural, =0 {Nobody is on its programme} one {# person is on its programme} other {# people are on its programme}}; {1, plural, =0 {no delegate chose it} one {# delegate chose it} other {# delegates chose it}}.", session.People, session.Chosen),
                    t["It can be restored from the same menu."].Value,
                ],
                t["Cancel the session"],
                back));
        }

        var done = await agenda.SetCancelledAsync(eventId, sessionId, cancelled, cancellationToken);
        TempData["Notice"] = done ? (cancelled ? t["The session is cancelled in the draft."] : t["The session is back in the draft."]).Value : t["This session no longer exists."].Value;
        return Redirect(back);
    }

    [HttpPost("agenda/publish")]
    public async Task<IActionResult> Publish(int eventId, CancellationToken cancellationToken)
    {
        var result = await publishing.PublishAsync(eventId, cancellationToken);
        TempData["Notice"] = result.Succeeded
            ? t["Version {0} is published.", result.Value!.Number].Value
            : t["Not published: fix the clashes first."].Value + " " + t.Say(result.Errors);
        return Redirect($"/organiser/events/{eventId}/agenda");
    }
}
