using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EventManager.Core.Common;

namespace EventManager.Core.Events;

public static partial class EventRules
{
    public const int NameMaxLength = 200;
    public const int SlugMaxLength = 100;
    public const int DescriptionMaxLength = 4000;

    /// <summary>A badge's line: "China–Kazakhstan Rectors' Dialogue".</summary>
    public const int ShortNameMaxLength = 60;

    public const int SignatureMaxLength = 500;

    /// <summary>Dates outside these years are typing mistakes, not events.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2199;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public const int CertificatePrefixMaxLength = 12;

    [GeneratedRegex("^[A-Z0-9]{1,12}$")]
    public static partial Regex CertificatePrefixPattern();

    /// <summary>A readable slug from a Latin name: "China–ASEAN Week (11th)" becomes "china-asean-week-11th".</summary>
    public static string SlugFrom(string name)
    {
        var decomposed = TextNormalization.Normalize(name, NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var original in decomposed)
        {
            // Letters that are not a base letter plus accent in Unicode, so decomposition leaves them.
            var c = original switch
            {
                'Đ' or 'đ' => 'd',
                'Ø' or 'ø' => 'o',
                'Ł' or 'ł' => 'l',
                'ı' => 'i',
                _ => original,
            };
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z')
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }

            if (builder.Length >= 80)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "event" : slug;
    }

    /// <summary>
    /// The rules an event's fields must meet on their own (the service adds those that need the database: a free
    /// address, a parent whose dates hold it). Times come back in UTC; the zone is null when it is not known.
    /// </summary>
    public static (EventTexts Texts, string? CertificatePrefix, TimeZoneInfo? Zone, DateTime StartsUtc, DateTime EndsUtc) Check(EventInput input, IReadOnlyList<string> languages, List<DomainError> errors)
    {
        var texts = new EventTexts(
            LocalTextRules.Check(errors, nameof(EventInput.Name), input.Name, NameMaxLength, languages, "Enter the event's name.") ?? LocalText.Empty,
            LocalTextRules.Check(errors, nameof(EventInput.Venue), input.Venue, 200, languages),
            LocalTextRules.Check(errors, nameof(EventInput.City), input.City, 100, languages),
            LocalTextRules.Check(errors, nameof(EventInput.Description), input.Description, DescriptionMaxLength, languages),
            LocalTextRules.Check(errors, nameof(EventInput.ShortName), input.ShortName, ShortNameMaxLength, languages),
            LocalTextRules.Check(errors, nameof(EventInput.MessageSignature), input.MessageSignature, SignatureMaxLength, languages));

        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new DomainError(nameof(EventInput.Kind), "Choose a kind of event from the list."));
        }

        var prefix = Blank(input.CertificatePrefix)?.ToUpperInvariant();
        if (prefix is not null && !CertificatePrefixPattern().IsMatch(prefix))
        {
            errors.Add(new DomainError(nameof(EventInput.CertificatePrefix), "Use 1 to {0} Latin letters and digits, for example CKRD.", CertificatePrefixMaxLength));
        }

        DateTime startsUtc = default, endsUtc = default;
        if (!EventTime.TryFindZone(input.TimeZoneId, out var zone))
        {
            errors.Add(new DomainError(nameof(EventInput.TimeZoneId), "Choose a time zone from the list."));
        }
        else
        {
            var startOk = ToUtc(errors, nameof(EventInput.StartsLocal), input.StartsLocal, zone, out startsUtc);
            var endOk = ToUtc(errors, nameof(EventInput.EndsLocal), input.EndsLocal, zone, out endsUtc);

            if (startOk && endOk && endsUtc <= startsUtc)
            {
                errors.Add(new DomainError(nameof(EventInput.EndsLocal), "The event must end after it starts."));
            }
        }

        return (texts, prefix, zone, startsUtc, endsUtc);
    }

    /// <summary>A local date and time typed for the event's zone, in UTC; a typing-mistake year or a skipped time is an error.</summary>
    public static bool ToUtc(List<DomainError> errors, string field, DateTime local, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (local.Year < FirstYear || local.Year > LastYear)
        {
            errors.Add(new DomainError(field, "Enter a date between the years {0} and {1}.", FirstYear, LastYear));
            return false;
        }

        if (!EventTime.TryToUtc(local, zone, out utc))
        {
            errors.Add(new DomainError(field, "This time does not exist in {0}: the clocks skip it.", zone.Id));
            return false;
        }

        return true;
    }

    /// <summary>An event's texts, checked and keyed by its languages.</summary>
    public sealed record EventTexts(LocalText Name, LocalText? Venue, LocalText? City, LocalText? Description, LocalText? ShortName, LocalText? MessageSignature);

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
