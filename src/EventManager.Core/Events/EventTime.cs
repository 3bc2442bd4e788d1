namespace EventManager.Core.Events;

/// <summary>Conversions between UTC (how times are stored) and an event's IANA zone (how they are shown).</summary>
public static class EventTime
{
    public static bool TryFindZone(string? timeZoneId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found))
        {
            return false;
        }

        zone = found;
        return true;
    }

    public static TimeZoneInfo FindZone(string timeZoneId) =>
        TryFindZone(timeZoneId, out var zone) ? zone : throw new ArgumentException($"Unknown time zone '{timeZoneId}'.", nameof(timeZoneId));

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>
    /// A wall-clock time in the zone, as an organiser types it. Returns false for a time the clocks
    /// skip (spring forward); an ambiguous time (fall back) takes the earlier, standard-time reading.
    /// </summary>
    public static bool TryToUtc(DateTime local, TimeZoneInfo zone, out DateTime utc)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            utc = default;
            return false;
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
        return true;
    }

    /// <summary>"UTC+08:00" for the moment given, DST included.</summary>
    public static string OffsetLabel(DateTime utc, TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"UTC{sign}{offset.Duration():hh\\:mm}";
    }
}
