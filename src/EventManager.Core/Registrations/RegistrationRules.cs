using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EventManager.Core.Common;
using EventManager.Core.Events;
using EventManager.Core.Institutions;

namespace EventManager.Core.Registrations;

public static partial class RegistrationRules
{
    public const int NameMaxLength = 200;

    /// <summary>
    /// A person's name, in either script: the longest real names (a Thai name and surname, a Kazakh name with the
    /// father's) stay well under it, and a sentence does not fit. Names are the one thing the public types that the app
    /// puts into mail it sends to any address ("Dear …"), so they are kept to being names.
    /// </summary>
    public const int PersonNameMaxLength = 100;
    public const int MaxCompanions = 30;

    /// <summary>Languages a delegate may ask to be written to in (BCP 47).</summary>
    public static readonly IReadOnlyList<string> Languages =
        ["en", "zh-CN", "kk-KZ", "ru-RU", "th-TH", "km-KH", "lo-LA", "my-MM", "vi-VN", "id-ID", "ms-MY"];

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-.]{4,29}$")]
    private static partial Regex PhonePattern();

    /// <summary>A self-service secret: 256 random bits as 43 URL-safe characters.</summary>
    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    public static bool IsEmail(string email) =>
        email.Length is > 3 and <= 254
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.');

    internal static void CheckPerson(List<DomainError> errors, string prefix, PersonDetails person)
    {
        CheckName(errors, prefix, person.LatinName, person.NativeName, person.Position);
        var email = NormalizeEmail(person.Email);
        if (email.Length == 0)
        {
            errors.Add(new DomainError(prefix + nameof(PersonDetails.Email), "Enter an email address."));
        }
        else if (!IsEmail(email))
        {
            errors.Add(new DomainError(prefix + nameof(PersonDetails.Email), "Enter an email address like name@university.edu."));
        }

        if (!Enum.IsDefined(person.Category))
        {
            errors.Add(new DomainError(prefix + nameof(PersonDetails.Category), "Choose a category from the list."));
        }

        CheckLength(errors, prefix + nameof(PersonDetails.DietaryNeeds), person.DietaryNeeds, 500);
    }

    internal static void CheckName(List<DomainError> errors, string prefix, string? latinName, string? nativeName, string? position)
    {
        if (string.IsNullOrWhiteSpace(latinName))
        {
            errors.Add(new DomainError(prefix + nameof(PersonDetails.LatinName), "Enter the name in Latin letters, as in the passport."));
        }
        else
        {
            CheckPersonName(errors, prefix + nameof(PersonDetails.LatinName), latinName);
        }

        CheckPersonName(errors, prefix + nameof(PersonDetails.NativeName), nativeName);
        CheckLength(errors, prefix + nameof(PersonDetails.Position), position, NameMaxLength);
    }

    internal static void CheckContact(List<DomainError> errors, string? phone, string? language, string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(phone) && !PhonePattern().IsMatch(phone.Trim()))
        {
            errors.Add(new DomainError("Phone", "Enter a phone number with its country code, for example +7 727 377 3333."));
        }

        if (!string.IsNullOrWhiteSpace(language) && !Languages.Contains(language))
        {
            errors.Add(new DomainError("PreferredLanguage", "Choose a language from the list."));
        }

        if (!string.IsNullOrWhiteSpace(timeZoneId) && !EventTime.TryFindZone(timeZoneId, out _))
        {
            errors.Add(new DomainError("TimeZoneId", "Choose a time zone from the list."));
        }
    }

    internal static void CheckTravel(List<DomainError> errors, Event ev, DateOnly? arrival, DateOnly? departure)
    {
        var zone = EventTime.FindZone(ev.TimeZoneId);
        var firstDay = DateOnly.FromDateTime(EventTime.ToLocal(ev.StartsAtUtc, zone));
        var lastDay = DateOnly.FromDateTime(EventTime.ToLocal(ev.EndsAtUtc, zone));
        if (arrival is { } a && a > lastDay)
        {
            errors.Add(new DomainError("ArrivalDate", "The arrival date is after the event ends ({0})." , lastDay.ToString("yyyy-MM-dd")));
        }

        if (departure is { } d && d < firstDay)
        {
            errors.Add(new DomainError("DepartureDate", "The departure date is before the event starts ({0}).", firstDay.ToString("yyyy-MM-dd")));
        }

        if (arrival is { } from && departure is { } to && to < from)
        {
            errors.Add(new DomainError("DepartureDate", "The departure date must not be before the arrival date."));
        }
    }

    internal static void CheckCountry(List<DomainError> errors, string? countryCode)
    {
        if (!InstitutionRules.IsCountryCode(countryCode))
        {
            errors.Add(new DomainError("CountryCode", "Choose a country from the list."));
        }
    }

    internal static void CheckPersonName(List<DomainError> errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        if (name.Contains('@') || NotAName().IsMatch(name))
        {
            errors.Add(new DomainError(field, "A name cannot hold a web address or an e-mail address."));
        }
        else
        {
            CheckLength(errors, field, name, PersonNameMaxLength);
        }
    }

    /// <summary>What a name never holds: a web address ("https://…", "www.…", "evil.example/…") or a colon-slash scheme.</summary>
    [GeneratedRegex(@"://|\bwww\.|[\p{L}\p{N}-]+\.[\p{L}]{2,}/", RegexOptions.IgnoreCase)]
    private static partial Regex NotAName();

    internal static void CheckLength(List<DomainError> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
        {
            errors.Add(new DomainError(field, "This can be at most {0} characters.", max));
        }
    }

    internal static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextNormalization.ToNfc(value.Trim());
}
