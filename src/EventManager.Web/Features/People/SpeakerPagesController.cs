using EventManager.Core.Agenda;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EventManager.Web.Features.People;

public sealed record SpeakerPage(Event Event, Core.Delegates.Delegate Person, IReadOnlyList<(PublishedSession Session, SessionRole Role)> Sessions);

/// <summary>
/// A speaker's or chair's public page at an event: name, title, institution, biography and photo — and only while the
/// published agenda has them on a session that goes ahead. Anyone else's id is "not found", whoever asks.
/// </summary>
[OneConnection]
public sealed class SpeakerPagesController(EventService events, PublishedAgendas agendas, PeopleDirectory people) : Controller
{
    [HttpGet("/events/{slug}/people/{id:int}")]
    public async Task<IActionResult> Show(string slug, int id, CancellationToken cancellationToken)
    {
        var page = await FindAsync(slug, id, cancellationToken);
        return page is null ? NotFound() : View("Speaker", page);
    }

    [HttpGet("/events/{slug}/people/{id:int}/photo.jpg")]
    public async Task<IActionResult> Photo(string slug, int id, CancellationToken cancellationToken)
    {
        var photo = (await FindAsync(slug, id, cancellationToken))?.Person.Photo;
        // Short-lived: a photo taken down, or a person taken off the programme, stops showing within minutes.
        Response.Headers.CacheControl = "public, max-age=300";
        return photo is null ? NotFound() : File(photo, "image/jpeg");
    }

    private async Task<SpeakerPage?> FindAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var ev = await events.FindOnlyBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (ev is null || await agendas.PublishedAsync(ev.Id, cancellationToken) is not { } agenda)
        {
            return null;
        }

        var sessions = agenda.Sessions.Where(s => !s.IsCancelled)
            .SelectMany(s => s.People.Where(p => p.DelegateId == id).Select(p => (s, p.Role)))
            .OrderBy(x => x.s.StartsAtUtc).ToList();
        if (sessions.Count == 0 || await people.FindAsync(id, cancellationToken) is not { } person)
        {
            return null;
        }

        return new SpeakerPage(ev, person, sessions);
    }
}
