using System.Globalization;
using EventManager.Core.Ceremonies;
using EventManager.Core.Certificates;
using EventManager.Core.Events;
using EventManager.Web.Features.Registrations;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Certificates;

/// <summary>
/// The certificate's builder: puts an issued certificate into words for the renderer: labels in the language staff chose for the certificates
/// (English unless they chose another, whatever the language of their screens), the date in the event's zone.
/// </summary>
public sealed class CertificateBuilder(IStringLocalizer<SharedResource> t, PublicAddress address)
{
    public string VerificationUrl(Certificate certificate) => address.For("/verify/" + certificate.VerificationCode);

    /// <summary>What an agreement's certificate will print, before it has a serial number: for checking the fonts.</summary>
    public CertificateModel Preview(Agreement agreement, CultureInfo language) =>
        For(new IssuedCertificate(new Certificate { SerialNumber = "0", VerificationCode = "0" }, agreement), language);

    public CertificateModel For(IssuedCertificate issued, CultureInfo language)
    {
        using var scope = CultureScope.Use(language);
        var agreement = issued.Agreement;
        var session = agreement.Session!;
        var ev = session.Event!;
        var zone = EventTime.TryFindZone(ev.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var date = EventTime.ToLocal(agreement.SignedAtUtc ?? session.StartsAtUtc, zone).ToString("D", CultureInfo.CurrentCulture);
        var venue = string.Join(", ", new[] { session.Room?.Venue ?? ev.Venue, ev.City }.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct());
        var url = VerificationUrl(issued.Certificate);
        return new CertificateModel(
            ev.Name,
            t["Certificate of Agreement"],
            agreement.Title,
            agreement.Parties.Select(p => p.LocalTitle).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct().ToList()!,
            t.Label(agreement.Kind),
            agreement.Parties.OrderBy(p => p.Order).Select(p => new CertificateParty(
                p.Institution!.EnglishName,
                p.Institution.NativeName,
                Choices.CountryName(p.Institution.CountryCode),
                p.Signatory!.LatinName,
                p.Signatory.NativeName,
                p.Signatory.Position)).ToList(),
            venue.Length == 0 ? t["Signed on {0}", date] : t["Signed at {0} on {1}", venue, date],
            t["No. {0}", issued.Certificate.SerialNumber],
            url,
            t["Verify at {0}", url]);
    }
}
