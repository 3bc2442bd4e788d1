using System.ComponentModel.DataAnnotations;
using EventManager.Core.Events;
using EventManager.Web.Infrastructure;

namespace EventManager.Web.Features.Events;

public sealed class EventForm
{
    /// <summary>By language code, as the form posts it (Name[zh]).</summary>
    public Dictionary<string, string?> Name { get; set; } = [];

    /// <summary>The language every reader falls back to.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>The other languages the event's texts are written in.</summary>
    public List<string> OtherLanguages { get; set; } = [];

    public IReadOnlyList<string> LanguageList => EventLanguages.Parse(EventLanguages.Format(DefaultLanguage, OtherLanguages));

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

    public Dictionary<string, string?> Venue { get; set; } = [];

    public Dictionary<string, string?> City { get; set; } = [];

    public Dictionary<string, string?> Description { get; set; } = [];

    public Dictionary<string, string?> ShortName { get; set; } = [];

    public Dictionary<string, string?> MessageSignature { get; set; } = [];

    [Display(Name = "Certificate numbers start with")]
    public string? CertificatePrefix { get; set; }

    public EventInput ToInput() => new(
        LocalTextForms.ToText(Name), Slug, Kind, ParentEventId, StartsLocal!.Value, EndsLocal!.Value, TimeZoneId ?? "",
        LocalTextForms.ToText(Venue), LocalTextForms.ToText(City), LocalTextForms.ToText(Description), CertificatePrefix,
        EventLanguages.Format(DefaultLanguage, OtherLanguages), LocalTextForms.ToText(ShortName), LocalTextForms.ToText(MessageSignature));

    public static EventForm From(Event e)
    {
        var zone = EventTime.FindZone(e.TimeZoneId);
        return new EventForm
        {
            Name = LocalTextForms.ToForm(e.Name, e.LanguageList),
            DefaultLanguage = e.DefaultLanguage,
            OtherLanguages = e.LanguageList.Skip(1).ToList(),
            Slug = e.Slug,
            Kind = e.Kind,
            ParentEventId = e.ParentEventId,
            StartsLocal = EventTime.ToLocal(e.StartsAtUtc, zone),
            EndsLocal = EventTime.ToLocal(e.EndsAtUtc, zone),
            TimeZoneId = e.TimeZoneId,
            Venue = LocalTextForms.ToForm(e.Venue, e.LanguageList),
            City = LocalTextForms.ToForm(e.City, e.LanguageList),
            Description = LocalTextForms.ToForm(e.Description, e.LanguageList),
            ShortName = LocalTextForms.ToForm(e.ShortName, e.LanguageList),
            MessageSignature = LocalTextForms.ToForm(e.MessageSignature, e.LanguageList),
            CertificatePrefix = e.CertificatePrefix,
        };
    }
}

/// <summary>The form plus what its lists offer.</summary>
public sealed record EventFormPage(int? Id, EventForm Form, IReadOnlyList<Event> PossibleParents);
