using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

public sealed record RegistrationSentPage(Event Event, string? Email);

/// <param name="Invitation">Set when the form opens from an invitation's link: bound to its person, posted back to the link.</param>
/// <param name="Full">Every place is taken: the form says, before anyone types, that sending it joins the waiting list.</param>
public sealed record RegisterPage(Event Event, RegisterForm Form, IReadOnlyList<Institution> Institutions, int CompanionRows, IReadOnlyList<RegistrationQuestion> Questions,
    EventManager.Core.Invitations.Invitation? Invitation, PrivacyNotice? Privacy, bool Full)
{
    public string Action => Invitation is null ? $"/events/{Event.Slug}/register" : $"/i/{Invitation.Token}";

    public bool TakesCompanions => Invitation is not { Kind: EventManager.Core.Invitations.InvitationKind.Personal };
}

/// <param name="TicketQr">The check-in QR code as SVG, once the place is confirmed.</param>
public sealed record SelfServicePage(
    Registration Registration, int? WaitingListPosition, IReadOnlyList<Registration> Delegation, CorrectionForm Form, bool JustRegistered,
    IReadOnlyList<EventManager.Core.Ceremonies.Agreement> SigningPlaces, IReadOnlyList<RegistrationQuestion> Questions,
    IReadOnlyList<DelegateMessage> Messages, string? TicketQr);

/// <summary>What the registration form shows besides the form itself, for the public form and an invitation's alike.</summary>
public sealed class RegisterPages(InstitutionService institutions, RegistrationQuestions questions, PrivacyNotices notices, RegistrationPolicies policies)
{
    public async Task<RegisterPage> BuildAsync(Event ev, RegisterForm form, int companionRows, EventManager.Core.Invitations.Invitation? invitation, CancellationToken cancellationToken) =>
        new(ev, form, await institutions.ListAsync(cancellationToken), Math.Clamp(companionRows, 0, RegistrationRules.MaxCompanions),
            await questions.ListAsync(ev.Id, cancellationToken), invitation, await notices.FindAsync(ev.Id, cancellationToken),
            (await policies.FindAsync(ev.Id, cancellationToken))?.IsFull == true);

    /// <summary>
    /// The form posted by its "add a person" button rather than sent: shown again, one companion row more, without
    /// checking anything yet (no script needed, nothing typed is lost).
    /// </summary>
    public static int RowsAfter(RegisterForm form) => form.AddCompanion ? form.Companions.Count + 1 : form.Companions.Count;
}

