using System.Globalization;
using System.Text.RegularExpressions;

namespace EventManager.Core.Reminders;

/// <summary>
/// Words the app itself writes into messages (not the organisers' templates), in the recipient's language.
/// The English text is the key, as with <see cref="Common.DomainError"/>; the web layer looks it up in its resources.
/// </summary>
public interface IMessageWording
{
    /// <summary>The text in <paramref name="culture"/>; with no arguments it is returned as written, braces and all
    /// (a reminder template's {name} is a placeholder, not a format item).</summary>
    string Say(CultureInfo culture, string english, params object[] arguments);
}

/// <summary>The English text itself, formatted: for tools that run without the web layer's resources.</summary>
public sealed class EnglishWording : IMessageWording
{
    public string Say(CultureInfo culture, string english, params object[] arguments) =>
        arguments.Length == 0 ? english : string.Format(culture, english, arguments);
}

/// <summary>What a reminder's subject and body may contain, and which language's template a recipient gets.</summary>
public static partial class ReminderTemplates
{
    /// <summary>The placeholders planning and sending fill in; anything else in braces is a typo to point out.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["{name}", "{event}", "{session}", "{start}", "{room}", "{link}", "{running_order}", "{meeting}", DigestContent.Placeholder];

    /// <summary>The language of the rule's own subject and body.</summary>
    public const string DefaultLanguage = "en";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [GeneratedRegex(@"\{[^{}\s]{1,40}\}")]
    private static partial Regex PlaceholderPattern();

    public static IEnumerable<string> Unknown(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).Distinct();

    /// <summary>
    /// The language a recipient who chose <paramref name="language"/> reads a message in: theirs where subject and
    /// body are both written in it (never half a translation), else the message's default (first) language.
    /// </summary>
    public static string LanguageFor(Common.LocalText subject, Common.LocalText body, string? language)
    {
        var code = Common.LocalText.Code(language);
        return subject.Has(code) && body.Has(code) ? code : subject.Languages.FirstOrDefault() ?? DefaultLanguage;
    }

    /// <summary>The message closed by the event's signature in the reader's language, after a blank line (none when the event has none).</summary>
    public static string Signed(string body, Common.LocalText? signature, CultureInfo culture) =>
        signature is { IsEmpty: false } ? $"{body.TrimEnd()}\n\n{signature.In(culture)}\n" : body;

    /// <summary>
    /// The culture a message in this language (a two-letter code, or empty for a text nobody gave a language) is
    /// written in: the registration form's tag for it (zh gives zh-CN), English for the rest.
    /// </summary>
    public static CultureInfo CultureOf(string? code)
    {
        var language = Common.LocalText.Code(code);
        var tag = language is "" or DefaultLanguage ? null : Registrations.RegistrationRules.Languages.FirstOrDefault(t => Common.LocalText.Code(t) == language);
        return tag is null ? English : CultureInfo.GetCultureInfo(tag);
    }

    /// <summary>A moment as the recipient reads it: "Tuesday 2 November 2027, 09:30", "2027年11月2日星期二 09:30".</summary>
    public static string Moment(DateTime local, CultureInfo culture)
    {
        var format = culture.DateTimeFormat;
        var pattern = culture.TwoLetterISOLanguageName == "en" ? "dddd d MMMM yyyy, HH:mm" : $"{format.LongDatePattern} {format.ShortTimePattern}";
        return local.ToString(pattern, culture);
    }
}
