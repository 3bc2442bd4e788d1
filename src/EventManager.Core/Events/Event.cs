using EventManager.Core.Common;

namespace EventManager.Core.Events;

public class Event
{
    public int Id { get; set; }
    [Common.NotPersonalData("the event's name")]
    public required LocalText Name { get; set; }
    public required string Slug { get; set; }
    public EventKind Kind { get; set; }
    [Common.MultiLine]
    public LocalText? Description { get; set; }

    /// <summary>For badges, where the full name does not fit; the name stands in when none is given.</summary>
    [Common.NotPersonalData("the event's short name")]
    public LocalText? ShortName { get; set; }

    /// <summary>Closes every message delegates get about the event: the organising committee, a contact.</summary>
    [Common.MultiLine]
    public LocalText? MessageSignature { get; set; }

    /// <summary>The short name where one is given, else the name.</summary>
    public LocalText BadgeName => ShortName is { IsEmpty: false } shortName ? shortName : Name;

    /// <summary>
    /// The event's name on a badge in <paramref name="language"/>: its short name in that language, else its full name in
    /// that language, else the short name (or name) in the default language. A Chinese badge never shows an English short
    /// name when the Chinese full name is there.
    /// </summary>
    public string BadgeNameIn(string? language)
    {
        var code = LocalText.Code(language);
        return ShortName?.Exactly(code) ?? Name.Exactly(code) ?? BadgeName.Default;
    }

    /// <summary>The larger event this one is part of, e.g. the week a dialogue is held in.</summary>
    public int? ParentEventId { get; set; }
    public Event? ParentEvent { get; set; }
    public List<Event> ChildEvents { get; set; } = [];

    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }

    /// <summary>IANA time zone id, e.g. Asia/Shanghai. Every time of the event is shown in it.</summary>
    [Common.NotPersonalData("the event's time zone")]
    public required string TimeZoneId { get; set; }
    public LocalText? Venue { get; set; }
    public LocalText? City { get; set; }

    /// <summary>The languages organisers write this event's texts in, the default first, e.g. "en zh kk ru".</summary>
    [Common.NotPersonalData("the event's languages")]
    public string Languages { get; set; } = "en";

    public IReadOnlyList<string> LanguageList => EventLanguages.Parse(Languages);

    public string DefaultLanguage => LanguageList[0];

    /// <summary>What certificate serial numbers of this event start with ("CKRD" in CKRD-2026-0001); empty: the slug's initials.</summary>
    public string? CertificatePrefix { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
