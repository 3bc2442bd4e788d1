using EventManager.Core.Common;
using System.Globalization;
using EventManager.Core.Certificates;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Features.Registrations.VisaLetters;

/// <summary>
/// The visa letter's builder: each delegate's invitation in the language chosen (English unless another is), dates in
/// the event's zone, on the event's letterhead, with the traveller's passport details, signed by the signatory the
/// settings name (or, until one is named, the organiser who prints it).
/// </summary>
public sealed class VisaLetterBuilder(IStringLocalizer<SharedResource> t, TimeProvider time, TravelDocumentVault vault)
{
    /// <param name="issuedAtUtc">The letter's date: now when an organiser prints it, the printing's when a delegate downloads it again.</param>
    public IReadOnlyList<VisaLetterModel> Build(Event ev, IEnumerable<Registration> people, VisaLetterSettings? settings, string printedBy, string? contact, string? language, DateTime? issuedAtUtc = null)
    {
        using var scope = CultureScope.Use(WebConfiguration.SupportedCultureOr(language));
        var issued = issuedAtUtc ?? time.GetUtcNow().UtcDateTime;
        return people.Select(r => Letter(ev, r, settings, printedBy, contact, issued)).ToList();
    }

    /// <summary>
    /// A date as letters to consulates write it, one form per language and no weekday (which wrapped the issue line):
    /// 6 January 2027, 2027年1月6日, 6 января 2027 г., 2027 жылғы 6 қаңтар.
    /// </summary>
    public static string FormalDate(DateTime date, CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "zh" => date.ToString("yyyy'年'M'月'd'日'", culture),
        "ru" => date.ToString("d MMMM yyyy 'г.'", culture),
        "kk" => $"{date.ToString("yyyy", culture)} жылғы {date.Day} {culture.DateTimeFormat.GetMonthName(date.Month).ToLower(culture)}",
        _ => date.ToString("d MMMM yyyy", culture),
    };

    private VisaLetterModel Letter(Event ev, Registration r, VisaLetterSettings? settings, string printedBy, string? contact, DateTime issuedAtUtc)
    {
        var culture = CultureInfo.CurrentCulture;
        var zone = EventTime.FindZone(ev.TimeZoneId);
        string Day(DateTime utc) => FormalDate(EventTime.ToLocal(utc, zone), culture);
        string Date(DateOnly date) => FormalDate(date.ToDateTime(TimeOnly.MinValue), culture);
        var place = LocalText.Place(ev.Venue, ev.City).ToString();
        var name = DisplayName.Of(r.LatinName, r.NativeName);
        var institution = DisplayName.Of(r.InstitutionDisplayName, r.Institution?.NativeName);
        var paragraphs = new List<string>
        {
            t["We are pleased to invite {0}, {1} of {2}, {3}, to take part in the {4}, to be held at {5} from {6} to {7}.",
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

        var traveller = new List<LetterFact> { new(t["Full name"], r.LatinName) };
        if (vault.Open(r.TravelDocument) is { } passport)
        {
            traveller.Add(new(t["Date of birth"], FormalDate(passport.DateOfBirth.ToDateTime(TimeOnly.MinValue), culture)));
            traveller.Add(new(t["Nationality"], Choices.CountryName(passport.NationalityCode)));
            traveller.Add(new(t["Passport number"], passport.PassportNumber));
        }

        var letterhead = settings?.Letterhead?.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var title = settings?.SignatoryTitle?.ToString();
        var prefix = ev.CertificatePrefix ?? CertificateRules.SerialPrefix(ev.Slug);
        return new VisaLetterModel(
            ev.Name.ToString(),
            $"{place} · {Display.DateRange(ev.StartsAtUtc, ev.EndsAtUtc, ev.TimeZoneId)}",
            t["Invitation letter"],
            t["Ref. {0}", $"{prefix}-V-{r.Sequence:0000}"],
            t["Issued on {0}", Day(issuedAtUtc)],
            t["To whom it may concern,"],
            paragraphs,
            t["Yours faithfully,"],
            settings?.SignatoryName ?? printedBy,
            string.IsNullOrWhiteSpace(title) ? t["On behalf of the organisers of {0}", ev.Name] : title,
            letterhead,
            traveller,
            settings?.SealImage);
    }
}
