using EventManager.Core.Badges;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Badges;

/// <summary>
/// Name badges for the confirmed delegates of an event, printed by staff: all at once (grouped by institution, so a
/// delegation's badges come out together), the ones a search finds, or one at the desk. The QR code on a badge opens
/// that delegate's row at the check-in desk (staff only), so arrival is one scan and one tap.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventStaffPolicy)]
public sealed class BadgesController(
    EventService events,
    RegistrationLists registrations,
    DocumentFonts fonts,
    BadgeBuilder builder,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/staff/events/{eventId:int}/badges.pdf")]
    /// <param name="language">The badges' own words (category, country) in this language; the screen's when not given.</param>
    public async Task<IActionResult> Print(int eventId, string? q, int? id, BadgeSheet sheet, string? language, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var people = (await registrations.ListAsync(eventId, new RegistrationFilter(RegistrationStatus.Confirmed, Search: q), cancellationToken))
            .Where(r => id is null || r.Id == id)
            .OrderBy(r => r.InstitutionDisplayName, StringComparer.CurrentCulture).ThenBy(r => r.LatinName, StringComparer.CurrentCulture)
            .ToList();
        if (id is not null && people.Count == 0)
        {
            return NotFound();
        }

        if (people.Count == 0)
        {
            return Refuse(eventId, q, t["No confirmed delegate to print a badge for."]);
        }

        if (fonts.Catalog is null)
        {
            return Refuse(eventId, q, t["Badges cannot be printed: {0}", fonts.Error ?? ""]);
        }

        var badges = builder.Build(ev, people, language);
        var renderer = new BadgeRenderer(fonts.Catalog);
        if (t.FontProblem(() => renderer.EnsurePrintable(badges)) is { } problem)
        {
            return Refuse(eventId, q, problem);
        }

        Response.Headers.CacheControl = "no-store";
        return File(renderer.Render(badges, sheet), "application/pdf", id is null ? $"badges-{ev.Slug}.pdf" : $"badge-{id}.pdf");
    }

    private RedirectResult Refuse(int eventId, string? q, string message)
    {
        TempData["Problem"] = message;
        return Redirect($"/staff/events/{eventId}/check-in{(string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q))}");
    }
}
