using System.Text;
using EventManager.Core.Agenda;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using EventManager.Web.Features.Registrations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Agenda;

/// <summary>Days to show, one at a time (<see cref="Selected"/>) with links to the others, or all of them.</summary>
/// <param name="PeopleBase">Where a speaker's or chair's name links to, their id appended: the event's speaker pages.</param>
public sealed record AgendaDaysView(IReadOnlyList<AgendaDay> Days, TimeZoneInfo Zone, DateOnly? Selected, string? LinkBase, string? PeopleBase = null);

/// <summary>The days are laid out only when the cached rendering of this version, zone, day and language is missing.</summary>
public sealed record PublicAgendaPage(Event Event, PublishedAgenda? Agenda, TimeZoneInfo Zone, bool InViewerZone, Lazy<IReadOnlyList<AgendaDay>> Days, string BasePath, string? Day)
{
    public string CacheKey => $"{Event.Id}:{Event.UpdatedAtUtc.Ticks}:{Agenda?.Version}:{Zone.Id}:{Day}";

    /// <summary>The day asked for; else the first day of the agenda; "all" shows every day (for printing).</summary>
    public DateOnly? SelectedDay =>
        Day == "all" ? null
        : DateOnly.TryParseExact(Day, "yyyy-MM-dd", out var d) && Days.Value.Any(x => x.Date == d) ? d
        : Days.Value.FirstOrDefault()?.Date;

    public string LinkBase => InViewerZone ? $"{BasePath}?tz={Uri.EscapeDataString(Zone.Id)}" : BasePath;
}

/// <param name="Signing">The agreements the delegate signs, with their ceremony: where, when, round and table.</param>
public sealed record PersonalAgendaPage(Registration Registration, PublishedAgenda? Agenda, TimeZoneInfo Zone, IReadOnlyList<AgendaDay> Days, IReadOnlySet<Guid> Chosen, IReadOnlyList<PublishedSession> All,
    IReadOnlyList<EventManager.Core.Ceremonies.Agreement> Signing);

