using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.CheckIn;

/// <param name="BadgeLanguage">The language badges are printed in (their own words: category, country).</param>
public sealed record CheckInPage(Event Event, string? Search, IReadOnlyList<Registration> Registrations, int? Id = null, string BadgeLanguage = "en");

/// <summary>The desk at the door: staff find a confirmed delegate and mark them arrived.</summary>
[Authorize(Policy = IdentityConfiguration.EventStaffPolicy)]
public sealed class CheckInController(EventService events, RegistrationLists registrations, RegistrationCheckIn desk, Team.TeamAccess access, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/staff")]
    public async Task<IActionResult> Desk(CancellationToken cancellationToken)
    {
        var visible = await access.EventsWhereAsync(User, r => r.Works || r.Observer, cancellationToken);
        return View((await events.UpcomingAsync(cancellationToken)).Where(e => visible is null || visible.Contains(e.Id)).ToList());
    }

    /// <param name="id">One delegate only: the address in the QR code of their badge.</param>
    [HttpGet("/staff/events/{eventId:int}/check-in")]
    /// <param name="badges">The language to print badges in; the screen's by default.</param>
    public async Task<IActionResult> Index(int eventId, string? q, int? id, string? badges, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var list = await registrations.ListAsync(eventId, new RegistrationFilter(RegistrationStatus.Confirmed, Search: q), cancellationToken);
        var badgeLanguage = WebConfiguration.SupportedCultureOr(badges ?? System.Globalization.CultureInfo.CurrentUICulture.Name).Name;
        return View(new CheckInPage(ev, q, list.Where(r => id is null || r.Id == id).OrderBy(r => r.LatinName, StringComparer.CurrentCulture).ToList(), id, badgeLanguage));
    }

    [HttpPost("/staff/events/{eventId:int}/check-in/{id:int}")]
    /// <param name="one">Set when the desk showed one delegate (from their badge's QR code): it shows them again.</param>
    public async Task<IActionResult> CheckIn(int eventId, int id, [FromForm] bool arrived, [FromForm] string? q, [FromForm] bool one, CancellationToken cancellationToken)
    {
        var result = await desk.CheckInAsync(eventId, id, arrived, cancellationToken);
        TempData["Notice"] = result.Succeeded
            ? (arrived ? t["{0} is checked in.", result.Value!.LatinName] : t["{0} is no longer checked in.", result.Value!.LatinName]).Value
            : t.Say(result.Errors);
        return Redirect($"/staff/events/{eventId}/check-in{(one ? $"?id={id}" : string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q))}");
    }
}
