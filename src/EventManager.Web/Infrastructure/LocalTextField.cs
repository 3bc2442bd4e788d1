using EventManager.Core.Common;
using EventManager.Core.Events;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// One field of a form for a text in several languages: an input per event language, side by side, posted as
/// <c>Name[zh]</c> (a dictionary by language code), each saying when its language is missing.
/// </summary>
public sealed record LocalTextField(
    string Name,
    string Label,
    IReadOnlyDictionary<string, string?>? Values,
    IReadOnlyList<string> Languages,
    int MaxLength,
    bool Multiline = false,
    bool Required = false,
    string? Hint = null)
{
    public string? ValueIn(string language) => Values is not null && Values.TryGetValue(language, out var v) ? v : null;

    /// <summary>The default language's input keeps the plain id, so a label elsewhere or a test can point at it.</summary>
    public string IdFor(string language) => language == Languages[0] ? FieldErrorTagHelper.IdFor(Name) : $"{FieldErrorTagHelper.IdFor(Name)}-{language}";

    public static string LanguageName(string code) => EventLanguages.NativeName(code);
}

/// <summary>How forms carry a text in several languages: posted as <c>Field[code]</c>, read back into one value.</summary>
public static class LocalTextForms
{
    /// <summary>The text as the form's fields show it: a text nobody gave a language appears in the default's field.</summary>
    public static Dictionary<string, string?> ToForm(LocalText? text, IReadOnlyList<string> languages) =>
        (text ?? LocalText.Empty).For(languages).Entries.ToDictionary(e => e.Key, e => (string?)e.Value);

    public static LocalText ToText(IReadOnlyDictionary<string, string?>? posted) =>
        posted is null ? LocalText.Empty : LocalText.From(posted);
}
