using System.Text.Json;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Events;

namespace EventManager.Core.Certificates;

public sealed record CertificatePartyFacts(
    string Institution, string? InstitutionNative, string CountryCode, string Signatory, string? SignatoryNative, string? Position);

/// <summary>
/// What a certificate states, in no particular language: stored when it is issued, printed from, and shown by the
/// verification page, so the page says what the paper says even after the agreement changes. When the agreement's
/// facts no longer equal a certificate's, the certificate is out of date and its next print issues a new one.
/// </summary>
public sealed record CertificateFacts(
    LocalText Event,
    LocalText Ceremony,
    LocalText Title,
    IReadOnlyList<string> LocalTitles,
    AgreementKind Kind,
    IReadOnlyList<CertificatePartyFacts> Parties,
    DateOnly Date,
    string TimeZoneId,
    LocalText? Place)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The facts of an agreement as it stands; its session must come with its event and room.</summary>
    public static CertificateFacts From(Agreement agreement, Session ceremony)
    {
        var ev = ceremony.Event!;
        var place = LocalText.Place(ceremony.Room?.Venue ?? ev.Venue, ev.City);
        return new CertificateFacts(
            ev.Name,
            ceremony.Title,
            agreement.Title,
            agreement.Parties.OrderBy(p => p.Order).Select(p => p.LocalTitle).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct().ToList()!,
            agreement.Kind,
            agreement.Parties.OrderBy(p => p.Order).Select(p => new CertificatePartyFacts(
                p.Institution?.EnglishName ?? "",
                p.Institution?.NativeName,
                p.Institution?.CountryCode ?? "",
                p.Signatory?.LatinName ?? "",
                p.Signatory?.NativeName,
                p.Signatory?.Position)).ToList(),
            // The day, not the moment: marking the agreement signed (on the ceremony's day) changes nothing printed.
            DateOnly.FromDateTime(EventTime.ToLocal(agreement.SignedAtUtc ?? ceremony.StartsAtUtc, EventTime.FindZone(ev.TimeZoneId))),
            ev.TimeZoneId,
            place.IsEmpty ? null : place);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CertificateFacts? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<CertificateFacts>(json, Json);
}
