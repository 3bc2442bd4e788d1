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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.VisaLetters;

/// <summary>
/// Invitation letters for the visa applications of confirmed delegates who asked for one on the registration form
/// (or for one delegate): printed by an organiser, who signs them on behalf of the organisers.
/// </summary>
[Authorize(Policy = IdentityConfiguration.EventOrganiserPolicy)]
public sealed class VisaLettersController(
    EventService events,
    RegistrationLists registrations,
    DocumentFonts fonts,
    UserManager<AppUser> users,
    VisaLetterSetup setup,
    VisaLetterBuilder builder,
    Core.Activity.ActivityLog activity,
    EventManagerDbContext db,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/organiser/events/{eventId:int}/visa-letters")]
    public async Task<IActionResult> Settings(int eventId, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        var settings = await setup.FindAsync(eventId, cancellationToken);
        return ev is null ? NotFound() : View("Settings", new VisaLetterSettingsPage(ev, VisaLetterSettingsForm.From(settings, ev), settings?.SealImage is not null));
    }

    [HttpPost("/organiser/events/{eventId:int}/visa-letters")]
    [RequestSizeLimit(2 * VisaLetterSetup.MaxImageBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 2 * VisaLetterSetup.MaxImageBytes)]
    public async Task<IActionResult> SaveSettings(int eventId, [FromForm] VisaLetterSettingsForm form, IFormFile? sealImage, CancellationToken cancellationToken)
    {
        var ev = await events.FindAsync(eventId, cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var result = await setup.SaveAsync(eventId, form.ToInput(await sealImage.ReadImageAsync(cancellationToken)), cancellationToken);
        if (result.Succeeded)
        {
            TempData["Notice"] = t["The letterhead and signatory were saved."].Value;
            return Redirect($"/organiser/events/{eventId}/visa-letters");
        }

        ModelState.AddDomainErrors(result.Errors, t);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Settings", new VisaLetterSettingsPage(ev, form, await setup.FindAsync(eventId, cancellationToken) is { SealImage: not null }));
    }

    /// <summary>The stored signature or seal, for the settings page (organisers only, like the page).</summary>
    [HttpGet("/organiser/events/{eventId:int}/visa-letters/seal.png")]
    public async Task<IActionResult> Seal(int eventId, CancellationToken cancellationToken)
    {
        var image = (await setup.FindAsync(eventId, cancellationToken))?.SealImage;
        Response.Headers.CacheControl = "no-store";
        return image is null ? NotFound() : File(image, "image/png");
    }

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

        // Signed by the signatory the settings name; until one is named, by the organiser who prints them.
        var user = await users.GetUserAsync(User);
        var printedBy = user?.DisplayName ?? user?.Email ?? User.Identity?.Name ?? "";
        var letters = builder.Build(ev, people, await setup.FindAsync(eventId, cancellationToken), printedBy, user?.Email, language);

        var renderer = new VisaLetterRenderer(fonts.Catalog);
        if (t.FontProblem(() => renderer.EnsurePrintable(letters)) is { } problem)
        {
            TempData["Problem"] = problem;
            return Redirect($"/organiser/events/{eventId}/registrations");
        }

        // The letters carry passport numbers: who printed which is kept. Printed, a letter is issued: its delegate
        // downloads the same letter (same signer, same language) from their private link.
        activity.Add(Core.Activity.ActivityKind.VisaLettersPrinted, eventId, letters.Count);
        await db.SaveChangesAsync(cancellationToken);
        var printed = people.Select(p => p.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        await db.Registrations.Where(r => printed.Contains(r.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.VisaLetterIssuedAtUtc, now)
            .SetProperty(r => r.VisaLetterIssuedBy, printedBy)
            .SetProperty(r => r.VisaLetterIssuedByContact, user != null ? user.Email : null)
            .SetProperty(r => r.VisaLetterLanguage, language), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(renderer.Render(letters), "application/pdf", id is null ? $"visa-letters-{ev.Slug}.pdf" : $"visa-letter-{id}.pdf");
    }
}
