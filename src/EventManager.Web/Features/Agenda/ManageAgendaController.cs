using System.ComponentModel.DataAnnotations;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Mail;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

public sealed class SessionForm
{
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [Display(Name = "Kind")]
    public SessionKind Kind { get; set; } = SessionKind.Plenary;

    [Display(Name = "Starts")]
    [Required(ErrorMessage = "Enter when it starts.")]
    public DateTime? StartsLocal { get; set; }

    [Display(Name = "Ends")]
    [Required(ErrorMessage = "Enter when it ends.")]
    public DateTime? EndsLocal { get; set; }

    [Display(Name = "Room")]
    public int? RoomId { get; set; }

    [Display(Name = "Chair")]
    public int? ChairDelegateId { get; set; }

    [Display(Name = "Speakers")]
    public List<int> SpeakerDelegateIds { get; set; } = [];

    [Display(Name = "Expected attendance")]
    public int? ExpectedAttendance { get; set; }

    [Display(Name = "Language")]
    public string? Language { get; set; }

    [Display(Name = "Interpretation")]
    public string? Interpretation { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    public SessionInput ToInput() => new(Title ?? "", Description, Kind, StartsLocal!.Value, EndsLocal!.Value, RoomId, ChairDelegateId, SpeakerDelegateIds, ExpectedAttendance, Language, Interpretation);

    public static SessionForm From(Session s, TimeZoneInfo zone) => new()
    {
        Title = s.Title,
        Kind = s.Kind,
        StartsLocal = EventTime.ToLocal(s.StartsAtUtc, zone),
        EndsLocal = EventTime.ToLocal(s.EndsAtUtc, zone),
        RoomId = s.RoomId,
        ChairDelegateId = s.People.FirstOrDefault(p => p.Role == SessionRole.Chair)?.DelegateId,
        SpeakerDelegateIds = s.People.Where(p => p.Role == SessionRole.Speaker).Select(p => p.DelegateId).ToList(),
        ExpectedAttendance = s.ExpectedAttendance,
        Language = s.Language,
        Interpretation = s.Interpretation,
        Description = s.Description,
    };
}

public sealed class RoomForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Venue")]
    public string? Venue { get; set; }

    [Display(Name = "Capacity")]
    public int? Capacity { get; set; }
}

public sealed record AgendaEditorPage(AgendaDraft Draft, TimeZoneInfo Zone, IReadOnlyList<DateOnly> Days, DateOnly Day, IReadOnlyList<AgendaChange> PendingChanges, IReadOnlyList<AgendaVersion> Versions);

public sealed record SessionFormPage(Event Event, int? SessionId, SessionForm Form, IReadOnlyList<Room> Rooms, IReadOnlyList<AgendaPerson> People);

public sealed record RoomsPage(Event Event, IReadOnlyList<Room> Rooms, RoomForm Form, int? EditingId);

