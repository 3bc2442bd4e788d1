using System.Globalization;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

public enum QuestionKind
{
    /// <summary>A line of text: "Flight number".</summary>
    Text = 0,

    /// <summary>Yes or no: "Will you attend the gala dinner?"</summary>
    YesNo = 1,

    /// <summary>One of a list: "Hotel: Sheraton / Kempinski / I arrange my own".</summary>
    Choice = 2,

    /// <summary>A file: "A scan of your passport's photo page, for the visa letter" (PDF, JPEG or PNG; organisers only).</summary>
    File = 3,
}

/// <summary>A question an event's organisers add to its registration form; answered once per submission.</summary>
public class RegistrationQuestion
{
    public int Id { get; set; }
    public int EventId { get; set; }

    /// <summary>The question in the event's languages (the default first).</summary>
    public required LocalText Label { get; set; }

    public QuestionKind Kind { get; set; }

    /// <summary>
    /// For a choice: the answers offered, one per line, in the event's languages; every language lists the same
    /// answers in the same order. The default language's lines are the stored values.
    /// </summary>
    [Common.MultiLine]
    public LocalText? Options { get; set; }

    /// <summary>
    /// For a choice: each answer's stable key, one per line beside <see cref="Options"/>' lines. An answer stores its
    /// key, so it reads in every language and survives a new default language or a corrected wording. Null for a
    /// question saved before keys, whose answers hold the default language's words (still read, see <see cref="KeyOf"/>).
    /// </summary>
    [Common.MultiLine]
    public string? OptionKeys { get; set; }

    public bool Required { get; set; }

    /// <summary>Where the form lists it, first at 0; organisers move questions up and down.</summary>
    public int Position { get; set; }

    /// <summary>
    /// Asked only when another question (yes/no or a choice, earlier on the form) has this answer (its key):
    /// "Which hotel?" only after "Do you need a hotel?" is yes. The server ignores its answer otherwise.
    /// </summary>
    public int? ShowWhenQuestionId { get; set; }
    public string? ShowWhenAnswer { get; set; }

    /// <summary>The answers offered in the default language's words (what translators count).</summary>
    public IReadOnlyList<string> OptionList => Lines(Options?.Default);

    /// <summary>The stored keys of the answers offered, in order.</summary>
    public IReadOnlyList<string> Keys => OptionKeys is null ? OptionList : Lines(OptionKeys);

    /// <summary>The question as a reader of this language sees it, by the one fallback rule.</summary>
    public string LabelIn(CultureInfo culture) => Label.In(culture);

    /// <summary>The answers offered: the stored key and the text a reader of this language sees.</summary>
    public IReadOnlyList<(string Value, string Text)> OptionsIn(CultureInfo culture)
    {
        var translated = Lines(Options?.In(culture));
        var keys = Keys;
        return keys.Select((k, i) => (k, translated.Count == keys.Count ? translated[i] : OptionList.ElementAtOrDefault(i) ?? k)).ToList();
    }

    /// <summary>The key a stored answer means: the key itself, or (stored before keys) the words of any language.</summary>
    public string? KeyOf(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var keys = Keys;
        if (keys.Contains(value))
        {
            return value;
        }

        foreach (var (_, text) in (Options ?? LocalText.Empty).Entries)
        {
            var at = Lines(text).ToList().IndexOf(value);
            if (at >= 0 && at < keys.Count)
            {
                return keys[at];
            }
        }

        return null;
    }

    /// <summary>A stored choice as a reader of this language reads it; any other answer as given.</summary>
    public string AnswerIn(string value, CultureInfo culture) =>
        Kind == QuestionKind.Choice && KeyOf(value) is { } key ? OptionsIn(culture).First(o => o.Value == key).Text : value;

    internal static IReadOnlyList<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A registration's answer to one question: a choice's key, "yes"/"no", the text given, or a file's name.</summary>
public class RegistrationAnswer
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public RegistrationQuestion? Question { get; set; }
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public required string Value { get; set; }

    /// <summary>A file question's file, encrypted at rest (<see cref="AnswerFiles"/>); only organisers open it.</summary>
    [Common.ErasedBy(typeof(Registrations.RegistrationEraser))]
    public byte[]? SealedFile { get; set; }

    [Common.NotPersonalData("a file type")]
    public string? ContentType { get; set; }
}

/// <summary>A file sent with the form, as read from the request.</summary>
public sealed record UploadedFile(string FileName, byte[] Content);

/// <param name="Options">For a choice: the answers, one per line, in each of the event's languages.</param>
/// <param name="ShowWhenQuestionId">Ask it only when this (yes/no or choice) question has the answer <paramref name="ShowWhenAnswer"/>.</param>
public sealed record QuestionInput(LocalText Label, QuestionKind Kind, LocalText? Options, bool Required, int? ShowWhenQuestionId = null, string? ShowWhenAnswer = null);

/// <summary>How the confirmed delegates answered one question: each answer's count (in the order offered), and who did not answer.</summary>
public sealed record QuestionTally(int QuestionId, IReadOnlyList<(string Answer, int Count)> Answers, int Answered, int Unanswered);
