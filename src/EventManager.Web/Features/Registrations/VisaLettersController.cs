using System.Globalization;
using EventManager.Core.Certificates;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Certificates;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

/// <summary>
/// Invitation letters for the visa applications of confirmed delegates who asked for one on the registration form
/// (or for one delegate): printed by an organiser, who signs them on behalf of the organisers.
/// </summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
public sealed class VisaLettersController(
    EventService events,
    RegistrationService registrations,
    DocumentFonts fonts,
    UserManager<AppUser> users,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : Controller
{
    /// <param name="id">One delegate's letter; without it, every confirmed delegate who asked for one.</param>
    /// <param name="language">The letter's language: English unless another is chosen.</param>
    [HttpGet("/organiser/events/{eventId:int}/visa-letters.pdf")]
    public async Task<IActionResult> Print(int eventId, int? id, string? language, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var people = (await registrations.ListAsync(eventId, new RegistrationFilter(RegistrationStatus.Confirmed), cancellationToken))
            .Where(r => id is null ? r.NeedsVisaLetter : r.Id == id)
            .OrderBy(r => r.Sequence)
            .ToList();
        if (id is not null && people.Count == 0)
        {
            return NotFound();
        }

        if (people.Count == 0 || fonts.Catalog is null)
        {
            TempData["Problem"] = people.Count == 0 ? t["No confirmed delegate has asked for a visa invitation letter."].Value : t["Letters cannot be printed: {0}", fonts.Error ?? ""].Value;
            return Redirect($"/organiser/events/{eventId}/registrations");
        }

        var user = await users.GetUserAsync(User);
        var signatory = user?.DisplayName ?? user?.Email ?? User.Identity?.Name ?? "";
        List<VisaLetterModel> letters;
        using (CultureScope.Use(WebConfiguration.SupportedCultureOr(language)))
        {
            letters = people.Select(r => Letter(ev, r, signatory, user?.Email)).ToList();
        }

        var renderer = new VisaLetterRenderer(fonts.Catalog);
        if (t.FontProblem(() => renderer.EnsurePrintable(letters)) is { } problem)
        {
            TempData["Problem"] = problem;
            return Redirect($"/organiser/events/{eventId}/registrations");
        }

        Response.Headers.CacheControl = "no-store";
        return File(renderer.Render(letters), "application/pdf", id is null ? $"visa-letters-{ev.Slug}.pdf" : $"visa-letter-{id}.pdf");
    }

    private VisaLetterModel Letter(Event ev, Registration r, string signatory, string? contact)
    {
        var culture = CultureInfo.CurrentCulture;
        var zone = EventTime.FindZone(ev.TimeZoneId);
        string Day(DateTime utc) => EventTime.ToLocal(utc, zone).ToString("D", culture);
        string Date(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToString("D", culture);
        var place = string.Join(", ", new[] { ev.Venue, ev.City }.Where(v => !string.IsNullOrWhiteSpace(v)));
        var name = r.NativeName is null || r.NativeName == r.LatinName ? r.LatinName : $"{r.LatinName} ({r.NativeName})";
        var institution = r.Institution?.NativeName is { } native && native != r.InstitutionDisplayName ? $"{r.InstitutionDisplayName} ({native})" : r.InstitutionDisplayName;
        var paragraphs = new List<string>
        {
            t["We are pleased to invite {0}, {1} of {2}, {3}, to take part in {4}, to be held at {5} from {6} to {7}.",
                name, r.Position ?? "", institution, Choices.CountryName(r.CountryCode), ev.Name, place, Day(ev.StartsAtUtc), Day(ev.EndsAtUtc)],
        };
        if (r.ArrivalDate is { } arrival && r.DepartureDate is { } departure)
        {
            paragraphs.Add(t["{0} plans to arrive on {1} and to leave on {2}.", r.LatinName, Date(arrival), Date(departure)]);
        }

        paragraphs.Add(t["This letter is issued at the delegate's request, in support of their visa application."]);
        if (!string.IsNullOrWhiteSpace(contact))
        {
            paragraphs.Add(t["For any question about this invitation, please write to {0}.", contact]);
        }

        var prefix = ev.CertificatePrefix ?? CertificateRules.SerialPrefix(ev.Slug);
        return new VisaLetterModel(
            ev.Name,
            $"{place} · {Display.DateRange(ev.StartsAtUtc, ev.EndsAtUtc, ev.TimeZoneId)}",
            t["Invitation letter"],
            t["Ref. {0}", $"{prefix}-V-{r.Sequence:0000}"],
            t["Issued on {0}", Day(time.GetUtcNow().UtcDateTime)],
            t["To whom it may concern,"],
            paragraphs,
            t["Yours faithfully,"],
            signatory,
            t["On behalf of the organisers of {0}", ev.Name]);
    }
}
