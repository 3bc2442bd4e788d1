using System.Globalization;

namespace EventManager.Core.Printing;

/// <summary>
/// Where a line may break inside text written without spaces between words — Thai, Lao, Khmer, Myanmar — found with
/// ICU's dictionary-based word break (the libicu .NET itself uses on Linux). Without ICU, such text breaks only at
/// spaces, as before.
/// </summary>
internal static class WordBreaks
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            Icu.Wrapper.Init();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or FileLoadException or TypeInitializationException)
        {
            return false;
        }
    });

    public static bool NeedsDictionary(string word) => word.Any(c => c is >= '\u0e00' and <= '\u0eff' or >= '\u1000' and <= '\u109f' or >= '\u1780' and <= '\u17ff');

    /// <summary>The word split at its dictionary word boundaries; the whole word when ICU is not there.</summary>
    public static IReadOnlyList<string> Split(string word)
    {
        if (!Available.Value || !NeedsDictionary(word))
        {
            return [word];
        }

        lock (Available)
        {
            var parts = Icu.BreakIterator.Split(Icu.BreakIterator.UBreakIteratorType.WORD, new Icu.Locale("th"), word).ToList();
            return parts.Count == 0 || string.Concat(parts) != word ? [word] : parts;
        }
    }

    /// <summary>A word that does not fit a line even alone, cut between its letters (never inside one).</summary>
    public static IReadOnlyList<string> Letters(string word)
    {
        var letters = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(word);
        while (enumerator.MoveNext())
        {
            letters.Add((string)enumerator.Current);
        }

        return letters;
    }
}
