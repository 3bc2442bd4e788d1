using System.Text;

namespace EventManager.Core.Common;

public static class TextNormalization
{
    /// <summary>
    /// Names arrive decomposed from some keyboards (Vietnamese, Kazakh on macOS). Storing NFC keeps
    /// search, uniqueness and font subsetting consistent with what the user typed.
    /// </summary>
    public static string? ToNfc(string? value) => value is null ? null : Normalize(value, NormalizationForm.FormC);

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
