using System.Globalization;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;

namespace EventManager.Web.Infrastructure;

/// <summary>The lists forms offer: countries, time zones, languages.</summary>
public static class Choices
{
    /// <summary>The codes of every country the platform knows.</summary>
    private static readonly Lazy<IReadOnlyList<string>> CountryCodes = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
            .Where(r => r is not null && InstitutionRules.IsCountryCode(r.TwoLetterISORegionName))
            .Select(r => r!.TwoLetterISORegionName)
            .Distinct()
            .ToList());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(string Code, string Name)>> CountryLists = new();

    /// <summary>Every country the platform knows, named and sorted in the page's language (worked out once per language).</summary>
    public static IReadOnlyList<(string Code, string Name)> Countries() =>
        CountryLists.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => CountryNames.Sorted(CountryCodes.Value, CultureInfo.CurrentUICulture));

    /// <summary>A country's name in the page's (or document's) language, or its code when the platform does not know it.</summary>
    public static string CountryName(string code) => CountryNames.Name(code, CultureInfo.CurrentUICulture);

    private static (DateTime Hour, IReadOnlyList<(string Id, string Label)> Zones) zoneList;

    /// <summary>IANA zones, west to east, with their offset now (worked out once an hour: offsets move with DST).</summary>
    public static IReadOnlyList<(string Id, string Label)> TimeZones()
    {
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var cached = zoneList;
        if (cached.Hour == hour && cached.Zones is not null)
        {
            return cached.Zones;
        }

        var zones = TimeZoneInfo.GetSystemTimeZones()
            .OrderBy(z => z.GetUtcOffset(now)).ThenBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => (z.Id, $"({Core.Events.EventTime.OffsetLabel(now, z)}) {z.Id}"))
            .ToList();
        zoneList = (hour, zones);
        return zones;
    }

    /// <summary>Languages for messages, each named in itself.</summary>
    public static IReadOnlyList<(string Tag, string Name)> Languages() =>
        RegistrationRules.Languages.Select(tag => (tag, CultureInfo.GetCultureInfo(tag).NativeName)).ToList();
}
