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
