using EventManager.Core.Common;
using EventManager.Core.Institutions;

namespace EventManager.Core.Delegates;

/// <summary>
/// A person the events know, registered or not (DESIGN's "Person"): a rector who will sign, a keynote speaker who never
/// fills in a form, a delegate. Registering links the registration to the person with the same address.
/// </summary>
public class Delegate
{
    public int Id { get; set; }
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string LatinName { get; set; }
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? NativeName { get; set; }

    /// <summary>Honorific as the person uses it: Prof., Dr., Academician.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Title { get; set; }

    /// <summary>
    /// The honorific as readers of other languages write it (院士, Академик), from the translators' file; <see cref="Title"/>
    /// is as the person uses it, and stands where a language has none.
    /// </summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public LocalText? TitleTranslations { get; set; }

    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Position { get; set; }
    public int? InstitutionId { get; set; }
    public Institution? Institution { get; set; }

    /// <summary>Lower-case and unique when given; people the organisers add (a minister, a keynote speaker) may have none.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Email { get; set; }

    /// <summary>BCP 47 language tag messages are written in, e.g. zh-CN, kk-KZ.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? PreferredLanguage { get; set; }

    /// <summary>Languages the person speaks, space-separated ("zh ru"): for meetings and interpreters.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? SpokenLanguages { get; set; }

    /// <summary>IANA time zone id the person wants times shown in.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? TimeZoneId { get; set; }

    /// <summary>A short biography in the event's languages, shown on the speaker page while the person holds a public role.</summary>
    [MultiLine]
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public LocalText? Biography { get; set; }

    /// <summary>A portrait, drawn again server-side as a JPEG of at most 480 px a side (no EXIF survives).</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public byte[]? Photo { get; set; }

    /// <summary>Both names, the title, position and address as search compares them; kept up to date on every save.</summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string SearchText { get; set; } = "";

    /// <summary>
    /// The secret of the person's own page /p/{token} (their sessions at every event, a calendar feed): given to a
    /// speaker who registers nowhere, in the messages sent to them. 256 random bits, base64url; null until needed.
    /// </summary>
    [ErasedBy(typeof(Registrations.RegistrationEraser))]
    public string? Token { get; set; }

    public DateTime? CreatedAtUtc { get; set; }

    /// <summary>Never empty (a blank key is " "), so a row still to be keyed after a migration is told by its "".</summary>
    public string ComputeSearchText() => TextNormalization.SearchKey(string.Join('\n', LatinName, NativeName, Title, Position, Email)) is { Length: > 0 } key ? key : " ";

    /// <summary>"Prof. Wang Wei": the title before the Latin name.</summary>
    public string TitledName => string.IsNullOrWhiteSpace(Title) ? LatinName : $"{Title} {LatinName}";

    /// <summary>
    /// The titled name as a reader of <paramref name="language"/> writes it, where the title is translated into it: the
    /// name in its own script where the language uses that script, and in Chinese the title after the name (张文华院士,
    /// Академик Zhang Wenhua). Without a translation, <see cref="TitledName"/>.
    /// </summary>
    public string TitledNameIn(string? language)
    {
        if (string.IsNullOrWhiteSpace(Title) || TitleTranslations?.Exactly(LocalText.Code(language)) is not { Length: > 0 } title)
        {
            return TitledName;
        }

        var name = DisplayName.InLanguage(language, LatinName, NativeName);
        return LocalText.Code(language) == "zh" && name != LatinName ? $"{name}{title}" : $"{title} {name}";
    }
}