public sealed class PublicRegistrationController(
    EventService events,
    RegisterPages pages,
    RegistrationPolicies policies,
    RegistrationSubmission submission,
    RegistrationSelfService registrations,
    EventManager.Core.Ceremonies.CeremonyService ceremonies,
    RegistrationQuestions questions,
    DelegateMessages messages,
    RegistrationTicket ticket,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/events/{slug}/register")]
    public async Task<IActionResult> Register(string slug, int? people, CancellationToken cancellationToken)
    {
        var ev = await events.FindBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (ev is null)
        {
            return NotFound();
        }

        var policy = await policies.FindAsync(ev.Id, cancellationToken);
        if (!policies.IsOpen(policy))
        {
            return View("Closed", ev);
        }

        if (policy!.InvitationOnly)
        {
            return View("InvitationOnly", ev);
        }

        // Messages in the language the delegate is reading the form in, unless they choose another.
        var reading = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var form = new RegisterForm { PreferredLanguage = RegistrationRules.Languages.Contains(reading) ? reading : "en" };
        return View(await pages.BuildAsync(ev, form, people ?? 0, null, cancellationToken));
    }

    [HttpPost("/events/{slug}/register")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Register(string slug, [FromForm] RegisterForm form, CancellationToken cancellationToken)
    {
        var eventId = await events.FindIdBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        if (eventId is null)
        {
            return NotFound();
        }

        if (form.AddCompanion)
        {
            ModelState.Clear();
            return View(await pages.BuildAsync((await events.FindAsync(eventId.Value, cancellationToken))!, form, RegisterPages.RowsAfter(form), null, cancellationToken));
        }

        if (ModelState.IsValid)
        {
            var result = await submission.RegisterAsync(eventId.Value, form.ToRequest(await AnswerUploads.Read(Request, cancellationToken)), cancellationToken);
            if (result.Succeeded)
            {
                // The same answer for a new address and a registered one: the private link goes by mail only.
                TempData["SentTo"] = RegistrationRules.NormalizeEmail(form.Email ?? "");
                return Redirect($"/events/{Uri.EscapeDataString(slug.ToLowerInvariant())}/register/sent");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(await pages.BuildAsync((await events.FindAsync(eventId.Value, cancellationToken))!, form, RegisterPages.RowsAfter(form), null, cancellationToken));
    }

    /// <summary>After the form: "we sent you a message". It says nothing about whether the address was registered before.</summary>
    [HttpGet("/events/{slug}/register/sent")]
    [PrivateLink]
    public async Task<IActionResult> Sent(string slug, CancellationToken cancellationToken)
    {
        var eventId = await events.FindIdBySlugAsync(slug.ToLowerInvariant(), cancellationToken);
        return eventId is null ? NotFound() : View("Sent", new RegistrationSentPage((await events.FindAsync(eventId.Value, cancellationToken))!, TempData["SentTo"] as string));
    }

    [PrivateLink]
    [HttpGet("/r/{token}")]
    public async Task<IActionResult> SelfService(string token, bool @new, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        return registration is null ? NotFound() : View("SelfService", await PageAsync(registration, CorrectionForm.From(registration), @new, cancellationToken));
    }

    [PrivateLink]
    [HttpPost("/r/{token}")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Correct(string token, [FromForm] CorrectionForm form, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await registrations.CorrectAsync(token, form.ToCorrection(await AnswerUploads.Read(Request, cancellationToken)), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = t["Your details were saved."].Value;
                return Redirect($"/r/{token}");
            }

            ModelState.AddDomainErrors(result.Errors, t);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("SelfService", await PageAsync(registration, form, false, cancellationToken));
    }

    [PrivateLink]
    [HttpPost("/r/{token}/cancel")]
    [EnableRateLimiting(WebConfiguration.PublicFormsPolicy)]
    public async Task<IActionResult> Cancel(string token, [FromForm] bool confirm, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is null)
        {
            return NotFound();
        }

        if (!confirm)
        {
            ModelState.AddModelError("confirm", t["Tick the box to confirm that you want to cancel."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("SelfService", await PageAsync(registration, CorrectionForm.From(registration), false, cancellationToken));
        }

        var result = await registrations.CancelAsync(token, cancellationToken);
        TempData["Notice"] = result.Succeeded ? t["Your registration is cancelled."].Value : t.Say(result.Errors);
        return Redirect($"/r/{token}");
    }

    private async Task<SelfServicePage> PageAsync(Registration registration, CorrectionForm form, bool justRegistered, CancellationToken cancellationToken)
    {
        var position = await registrations.WaitingListPositionAsync(registration, cancellationToken);
        var delegation = registration.IsHeadOfDelegation ? await registrations.DelegationOfAsync(registration, cancellationToken) : [];
        var signing = registration.Status == RegistrationStatus.Confirmed ? await ceremonies.SigningPlacesAsync(registration.Id, cancellationToken) : [];
        var qr = registration.Status == RegistrationStatus.Confirmed ? RegistrationTicket.QrSvg(ticket.CheckInUrl(registration)) : null;
        return new SelfServicePage(registration, position, delegation, form, justRegistered, signing, await questions.ListAsync(registration.EventId, cancellationToken),
            await messages.ListAsync(registration, cancellationToken), qr);
    }
}
