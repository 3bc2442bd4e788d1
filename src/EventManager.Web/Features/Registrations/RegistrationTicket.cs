using EventManager.Core.Badges;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Features.Badges;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Web.Features.Registrations;

/// <summary>
/// A confirmed delegate's ticket: their badge (name, institution, the QR code staff scan at the door) as a one-page
/// PDF, in the delegate's own language. The same code is on the printed badge, so either gets them in.
/// </summary>
public sealed class RegistrationTicket(BadgeBuilder badges, DocumentFonts fonts)
{
    public const string FileName = "ticket.pdf";

    public string CheckInUrl(Registration registration) => badges.CheckInUrl(registration);

    /// <summary>An SVG of the QR code, drawn large enough to scan from a phone's screen.</summary>
    public static string QrSvg(string url)
    {
        using var data = new QRCoder.QRCodeGenerator().CreateQrCode(url, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The PDF, or null when the fonts cannot print it (the reason is in <paramref name="problem"/>).</summary>
    /// <param name="registration">Confirmed, with its event and institution loaded.</param>
    public byte[]? Render(Registration registration, out string? problem)
    {
        problem = null;
        if (fonts.Catalog is null)
        {
            problem = fonts.Error;
            return null;
        }

        var badge = badges.Build(registration.Event!, [registration], registration.PreferredLanguage);
        var renderer = new BadgeRenderer(fonts.Catalog);
        try
        {
            renderer.EnsurePrintable(badge);
        }
        catch (EventManager.Core.Printing.MissingGlyphsException e)
        {
            problem = e.Characters;
            return null;
        }

        return renderer.Render(badge, BadgeSheet.A6);
    }
}

/// <summary>
/// Attaches the ticket to a message that tells a delegate their place is confirmed, as it goes out: drawn then, from
/// the registration as it stands (a place cancelled meanwhile gets none), and never inside the places lock.
/// </summary>
public sealed class TicketAttachment(EventManagerDbContext db, RegistrationTicket ticket, ILogger<TicketAttachment> logger) : IMessageContent
{
    private static readonly HashSet<string> ConfirmingKinds =
        [$"Registration{RegistrationNotice.Received}", $"Registration{RegistrationNotice.Approved}", $"Registration{RegistrationNotice.PromotedFromWaitingList}", $"Registration{RegistrationNotice.Restored}"];

    public async Task<bool> FillAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!ConfirmingKinds.Contains(message.Kind) || RegistrationMessages.TokenOf(message) is not { } token
            || message.Attachments.Any(a => a.FileName == RegistrationTicket.FileName))
        {
            return true;
        }

        var registration = await db.Registrations.AsNoTracking().Include(r => r.Event).Include(r => r.Institution)
            .SingleOrDefaultAsync(r => r.Token == token && r.Status == RegistrationStatus.Confirmed, cancellationToken);
        if (registration is null)
        {
            return true;
        }

        if (ticket.Render(registration, out var problem) is not { } pdf)
        {
            // The message still matters more than its attachment: it goes, and the hub offers the ticket once fixed.
            logger.LogWarning("No ticket attached to message {Id}: {Problem}", message.Id, problem);
            return true;
        }

        message.Attachments.Add(new MessageAttachment { FileName = RegistrationTicket.FileName, ContentType = "application/pdf", Content = pdf });
        return true;
    }
}
