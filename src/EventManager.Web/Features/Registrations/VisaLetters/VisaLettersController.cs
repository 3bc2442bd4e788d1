using System.Globalization;
using EventManager.Core.Certificates;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.VisaLetters;

/// <summary>
/// Invitation letters for the visa applications of confirmed delegates who asked for one on the registration form
/// (or for one delegate): printed by an organiser, who signs them on behalf of the organisers.
/// </summary>
[Authorize(Policy = IdentityConfiguration.OrganiserPolicy)]
public sealed class VisaLettersController(
    EventService events,
    RegistrationLists registrations,
    DocumentFonts fonts,
    UserManager<AppUser> users,
    VisaLetterBuilder builder,
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
        var letters = builder.Build(ev, people, signatory, user?.Email, language);

        var renderer = new VisaLetterRenderer(fonts.Catalog);
        if (t.FontProblem(() => renderer.EnsurePrintable(letters)) is { } problem)
        {
            TempData["Problem"] = problem;
            return Redirect($"/organiser/events/{eventId}/registrations");
        }

        Response.Headers.CacheControl = "no-store";
        return File(renderer.Render(letters), "application/pdf", id is null ? $"visa-letters-{ev.Slug}.pdf" : $"visa-letter-{id}.pdf");
    }
}
