using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Web.Infrastructure;

namespace EventManager.Web.Features.Registrations.VisaLetters;

public sealed class VisaLetterSettingsForm
{
    public Dictionary<string, string?> Letterhead { get; set; } = [];
    public string? SignatoryName { get; set; }
    public Dictionary<string, string?> SignatoryTitle { get; set; } = [];
    public bool RemoveSealImage { get; set; }

    public VisaLetterSettingsInput ToInput(byte[]? newImage) =>
        new(LocalTextForms.ToText(Letterhead), SignatoryName, LocalTextForms.ToText(SignatoryTitle), newImage, RemoveSealImage);

    public static VisaLetterSettingsForm From(VisaLetterSettings? settings, Event ev) => new()
    {
        Letterhead = LocalTextForms.ToForm(settings?.Letterhead, ev.LanguageList),
        SignatoryName = settings?.SignatoryName,
        SignatoryTitle = LocalTextForms.ToForm(settings?.SignatoryTitle, ev.LanguageList),
    };
}

public sealed record VisaLetterSettingsPage(Event Event, VisaLetterSettingsForm Form, bool HasSealImage);