[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
[Route("/organiser/events/{eventId:int}")]
public sealed class ManageAgendaController(AgendaService agenda, EventService events, ReminderKick reminders, Activity.ActivityLog activity, IStringLocalizer<SharedResource> t) : Controller
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
        return View(new AgendaEditorPage(draft, zone, days, chosen, await agenda.PendingChangesAsync(draft, cancellationToken), await agenda.VersionsAsync(eventId, cancellationToken)));
    }

    [HttpGet("agenda/sessions/new")]
    public async Task<IActionResult> NewSession(int eventId, DateOnly? day, int? room, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var date = day ?? DateOnly.FromDateTime(EventTime.ToLocal(ev.StartsAtUtc, EventTime.FindZone(ev.TimeZoneId)));
        var form = new SessionForm { StartsLocal = date.ToDateTime(new TimeOnly(9, 0)), EndsLocal = date.ToDateTime(new TimeOnly(10, 0)), RoomId = room };
        return await SessionView(ev, null, form, cancellationToken);
    }

    [HttpPost("agenda/sessions/new")]
    public Task<IActionResult> NewSession(int eventId, [FromForm] SessionForm form, CancellationToken cancellationToken) => SaveSession(eventId, null, form, cancellationToken);

    [HttpGet("agenda/sessions/{sessionId:int}/edit")]
    public async Task<IActionResult> EditSession(int eventId, int sessionId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        var session = await agenda.FindSessionAsync(eventId, sessionId, cancellationToken);
        if (ev is null || session is null)
        {
            return NotFound();
        }

        return await SessionView(ev, sessionId, SessionForm.From(session, EventTime.FindZone(ev.TimeZoneId)), cancellationToken);
    }

    [HttpPost("agenda/sessions/{sessionId:int}/edit")]
    public Task<IActionResult> EditSession(int eventId, int sessionId, [FromForm] SessionForm form, CancellationToken cancellationToken) => SaveSession(eventId, sessionId, form, cancellationToken);

    [HttpPost("agenda/sessions/{sessionId:int}/move")]
    public async Task<IActionResult> Move(int eventId, int sessionId, [FromForm] DateTime? startsLocal, [FromForm] int? roomId, CancellationToken cancellationToken)
    {
        if (startsLocal is null)
        {
            TempData["Notice"] = t["Enter when it starts."].Value;
            return Redirect($"/organiser/events/{eventId}/agenda");
        }

        var result = await agenda.MoveSessionAsync(eventId, sessionId, startsLocal.Value, roomId, cancellationToken);
        TempData["Notice"] = result.Succeeded ? t["{0} was moved.", result.Value!.Title].Value : string.Join(" ", result.Errors.Select(e => t[e.Message, e.Arguments].Value));
        return Redirect($"/organiser/events/{eventId}/agenda?day={DateOnly.FromDateTime(startsLocal.Value):yyyy-MM-dd}");
    }

    [HttpPost("agenda/sessions/{sessionId:int}/cancel")]
    public async Task<IActionResult> Cancel(int eventId, int sessionId, [FromForm] bool cancelled, [FromForm] string? day, CancellationToken cancellationToken)
    {
        var done = await agenda.SetCancelledAsync(eventId, sessionId, cancelled, cancellationToken);
        TempData["Notice"] = done ? (cancelled ? t["The session is cancelled in the draft."] : t["The session is back in the draft."]).Value : t["This session no longer exists."].Value;
        return Redirect($"/organiser/events/{eventId}/agenda{(DateOnly.TryParse(day, out var d) ? $"?day={d:yyyy-MM-dd}" : "")}");
    }

    [HttpPost("agenda/publish")]
    public async Task<IActionResult> Publish(int eventId, CancellationToken cancellationToken)
    {
        var result = await agenda.PublishAsync(eventId, cancellationToken);
        if (result.Succeeded)
        {
            // Sessions moved or were cancelled: their reminders follow.
            reminders.Kick(eventId);
            await activity.RecordAsync(Core.Activity.ActivityKind.AgendaPublished, eventId, result.Value!.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        TempData["Notice"] = result.Succeeded
            ? t["Version {0} is published.", result.Value!.Number].Value
            : t["Not published: fix the clashes first."].Value + " " + string.Join(" ", result.Errors.Select(e => t[e.Message, e.Arguments].Value));
        return Redirect($"/organiser/events/{eventId}/agenda");
    }

    [HttpGet("rooms")]
    public async Task<IActionResult> Rooms(int eventId, int? edit, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var rooms = await agenda.RoomsAsync(eventId, cancellationToken);
        var editing = rooms.FirstOrDefault(r => r.Id == edit);
        var form = editing is null ? new RoomForm() : new RoomForm { Name = editing.Name, Venue = editing.Venue, Capacity = editing.Capacity };
        return View(new RoomsPage(ev, rooms, form, editing?.Id));
    }

    [HttpPost("rooms")]
    public async Task<IActionResult> SaveRoom(int eventId, [FromForm] int? roomId, [FromForm] RoomForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await agenda.SaveRoomAsync(eventId, roomId, new RoomInput(form.Name ?? "", form.Venue, form.Capacity), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved.", result.Value!.Name].Value;
                return Redirect($"/organiser/events/{eventId}/rooms");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Rooms", new RoomsPage(ev, await agenda.RoomsAsync(eventId, cancellationToken), form, roomId));
    }

    private async Task<IActionResult> SaveSession(int eventId, int? sessionId, SessionForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await agenda.SaveSessionAsync(eventId, sessionId, form.ToInput(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved.", result.Value!.Title].Value;
                return Redirect($"/organiser/events/{eventId}/agenda?day={DateOnly.FromDateTime(form.StartsLocal!.Value):yyyy-MM-dd}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await SessionView(ev, sessionId, form, cancellationToken);
    }

    private async Task<IActionResult> SessionView(Event ev, int? sessionId, SessionForm form, CancellationToken cancellationToken) =>
        View("Session", new SessionFormPage(ev, sessionId, form, await agenda.RoomsAsync(ev.Id, cancellationToken), await agenda.PeopleAsync(ev.Id, cancellationToken)));
}
