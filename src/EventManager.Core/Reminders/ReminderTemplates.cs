using System.Globalization;
using System.Text.RegularExpressions;

namespace EventManager.Core.Reminders;

/// <summary>
/// Words the app itself writes into messages (not the organisers' templates), in the recipient's language.
/// The English text is the key, as with <see cref="Common.DomainError"/>; the web layer looks it up in its resources.
/// </summary>
public interface IMessageWording
{
    string Say(CultureInfo culture, string english, params object[] arguments);
}

/// <summary>The English text itself, formatted: for tools that run without the web layer's resources.</summary>
public sealed class EnglishWording : IMessageWording
{
    public string Say(CultureInfo culture, string english, params object[] arguments) => string.Format(culture, english, arguments);
}

/// <summary>What a reminder's subject and body may contain, and which language's template a recipient gets.</summary>
public static partial class ReminderTemplates
{
    /// <summary>The placeholders planning and sending fill in; anything else in braces is a typo to point out.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["{name}", "{event}", "{session}", "{start}", "{room}", "{link}", "{running_order}", DigestContent.Placeholder];

    /// <summary>The language of the rule's own subject and body.</summary>
    public const string DefaultLanguage = "en";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [GeneratedRegex(@"\{[^{}\s]{1,40}\}")]
    private static partial Regex PlaceholderPattern();

    public static IEnumerable<string> Unknown(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct();

    /// <summary>
    /// The translation written for the recipient's language: the exact tag, else the same language of another
    /// region ("zh-TW" gets "zh-CN"). Null means the rule's own, English, subject and body.
    /// </summary>
    public static ReminderTranslation? For(IEnumerable<ReminderTranslation> translations, string? language)
    {
        if (string.IsNullOrEmpty(language))
        {
            return null;
        }

        var list = translations as IReadOnlyCollection<ReminderTranslation> ?? translations.ToList();
        return list.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(t => string.Equals(Neutral(t.Language), Neutral(language), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The culture a message is written in: the translation's, or English for the rule's own text.</summary>
    public static CultureInfo CultureOf(ReminderTranslation? translation) =>
        translation is null ? English : CultureInfo.GetCultureInfo(translation.Language);

    /// <summary>A moment as the recipient reads it: "Tuesday 2 November 2027, 09:30", "2027年11月2日星期二 09:30".</summary>
    public static string Moment(DateTime local, CultureInfo culture)
    {
        var format = culture.DateTimeFormat;
        var pattern = culture.TwoLetterISOLanguageName == "en" ? "dddd d MMMM yyyy, HH:mm" : $"{format.LongDatePattern} {format.ShortTimePattern}";
        return local.ToString(pattern, culture);
    }

    private static string Neutral(string tag) => tag.Split('-')[0];
}
