using System.Globalization;
using EventManager.Core.Events;

namespace EventManager.Web.Infrastructure;

/// <summary>How times and names are shown: every time in the zone it is shown for, with that zone named.</summary>
public static class Display
{
    public static string TimeRange(DateTime startUtc, DateTime endUtc, string timeZoneId)
    {
        var culture = CultureInfo.CurrentCulture;
        var start = Local(startUtc, timeZoneId);
        var end = Local(endUtc, timeZoneId);
        var startText = $"{start.ToString("D", culture)}, {start.ToString("t", culture)}";
        var endText = start.Date == end.Date
            ? end.ToString("t", culture)
            : $"{end.ToString("D", culture)}, {end.ToString("t", culture)}";
        return $"{startText} – {endText}";
    }

    /// <summary>One moment, date and time, in the zone: "Tuesday, September 14, 2027, 9:00 AM".</summary>
    public static string Moment(DateTime utc, string timeZoneId)
    {
        var local = Local(utc, timeZoneId);
        return $"{local.ToString("D", CultureInfo.CurrentCulture)}, {local.ToString("t", CultureInfo.CurrentCulture)}";
    }

    /// <summary>A moment in a table cell: "1/13/2027 11:00 AM", "2027/1/13 11:00".</summary>
    public static string ShortMoment(DateTime utc, string timeZoneId) => Local(utc, timeZoneId).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Just the time of day in the zone: "9:00 AM".</summary>
    public static string TimeOfDay(DateTime utc, string timeZoneId) => Local(utc, timeZoneId).ToString("t", CultureInfo.CurrentCulture);

    private static DateTime Local(DateTime utc, string timeZoneId) =>
        EventTime.ToLocal(utc, EventTime.TryFindZone(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);

    public static string DateRange(DateTime startUtc, DateTime endUtc, string timeZoneId)
    {
        var culture = CultureInfo.CurrentCulture;
        var start = Local(startUtc, timeZoneId).Date;
        var end = Local(endUtc, timeZoneId).Date;
        return start == end ? start.ToString("D", culture) : $"{start.ToString("D", culture)} – {end.ToString("D", culture)}";
    }

    /// <summary>"Asia/Shanghai (UTC+08:00)" at the moment given.</summary>
    public static string Zone(string timeZoneId, DateTime atUtc) =>
        EventTime.TryFindZone(timeZoneId, out var zone) ? $"{zone.Id} ({EventTime.OffsetLabel(atUtc, zone)})" : timeZoneId;

    /// <summary>ISO 8601 UTC for a &lt;time datetime&gt; attribute.</summary>
    /// <summary>A day on a tab: "Tue 29 Dec" in English, "周二 12月29日" in Chinese (each language's own order).</summary>
    public static string Day(DateOnly date, CultureInfo culture) => Day(date.ToDateTime(TimeOnly.MinValue), culture);

    public static string Day(DateTime date, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en"
            ? date.ToString("ddd d MMM", culture)
            : $"{date.ToString("ddd", culture)} {date.ToString(culture.DateTimeFormat.MonthDayPattern, culture)}";

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// The language of a native-script name, for the lang attribute, so browsers pick the right glyphs
    /// (a Chinese name must not be drawn with Japanese forms) and screen readers the right voice.
    /// </summary>
    /// <summary>A delegate's institution as the reader of this page reads it.</summary>
    public static string Institution(Core.Registrations.Registration r) => r.InstitutionNameFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>An institution as the reader of this page reads it.</summary>
    public static string Institution(Core.Institutions.Institution? i) => i?.NameFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? "";

    public static string? NativeLanguage(string? countryCode) => Core.Institutions.CountryLanguages.Native(countryCode);
}
