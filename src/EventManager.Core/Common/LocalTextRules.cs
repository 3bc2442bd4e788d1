namespace EventManager.Core.Common;

/// <summary>The checks every text in several languages gets, whatever it names.</summary>
public static class LocalTextRules
{
    /// <summary>
    /// The text keyed by the event's languages (the default first), with an error on <paramref name="field"/> when a
    /// language's text is too long, or when a required text lacks the default language (what every other reader
    /// falls back to). Null when the text is empty and not required.
    /// </summary>
    public static LocalText? Check(List<DomainError> errors, string field, LocalText? text, int maxLength, IReadOnlyList<string> languages, string? requiredMessage = null)
    {
        var kept = (text ?? LocalText.Empty).For(languages);
        if (kept.Entries.Any(e => e.Value.Length > maxLength))
        {
            errors.Add(new DomainError(field, "This can be at most {0} characters.", maxLength));
        }

        if (requiredMessage is not null && !kept.Has(languages[0]))
        {
            errors.Add(kept.IsEmpty
                ? new DomainError(field, requiredMessage)
                : new DomainError(field, "Give this in {0}, the event's default language: readers of other languages see it when theirs is missing.", LanguageName(languages[0])));
        }

        return kept.IsEmpty ? null : kept;
    }

    public static string LanguageName(string code) => Events.EventLanguages.NativeName(code);
}
