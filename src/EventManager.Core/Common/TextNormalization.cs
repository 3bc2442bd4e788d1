using System.Globalization;
using System.Text;

namespace EventManager.Core.Common;

public static class TextNormalization
{
    /// <summary>
    /// Names arrive decomposed from some keyboards (Vietnamese, Kazakh on macOS). Storing NFC keeps
    /// search, uniqueness and font subsetting consistent with what the user typed.
    /// </summary>
    public static string? ToNfc(string? value) => value is null ? null : Normalize(value, NormalizationForm.FormC);

    /// <summary>
    /// What search compares: lower case in every script (Cyrillic too, which SQLite's lower() leaves alone)
    /// and without accents, so "әбенов", "ӘБЕНОВ" and "Әбенов" are one, and "nguyen" finds Nguyễn.
    /// Chinese is unchanged.
    /// </summary>
    public static string SearchKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decomposed = Normalize(value.Trim(), NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(char.ToLowerInvariant(c));
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A one-line field as stored: line breaks (CR, LF, NEL, U+2028/2029) become one space, and the bidi embedding,
    /// override and isolate controls (U+202A–U+202E, U+2066–U+2069) go, so a name can neither add a line to an e-mail
    /// header or a page nor turn the text around it backwards ("gpj.exe").
    /// </summary>
    public static string OneLine(string value)
    {
        if (!value.Any(c => IsLineBreak(c) || IsBidiControl(c)))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (IsLineBreak(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ')
                {
                    kept.Append(' ');
                }
            }
            else if (!IsBidiControl(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Trim();
    }

    /// <summary>A C0 or C1 control other than tab and the line breaks: never typed on purpose, refused with a message wherever text comes in.</summary>
    public static bool IsForbiddenControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    public static bool HasForbiddenControl(string? text) => text is not null && text.Any(IsForbiddenControl);

    public static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f';

    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Normalizes, first dropping what cannot be normalized (noncharacters, lone surrogates): never part of a name.</summary>
    public static string Normalize(string value, NormalizationForm form)
    {
        try
        {
            return value.IsNormalized(form) ? value : value.Normalize(form);
        }
        catch (ArgumentException)
        {
            var cleaned = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    cleaned.Append(c).Append(value[++i]);
                }
                else if (!char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
                {
                    cleaned.Append(c);
                }
            }

            return cleaned.ToString().Normalize(form);
        }
    }
}