[OneConnection]
public sealed class PublicAgendaController(EventService events, PublishedAgendas agenda, AgendaChoices choices, RegistrationSelfService registrations,
    EventManager.Core.Ceremonies.CeremonyService ceremonies, Meetings.MeetingCalendar meetingCalendar, PublicAddress address, IMemoryCache cache, IStringLocalizer<SharedResource> t) : Controller
{
    [Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
    [HttpGet("/events/{slug}/agenda")]
    public async Task<IActionResult> Show(string slug, string? tz, string? day, CancellationToken cancellationToken)
    {
        var ev = await events.FindOnlyBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var published = await agenda.PublishedAsync(ev.Id, cancellationToken);
        var inViewerZone = EventTime.TryFindZone(tz, out var viewer) && viewer.Id != ev.TimeZoneId;
        var zone = inViewerZone ? viewer : EventTime.FindZone(ev.TimeZoneId);
        var days = new Lazy<IReadOnlyList<AgendaDay>>(() => published is null ? [] : AgendaLayout.Days(published, zone));
        var wanted = day is "all" || DateOnly.TryParseExact(day, "yyyy-MM-dd", out _) ? day : null;
        return View(new PublicAgendaPage(ev, published, zone, inViewerZone, days, $"/events/{ev.Slug}/agenda", wanted));
    }

    [Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
    [HttpGet("/events/{slug}/agenda.ics")]
    public async Task<IActionResult> Feed(string slug, CancellationToken cancellationToken)
    {
        var ev = await events.FindOnlyBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var published = await agenda.PublishedAsync(ev.Id, cancellationToken) ?? new PublishedAgenda(0, ev.UpdatedAtUtc, [], []);
        var url = address.For($"/events/{ev.Slug}/agenda");

        // A version never changes, so neither does its feed: written once, served from memory after.
        // Texts are in the subscriber's language (the feed's ?lang=), so the language is part of the key.
        var language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var ics = cache.GetOrCreate(("agenda-ics", ev.Id, published.Version, url, ev.UpdatedAtUtc, language), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return Encoding.UTF8.GetBytes(AgendaCalendar.Write(t, ev.Name.ToString(), published, published.Sessions, url, venue: ev.Venue));
        })!;
        return File(ics, "text/calendar; charset=utf-8", $"{ev.Slug}.ics");
    }

    [PrivateLink]
    [HttpGet("/r/{token}/agenda")]
    public async Task<IActionResult> Personal(string token, string? tz, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        var published = await agenda.PublishedAsync(registration.EventId, cancellationToken);
        var chosen = await choices.ChoicesAsync(registration.Id, cancellationToken);
        var signing = await SigningAsync(registration, cancellationToken);
        var zoneId = EventTime.TryFindZone(tz, out _) ? tz : registration.TimeZoneId ?? registration.Event!.TimeZoneId;
        var zone = EventTime.TryFindZone(zoneId, out var z) ? z : EventTime.FindZone(registration.Event!.TimeZoneId);
        var mine = published is null ? [] : Mine(published, registration, chosen, signing).ToList();
        var days = published is null ? [] : AgendaLayout.Days(published, zone, mine);
        var all = published?.Sessions.Where(s => !s.IsCancelled).ToList() ?? [];
        return View("Personal", new PersonalAgendaPage(registration, published, zone, days, chosen, all, signing));
    }

    [PrivateLink]
    [HttpGet("/r/{token}/agenda.ics")]
    public async Task<IActionResult> PersonalFeed(string token, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        var published = await agenda.PublishedAsync(registration.EventId, cancellationToken) ?? new PublishedAgenda(0, registration.UpdatedAtUtc, [], []);
        var chosen = await choices.ChoicesAsync(registration.Id, cancellationToken);
        var signing = await SigningAsync(registration, cancellationToken);
        // A calendar app fetches the feed without the delegate's browser settings: it speaks their chosen language
        // unless the link says another (?lang=).
        using var language = Request.Query.ContainsKey(Localization.LanguageNegotiation.QueryProvider.Key)
            ? default
            : CultureScope.UseIfChosen(registration.PreferredLanguage);
        // The ceremony's entry says what the delegate signs there, and at which round and table.
        var notes = signing.GroupBy(a => a.Session!.Uid).ToDictionary(g => g.Key, g => string.Join("\n", g.Select(a =>
            t["You sign “{0}”: round {1}, table {2}.", a.Title, a.Round, a.Table].Value)));
        var meetings = await meetingCalendar.EntriesAsync(registration, cancellationToken);
        var ics = AgendaCalendar.Write(t, $"{registration.Event!.Name} — {registration.LatinName}", published, Mine(published, registration, chosen, signing), address.For($"/r/{token}/agenda"), notes, registration.Event.Venue, meetings);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"{registration.Event.Slug}-mine.ics");
    }

    [PrivateLink]
    [HttpPost("/r/{token}/agenda/choose")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Choose(string token, [FromForm] Guid session, [FromForm] bool attend, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        var published = await agenda.PublishedAsync(registration.EventId, cancellationToken);
        if (published?.Sessions.Any(s => s.Uid == session) == true)
        {
            await choices.ChooseAsync(registration.Id, session, attend, cancellationToken);
        }

        return Redirect($"/r/{token}/agenda#all-sessions");
    }

    /// <summary>Agreements a confirmed delegate signs (ready or signed), with their ceremony.</summary>
    private async Task<IReadOnlyList<EventManager.Core.Ceremonies.Agreement>> SigningAsync(Registration registration, CancellationToken cancellationToken) =>
        registration.Status == RegistrationStatus.Confirmed ? await ceremonies.SigningPlacesAsync(registration.Id, cancellationToken) : [];

    /// <summary>
    /// Sessions the delegate chairs, speaks at, signs at, or chose; cancelled ones stay so the calendar removes them.
    /// </summary>
    private static IEnumerable<PublishedSession> Mine(PublishedAgenda published, Registration registration, IReadOnlySet<Guid> chosen,
        IReadOnlyList<EventManager.Core.Ceremonies.Agreement> signing) =>
        published.Sessions.Where(s => chosen.Contains(s.Uid) || signing.Any(a => a.Session!.Uid == s.Uid)
            || (registration.DelegateId is int id && s.People.Any(p => p.DelegateId == id)));
}
