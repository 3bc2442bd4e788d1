using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;

namespace EventManager.Web.Infrastructure;

/// <summary>
/// Counted words in every language: a resource may hold <c>{1, plural, one {# change} other {# changes}}</c>
/// (ICU's message syntax, the part of it we need), and each language's translation lists the forms its grammar has:
/// Russian <c>one</c>, <c>few</c>, <c>many</c>; Chinese only <c>other</c>. Write <c>t.Plural(key, args)</c> in code and
/// <c>@T.Plural(key, args)</c> in views wherever a sentence holds a count.
/// </summary>
public static class Plurals
{
    /// <summary>The CLDR cardinal category of a whole number in a language.</summary>
    public static string Category(CultureInfo culture, long n)
    {
        n = Math.Abs(n);
        return culture.TwoLetterISOLanguageName switch
        {
            "zh" or "ja" or "ko" or "th" or "lo" or "km" or "my" or "vi" or "id" or "ms" => "other",
            "ru" or "uk" => n % 10 == 1 && n % 100 != 11 ? "one"
                : n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? "few"
                : "many",
            _ => n == 1 ? "one" : "other",
        };
    }

    public static string Plural(this IStringLocalizer t, string key, params object[] args) => Format(t[key].Value, args);

    /// <summary>Chooses each plural block's form by its number, then fills the placeholders as string.Format does.</summary>
    public static string Format(string message, object[] args, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return string.Format(culture, Expand(message, args, culture), args);
    }

    internal static string Expand(string message, object[] args, CultureInfo culture)
    {
        var output = new StringBuilder(message.Length);
        var i = 0;
        while (i < message.Length)
        {
            var open = message.IndexOf('{', i);
            if (open < 0)
            {
                output.Append(message, i, message.Length - i);
                break;
            }

            output.Append(message, i, open - i);
            var comma = message.IndexOf(',', open);
            var close = message.IndexOf('}', open);
            if (comma > open && comma < close && int.TryParse(message.AsSpan(open + 1, comma - open - 1), out var index)
                && message.AsSpan(comma + 1).TrimStart().StartsWith("plural", StringComparison.Ordinal))
            {
                var end = Matching(message, open);
                var body = message[(message.IndexOf("plural", comma, StringComparison.Ordinal) + "plural".Length)..end].TrimStart().TrimStart(',');
                var n = Convert.ToInt64(args[index], CultureInfo.InvariantCulture);
                output.Append(Choose(Forms(body), n, culture).Replace("#", n.ToString("N0", culture), StringComparison.Ordinal));
                i = end + 1;
            }
            else
            {
                output.Append('{');
                i = open + 1;
            }
        }

        return output.ToString();
    }

    private static string Choose(Dictionary<string, string> forms, long n, CultureInfo culture) =>
        forms.TryGetValue($"={n}", out var exact) ? exact
        : forms.TryGetValue(Category(culture, n), out var form) ? form
        : forms.TryGetValue("other", out var other) ? other
        : forms.Values.FirstOrDefault() ?? "";

    /// <summary>"one {# change} other {# changes}" as selector → text; the texts may hold placeholders in braces.</summary>
    private static Dictionary<string, string> Forms(string body)
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < body.Length)
        {
            var open = body.IndexOf('{', i);
            if (open < 0)
            {
                break;
            }

            var selector = body[i..open].Trim();
            var end = Matching(body, open);
            forms[selector] = body[(open + 1)..end];
            i = end + 1;
        }

        return forms;
    }

    private static int Matching(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Unbalanced braces in \"{text}\".");
    }
}
