using System.ComponentModel.DataAnnotations;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

public sealed class RoomForm
{
    public Dictionary<string, string?> Name { get; set; } = [];

    public Dictionary<string, string?> Venue { get; set; } = [];

    [Display(Name = "Capacity")]
    public int? Capacity { get; set; }
}

public sealed record RoomsPage(Event Event, IReadOnlyList<Room> Rooms, RoomForm Form, int? EditingId, IReadOnlyList<string> Languages);

/// <summary>The rooms of an event family (kept on the outermost event, shared by the events inside it).</summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
[Route("/organiser/events/{eventId:int}/rooms")]
public sealed class RoomsController(AgendaRooms agendaRooms, EventService events, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Rooms(int eventId, int? edit, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var rooms = await agendaRooms.RoomsAsync(eventId, cancellationToken);
        var editing = rooms.FirstOrDefault(r => r.Id == edit);
        var languages = await agendaRooms.LanguagesAsync(eventId, cancellationToken);
        var form = editing is null ? new RoomForm() : new RoomForm { Name = LocalTextForms.ToForm(editing.Name, languages), Venue = LocalTextForms.ToForm(editing.Venue, languages), Capacity = editing.Capacity };
        return View(new RoomsPage(ev, rooms, form, editing?.Id, languages));
    }

    [HttpPost("")]
    public async Task<IActionResult> SaveRoom(int eventId, [FromForm] int? roomId, [FromForm] RoomForm form, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await agendaRooms.SaveRoomAsync(eventId, roomId, new RoomInput(LocalTextForms.ToText(form.Name), LocalTextForms.ToText(form.Venue), form.Capacity), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["{0} was saved.", result.Value!.Name].Value;
                return Redirect($"/organiser/events/{eventId}/rooms");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Rooms", new RoomsPage(ev, await agendaRooms.RoomsAsync(eventId, cancellationToken), form, roomId, await agendaRooms.LanguagesAsync(eventId, cancellationToken)));
    }
}
