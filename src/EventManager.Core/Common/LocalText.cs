using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventManager.Core.Common;

/// <summary>
/// A text an organiser writes, in each of the event's languages: an event's name, a venue, a session title, a room.
/// Languages are two-letter codes (en, zh, kk, ru). One rule for reading it everywhere (<see cref="In(string?)"/>):
/// the reader's language, then the event's default language (kept first), then any. A text typed before the event
/// had languages, or by an API that does not say, is kept under the empty code until it is saved with the event's
/// languages.
/// </summary>
[JsonConverter(typeof(LocalTextJsonConverter))]
public sealed class LocalText : IEquatable<LocalText>, IComparable<LocalText>, IComparable
{
    /// <summary>The code of a text whose language nobody said.</summary>
    public const string Unspecified = "";

    private readonly KeyValuePair<string, string>[] entries;

    private LocalText(KeyValuePair<string, string>[] entries) => this.entries = entries;

    public static LocalText Empty { get; } = new([]);

    /// <summary>One text in a language nobody said; reads as itself in every language.</summary>
    public static LocalText Of(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Empty : new([new(Unspecified, text.Trim())]);

    /// <summary>A text given per language, in the order given (the first is what a reader in another language sees).</summary>
    public static LocalText From(IEnumerable<KeyValuePair<string, string?>> texts)
    {
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (language, text) in texts)
        {
            var code = Code(language);
            if (!string.IsNullOrWhiteSpace(text) && kept.All(k => k.Key != code))
            {
                kept.Add(new(code, text.Trim()));
            }
        }

        return kept.Count == 0 ? Empty : new([.. kept]);
    }

    /// <summary>A text typed without saying its language (seed data, tests, older API callers): <see cref="Of"/>.</summary>
    public static implicit operator LocalText(string? text) => Of(text);

    public static LocalText From(params (string Language, string? Text)[] texts) =>
        From(texts.Select(t => new KeyValuePair<string, string?>(t.Language, t.Text)));

    /// <summary>The two-letter code of a language tag or culture name: zh-CN, zh-Hans and zh all give zh.</summary>
    public static string Code(string? language) =>
        string.IsNullOrWhiteSpace(language) ? Unspecified : language.Split('-', '_')[0].Trim().ToLowerInvariant();

    public bool IsEmpty => entries.Length == 0;

    /// <summary>The languages given, in order.</summary>
    public IEnumerable<string> Languages => entries.Select(e => e.Key);

    public IReadOnlyList<KeyValuePair<string, string>> Entries => entries;

