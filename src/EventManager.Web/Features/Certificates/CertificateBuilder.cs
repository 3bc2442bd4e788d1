using System.Globalization;
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

    /// <summary>The certificate's facts, as stored at issue, in the words of <paramref name="language"/>.</summary>
    public CertificateModel For(IssuedCertificate issued, CultureInfo language)
    {
        using var scope = CultureScope.Use(language);
        var facts = issued.Facts;
        var date = facts.Date.ToDateTime(TimeOnly.MinValue).ToString("D", CultureInfo.CurrentCulture);
        var url = VerificationUrl(issued.Certificate);
        return new CertificateModel(
            facts.Event.ToString(),
            t["Certificate of Agreement"],
            facts.Title.ToString(),
            // Each party's own-language title, unless it is the title already printed in this language.
            facts.LocalTitles.Where(l => l != facts.Title.ToString()).ToList(),
            t.Label(facts.Kind),
            facts.Parties.Select(p => new CertificateParty(
                p.Institution,
                p.InstitutionNative,
                Choices.CountryName(p.CountryCode),
                p.Signatory,
                p.SignatoryNative,
                p.Position)).ToList(),
            (issued.Signed, facts.Place) switch
            {
                (true, null) => t["Signed on {0}", date],
                (true, _) => t["Signed at {0} on {1}", facts.Place, date],
                // Printed before the ceremony, to be handed over at the table.
                (false, null) => t["To be signed on {0}", date],
                (false, _) => t["To be signed at {0} on {1}", facts.Place, date],
            },
            t["No. {0}", issued.Certificate.SerialNumber],
            url,
            t["Verify at {0}", url]);
    }
}
