using EventManager.Core.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations;

public sealed record DelegateMessagePage(Registration Registration, EventManager.Core.Mail.OutgoingMessage Message);

/// <summary>
/// What the private hub offers besides the page itself: the ticket as a PDF, and every message the app sent the
/// delegate, to read again. Whoever holds the link sees them, as with the page.
/// </summary>
[PrivateLink]
public sealed class DelegateHubController(RegistrationSelfService registrations, DelegateMessages messages, RegistrationTicket ticket, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("/r/{token}/ticket.pdf")]
    public async Task<IActionResult> Ticket(string token, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Confirmed })
        {
            return NotFound();
        }

        if (ticket.Render(registration, out var problem) is not { } pdf)
        {
            TempData["Notice"] = t["Your ticket cannot be printed just now ({0}); the QR code on this page works at the door.", problem ?? ""].Value;
            return Redirect($"/r/{token}");
        }

        return File(pdf, "application/pdf", $"ticket-{registration.Event!.Slug}.pdf");
    }

    /// <summary>The visa letter an organiser printed for this delegate: the same letter, drawn again from the record.</summary>
    [HttpGet("/r/{token}/visa-letter.pdf")]
    public async Task<IActionResult> VisaLetter(string token, [FromServices] VisaLetters.VisaLetterBuilder builder, [FromServices] VisaLetterSetup setup,
        [FromServices] Configuration.DocumentFonts fonts, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Confirmed, NeedsVisaLetter: true, VisaLetterIssuedAtUtc: { } issued, TravelDocument: not null } || fonts.Catalog is null)
        {
            return NotFound();
        }

        var letters = builder.Build(registration.Event!, [registration], await setup.FindAsync(registration.EventId, cancellationToken),
            registration.VisaLetterIssuedBy ?? "", registration.VisaLetterIssuedByContact, registration.VisaLetterLanguage, issued);
        return File(new VisaLetterRenderer(fonts.Catalog).Render(letters), "application/pdf", $"visa-letter-{registration.Event!.Slug}.pdf");
    }

    /// <summary>The ticket for Apple Wallet, where the operator configured a pass certificate.</summary>
    [HttpGet("/r/{token}/ticket.pkpass")]
    public async Task<IActionResult> WalletPass(string token, [FromServices] WalletPasses wallet, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        if (!wallet.Enabled || registration is not { Status: RegistrationStatus.Confirmed })
        {
            return NotFound();
        }

        var ev = registration.Event!;
        var pass = wallet.Create(registration, ticket.CheckInUrl(registration), Display.TimeRange(ev.StartsAtUtc, ev.EndsAtUtc, registration.TimeZoneId ?? ev.TimeZoneId), Display.Institution(registration));
        return File(pass, "application/vnd.apple.pkpass", $"ticket-{ev.Slug}.pkpass");
    }

    [HttpGet("/r/{token}/messages/{id:long}")]
    public async Task<IActionResult> Message(string token, long id, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        var message = registration is null ? null : await messages.FindAsync(registration, id, cancellationToken);
        return message is null ? NotFound() : View("DelegateMessage", new DelegateMessagePage(registration!, message));
    }

    [HttpGet("/r/{token}/messages/{id:long}/{index:int}")]
    public async Task<IActionResult> Attachment(string token, long id, int index, CancellationToken cancellationToken)
    {
        var registration = await registrations.FindByTokenAsync(token, cancellationToken);
        var message = registration is null ? null : await messages.FindAsync(registration, id, cancellationToken);
        var attachment = message?.Attachments.OrderBy(a => a.Id).ElementAtOrDefault(index);
        return attachment is null ? NotFound() : File(attachment.Content, attachment.ContentType, attachment.FileName);
    }
}
