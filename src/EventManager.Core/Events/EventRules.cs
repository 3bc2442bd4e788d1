using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EventManager.Core.Common;

namespace EventManager.Core.Events;

public static partial class EventRules
{
    public const int NameMaxLength = 200;
    public const int SlugMaxLength = 100;
    public const int DescriptionMaxLength = 4000;

    /// <summary>Dates outside these years are typing mistakes, not events.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2199;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public const int CertificatePrefixMaxLength = 12;

    [GeneratedRegex("^[A-Z0-9]{1,12}$")]
    public static partial Regex CertificatePrefixPattern();

    /// <summary>A readable slug from a Latin name: "China–ASEAN Week (11th)" becomes "china-asean-week-11th".</summary>
    public static string SlugFrom(string name)
    {
        var decomposed = TextNormalization.Normalize(name, NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingDash = false;
        foreach (var original in decomposed)
        {
            // Letters that are not a base letter plus accent in Unicode, so decomposition leaves them.
            var c = original switch
            {
                'Đ' or 'đ' => 'd',
                'Ø' or 'ø' => 'o',
                'Ł' or 'ł' => 'l',
                'ı' => 'i',
                _ => original,
            };
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= 'A' and <= 'Z')
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }

            if (builder.Length >= 80)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "event" : slug;
    }
}
