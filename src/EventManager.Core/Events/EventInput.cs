namespace EventManager.Core.Events;

/// <summary>What an organiser types for an event; times are wall-clock times in <see cref="TimeZoneId"/>.</summary>
public sealed record EventInput(
    string Name,
    string? Slug,
    EventKind Kind,
    int? ParentEventId,
    DateTime StartsLocal,
    DateTime EndsLocal,
    string TimeZoneId,
    string? Venue,
    string? City,
    string? Description,
    string? CertificatePrefix = null);
