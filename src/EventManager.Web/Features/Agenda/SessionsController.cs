using System.ComponentModel.DataAnnotations;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

public sealed class SessionForm
{
    public Dictionary<string, string?> Title { get; set; } = [];

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

    /// <summary>The chair as typed in the text box with suggestions (<see cref="PeoplePicker"/>).</summary>
    [Display(Name = "Chair")]
    public string? Chair { get; set; }

    /// <summary>Speakers as typed, one a box; empty boxes are ignored.</summary>
    [Display(Name = "Speakers")]
    public List<string?> Speakers { get; set; } = [];

    [Display(Name = "Expected attendance")]
    public int? ExpectedAttendance { get; set; }

    [Display(Name = "Language")]
    public string? Language { get; set; }

    [Display(Name = "Interpretation")]
    public string? Interpretation { get; set; }

    public Dictionary<string, string?> Description { get; set; } = [];

    public SessionInput ToInput() => new(LocalTextForms.ToText(Title), LocalTextForms.ToText(Description), Kind, StartsLocal!.Value, EndsLocal!.Value, RoomId, ChairDelegateId, SpeakerDelegateIds, ExpectedAttendance, Language, Interpretation);

    public static SessionForm From(Session s, Event ev) => new()
    {
        Title = LocalTextForms.ToForm(s.Title, ev.LanguageList),
        Kind = s.Kind,
        StartsLocal = EventTime.ToLocal(s.StartsAtUtc, EventTime.FindZone(ev.TimeZoneId)),
        EndsLocal = EventTime.ToLocal(s.EndsAtUtc, EventTime.FindZone(ev.TimeZoneId)),
        RoomId = s.RoomId,
        ChairDelegateId = s.People.FirstOrDefault(p => p.Role == SessionRole.Chair)?.DelegateId,
        SpeakerDelegateIds = s.People.Where(p => p.Role == SessionRole.Speaker).Select(p => p.DelegateId).ToList(),
        ExpectedAttendance = s.ExpectedAttendance,
        Language = s.Language,
        Interpretation = s.Interpretation,
        Description = LocalTextForms.ToForm(s.Description, ev.LanguageList),
    };
}

public sealed record SessionFormPage(Event Event, int? SessionId, SessionForm Form, IReadOnlyList<Room> Rooms, IReadOnlyList<AgendaPerson> People);

/// <summary>One session of the draft, new or edited: title, time, room, chair and speakers.</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/agenda/sessions")]
public sealed class SessionsController(AgendaDrafts drafts, AgendaRooms rooms, AgendaFamily family, EventService events, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("new")]
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

    [HttpPost("new")]
    public Task<IActionResult> NewSession(int eventId, [FromForm] SessionForm form, CancellationToken cancellationToken) => SaveSession(eventId, null, form, cancellationToken);

    [HttpGet("{sessionId:int}/edit")]
    public async Task<IActionResult> EditSession(int eventId, int sessionId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        var session = await drafts.FindSessionAsync(eventId, sessionId, cancellationToken);
        if (ev is null || session is null)
        {
            return NotFound();
        }

        return await SessionView(ev, sessionId, SessionForm.From(session, ev), cancellationToken);
    }

    [HttpPost("{sessionId:int}/edit")]
    public Task<IActionResult> EditSession(int eventId, int sessionId, [FromForm] SessionForm form, CancellationToken cancellationToken) => SaveSession(eventId, sessionId, form, cancellationToken);

    private async Task<IActionResult> SaveSession(int eventId, int? sessionId, SessionForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var people = await family.PeopleAsync(eventId, cancellationToken);
        Pick(form, people);
        if (ModelState.IsValid)
        {
            var result = await drafts.SaveSessionAsync(eventId, sessionId, form.ToInput(), cancellationToken);
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

    private async Task<IActionResult> SessionView(Event ev, int? sessionId, SessionForm form, CancellationToken cancellationToken)
    {
        var people = await family.PeopleAsync(ev.Id, cancellationToken);
        // The boxes show the people already chosen by name; text that named no one stays as typed, with its error.
        var byId = people.ToDictionary(p => p.DelegateId);
        if (string.IsNullOrWhiteSpace(form.Chair) && form.ChairDelegateId is int chair && byId.TryGetValue(chair, out var chairPerson))
        {
            form.Chair = PeoplePicker.Label(chairPerson);
        }

        if (form.Speakers.All(string.IsNullOrWhiteSpace))
        {
            form.Speakers = form.SpeakerDelegateIds.Distinct().Where(byId.ContainsKey).Select(id => (string?)PeoplePicker.Label(byId[id])).ToList();
        }

        return View("Session", new SessionFormPage(ev, sessionId, form, await rooms.RoomsAsync(ev.Id, cancellationToken), people));
    }

    /// <summary>Turns the names typed in the chair and speaker boxes into people; a name that fits no one, or several, is an error beside its box.</summary>
    private void Pick(SessionForm form, IReadOnlyList<AgendaPerson> people)
    {
        if (!string.IsNullOrWhiteSpace(form.Chair))
        {
            var (person, ambiguous) = PeoplePicker.Find(people, form.Chair);
            if (person is null)
            {
                ModelState.AddModelError(nameof(SessionForm.Chair), Unknown(form.Chair, ambiguous));
            }
            else
            {
                form.ChairDelegateId = person.DelegateId;
            }
        }
        else if (Request.Form.ContainsKey(nameof(SessionForm.Chair)))
        {
            // The form was sent with an empty chair box: no chair.
            form.ChairDelegateId = null;
        }

        var typed = form.Speakers.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        foreach (var text in typed)
        {
            var (person, ambiguous) = PeoplePicker.Find(people, text!);
            if (person is null)
            {
                ModelState.AddModelError(nameof(SessionForm.Speakers), Unknown(text!, ambiguous));
            }
            else if (!form.SpeakerDelegateIds.Contains(person.DelegateId))
            {
                form.SpeakerDelegateIds.Add(person.DelegateId);
            }
        }
    }

    private string Unknown(string text, bool ambiguous) => ambiguous
        ? t["Several people match “{0}”: choose one from the suggestions.", text]
        : t["No one in the people directory who can be on this programme is called “{0}”: choose a name from the suggestions, or add the person to the directory first.", text];
}
