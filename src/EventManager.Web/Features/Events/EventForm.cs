using System.ComponentModel.DataAnnotations;
using EventManager.Core.Events;

namespace EventManager.Web.Features.Events;

public sealed class EventForm
{
    [Display(Name = "Name")]
    [Required(ErrorMessage = "Enter the event's name.")]
    public string? Name { get; set; }

    [Display(Name = "Web address")]
    public string? Slug { get; set; }

    [Display(Name = "Kind")]
    public EventKind Kind { get; set; } = EventKind.Conference;

    [Display(Name = "Part of")]
    public int? ParentEventId { get; set; }

    [Display(Name = "Starts")]
    [Required(ErrorMessage = "Enter when it starts.")]
    public DateTime? StartsLocal { get; set; }

    [Display(Name = "Ends")]
    [Required(ErrorMessage = "Enter when it ends.")]
    public DateTime? EndsLocal { get; set; }

    [Display(Name = "Time zone")]
    [Required(ErrorMessage = "Choose a time zone from the list.")]
    public string? TimeZoneId { get; set; } = "Asia/Shanghai";

    [Display(Name = "Venue")]
    public string? Venue { get; set; }

    [Display(Name = "City")]
    public string? City { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Certificate numbers start with")]
    public string? CertificatePrefix { get; set; }

    public EventInput ToInput() => new(Name ?? "", Slug, Kind, ParentEventId, StartsLocal!.Value, EndsLocal!.Value, TimeZoneId ?? "", Venue, City, Description, CertificatePrefix);

    public static EventForm From(Event e)
    {
        var zone = EventTime.FindZone(e.TimeZoneId);
        return new EventForm
        {
            Name = e.Name,
            Slug = e.Slug,
            Kind = e.Kind,
            ParentEventId = e.ParentEventId,
            StartsLocal = EventTime.ToLocal(e.StartsAtUtc, zone),
            EndsLocal = EventTime.ToLocal(e.EndsAtUtc, zone),
            TimeZoneId = e.TimeZoneId,
            Venue = e.Venue,
            City = e.City,
            Description = e.Description,
            CertificatePrefix = e.CertificatePrefix,
        };
    }
}

/// <summary>The form plus what its lists offer.</summary>
public sealed record EventFormPage(int? Id, EventForm Form, IReadOnlyList<Event> PossibleParents);
