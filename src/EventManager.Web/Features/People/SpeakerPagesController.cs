using System.Text;
using EventManager.Core.Agenda;
using EventManager.Core.Delegates;
using EventManager.Core.Events;
using EventManager.Web.Features.Agenda;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.People;

public sealed record SpeakerPage(Event Event, Core.Delegates.Delegate Person, IReadOnlyList<(PublishedSession Session, SessionRole Role)> Sessions);

/// <summary>A person's own page: for each event whose published agenda has them, their sessions there.</summary>
public sealed record ProgrammePage(Core.Delegates.Delegate Person, string Token, IReadOnlyList<(Event Event, IReadOnlyList<(PublishedSession Session, SessionRole Role)> Sessions)> Events);

/// <summary>
/// A speaker's or chair's public page at an event: name, title, institution, biography and photo — and only while the
/// published agenda has them on a session that goes ahead. Anyone else's id is "not found", whoever asks.
/// </summary>
[OneConnection]
public sealed class SpeakerPagesController(EventService events, PublishedAgendas agendas, PeopleDirectory people, PublicAddress address, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>
    /// The page of a speaker or chair who registers nowhere, reached by the secret link in the messages sent to them:
    /// their sessions at every event, each in the event's time zone, with a calendar feed per event.
    /// </summary>
    [PrivateLink]
    [HttpGet("/p/{token}")]
    public async Task<IActionResult> Programme(string token, CancellationToken cancellationToken)
    {
        var person = await people.FindByTokenAsync(token, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        var programme = new List<(Event, IReadOnlyList<(PublishedSession, SessionRole)>)>();
        foreach (var ev in await people.EventsOnProgrammeAsync(person.Id, cancellationToken))
        {
            if (await agendas.PublishedAsync(ev.Id, cancellationToken) is { } agenda && Of(agenda, person.Id) is { Count: > 0 } sessions)
            {
                programme.Add((ev, sessions));
            }
        }

        return View("Programme", new ProgrammePage(person, token, programme));
    }

    [PrivateLink]
    [HttpGet("/p/{token}/{slug}.ics")]
    public async Task<IActionResult> ProgrammeFeed(string token, string slug, CancellationToken cancellationToken)
    {
        var person = await people.FindByTokenAsync(token, cancellationToken);
        var ev = person is null ? null : await events.FindOnlyBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (person is null || ev is null || await agendas.PublishedAsync(ev.Id, cancellationToken) is not { } agenda || Of(agenda, person.Id) is not { Count: > 0 } sessions)
        {
            return NotFound();
        }

        using var language = Request.Query.ContainsKey(Localization.LanguageNegotiation.QueryProvider.Key) ? default : CultureScope.UseIfChosen(person.PreferredLanguage);
        var ics = AgendaCalendar.Write(t, $"{ev.Name} — {person.LatinName}", agenda, sessions.Select(s => s.Session), address.For($"/p/{token}"), venue: ev.Venue);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{ev.Slug}-mine.ics");
    }

    private static List<(PublishedSession Session, SessionRole Role)> Of(PublishedAgenda agenda, int personId) =>
        agenda.Sessions.Where(s => !s.IsCancelled)
            .SelectMany(s => s.People.Where(p => p.DelegateId == personId).Select(p => (s, p.Role)))
            .OrderBy(x => x.s.StartsAtUtc).ToList();

    [Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
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

        var sessions = Of(agenda, id);
        if (sessions.Count == 0 || await people.FindAsync(id, cancellationToken) is not { } person)
        {
            return null;
        }

        return new SpeakerPage(ev, person, sessions);
    }
}