    /// <summary>The text exactly in this language, or null: what a form's field for that language shows.</summary>
    public string? Exactly(string? language)
    {
        var code = Code(language);
        foreach (var entry in entries)
        {
            if (entry.Key == code)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The text for a reader of this language: theirs, else the default (first), else empty.</summary>
    public string In(string? language) => Exactly(language) ?? Default;

    public string In(CultureInfo culture) => In(culture.TwoLetterISOLanguageName);

    /// <summary>Whether a reader of this language gets a text written for it (not a fallback).</summary>
    public bool Has(string? language) => Exactly(language) is not null;

    /// <summary>
    /// The same text keyed and ordered by an event's languages (the default first): an unspecified text becomes the
    /// default language's where that has none; languages the event does not use are dropped.
    /// </summary>
    public LocalText For(IReadOnlyList<string> eventLanguages)
    {
        if (eventLanguages.Count == 0)
        {
            return this;
        }

        var unspecified = Exactly(Unspecified);
        var ordered = eventLanguages.Select((language, i) =>
            new KeyValuePair<string, string?>(language, Exactly(language) ?? (i == 0 ? unspecified : null)));
        return From(ordered);
    }

    /// <summary>
    /// The same text with an event's languages first, in the event's order (so the fallback is the event's default as
    /// it is now), and any other language it holds kept after them: nothing is lost when a language is dropped.
    /// </summary>
    public LocalText Rekeyed(IReadOnlyList<string> eventLanguages)
    {
        if (eventLanguages.Count == 0)
        {
            return this;
        }

        var rekeyed = From(For(eventLanguages).Entries.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))
            .Concat(entries.Where(e => e.Key != Unspecified && !eventLanguages.Contains(e.Key)).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))));
        return rekeyed.Equals(this) ? this : rekeyed;
    }

    /// <summary>This text with one language's text replaced (null or blank removes it).</summary>
    public LocalText With(string language, string? text)
    {
        var code = Code(language);
        var list = entries.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)).ToList();
        var at = list.FindIndex(e => e.Key == code);
        if (at >= 0)
        {
            list[at] = new(code, text);
        }
        else
        {
            list.Add(new(code, text));
        }

        return From(list);
    }

    /// <summary>
    /// Parts joined per language ("Guiyang International Eco-Conference Center, Guiyang"; "贵阳国际生态会议中心, 贵阳"):
    /// each language given by any part gets each part's text for it (by the one fallback rule), repeats left out.
    /// </summary>
    public static LocalText Join(string separator, params LocalText?[] parts) => Join(_ => separator, parts);

    /// <summary>A place from its parts (venue, city), separated as each language writes it (贵阳国际生态会议中心，贵阳).</summary>
    public static LocalText Place(params LocalText?[] parts) => Join(language => language == "zh" ? "，" : ", ", parts);

    public static LocalText Join(Func<string, string> separator, params LocalText?[] parts)
    {
        var given = parts.Where(p => p is { IsEmpty: false }).Select(p => p!).ToList();
        var languages = given.SelectMany(p => p.Languages).Distinct().ToList();
        if (languages.Count > 1)
        {
            languages.Remove(Unspecified);
        }

        return From(languages.Select(language => new KeyValuePair<string, string?>(
            language, string.Join(separator(language), given.Select(p => p.In(language)).Distinct()))));
    }

    /// <summary>Every language's text, for searching and for checks that apply to each.</summary>
    public IEnumerable<string> All => entries.Select(e => e.Value);

    /// <summary>The text in the current UI culture: how pages, messages and documents (each built in its reader's culture) read it.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    // Texts stay readable in the column (贵州, not \u8D35\u5DDE): the JSON is stored, never put into HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson()
    {
        if (entries.Length == 0)
        {
            return "{}";
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            Write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; a plain string (a column from before texts had languages) is an unspecified text.</summary>
    public static LocalText Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return Empty;
        }

        if (!stored.TrimStart().StartsWith('{'))
        {
            return Of(stored);
        }

        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stored));
            reader.Read();
            return Read(ref reader);
        }
        catch (JsonException)
        {
            return Of(stored);
        }
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in entries)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }

    internal static LocalText Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return Of(reader.GetString());
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text in several languages is an object of language codes.");
        }

        var texts = new List<KeyValuePair<string, string?>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString() ?? "";
            reader.Read();
            texts.Add(new(language, reader.TokenType == JsonTokenType.String ? reader.GetString() : null));
        }

        return From(texts);
    }

    /// <summary>The default language's text (the first given), or empty.</summary>
    public string Default => entries.Length > 0 ? entries[0].Value : "";

    /// <summary>In-memory order (a published agenda's rooms and titles): by the default text, the same for every reader.</summary>
    public int CompareTo(LocalText? other) => string.CompareOrdinal(Default, other?.Default);

    public int CompareTo(object? obj) => CompareTo(obj as LocalText);

    public bool Equals(LocalText? other) =>
        other is not null && entries.Length == other.entries.Length && entries.SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as LocalText);

    public static bool operator ==(LocalText? left, LocalText? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(LocalText? left, LocalText? right) => !(left == right);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }
}

public sealed class LocalTextJsonConverter : JsonConverter<LocalText>
{
    public override LocalText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LocalText.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, LocalText value, JsonSerializerOptions options) => value.Write(writer);
}
