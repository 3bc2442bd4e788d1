using System.Text;

namespace EventManager.Core.Common;

public static class TextNormalization
{
    /// <summary>
    /// Names arrive decomposed from some keyboards (Vietnamese, Kazakh on macOS). Storing NFC keeps
    /// search, uniqueness and font subsetting consistent with what the user typed.
    /// </summary>
    public static string? ToNfc(string? value) =>
        value is null || value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
}
