using EventManager.Core.Common;

namespace EventManager.Core.Events;

/// <summary>
/// What an organiser types for an event; times are wall-clock times in <see cref="TimeZoneId"/>. Texts may come in
/// each of <see cref="Languages"/> (the default first, as stored: "zh en"); null languages keep the event's own
/// (English for a new event).
/// </summary>
public sealed record EventInput(
    LocalText Name,
    string? Slug,
    EventKind Kind,
    int? ParentEventId,
    DateTime StartsLocal,
    DateTime EndsLocal,
    string TimeZoneId,
    LocalText? Venue,
    LocalText? City,
    LocalText? Description,
    string? CertificatePrefix = null,
    string? Languages = null,
    LocalText? ShortName = null,
    LocalText? MessageSignature = null);
