using System.Globalization;
using System.Text;

namespace EventManager.Tests;

/// <summary>
/// Text that exercises every vowel sign, tone mark, split vowel, medial and stacked consonant of the scripts partners
/// write in, built from the Unicode blocks (so a new mark in a block is tested without anyone adding it by hand).
/// </summary>
public static class GlyphCorpus
{
    public static IReadOnlyList<(string Script, string Cluster)> Clusters()
    {
        var clusters = new List<(string, string)>();
        clusters.AddRange(Brahmic("Thai", 0x0E01, 0x0E5B, consonants: (0x0E01, 0x0E2E), bases: "กปฎญฐ", tones: (0x0E48, 0x0E4B), am: 0x0E33, upperVowel: 0x0E34, leading: (0x0E40, 0x0E44)));
        clusters.AddRange(Brahmic("Lao", 0x0E81, 0x0EDF, consonants: (0x0E81, 0x0EAE), bases: "ກປຍ", tones: (0x0EC8, 0x0ECB), am: 0x0EB3, upperVowel: 0x0EB4, leading: (0x0EC0, 0x0EC4)));
        clusters.AddRange(Khmer());
        clusters.AddRange(Myanmar());
        clusters.AddRange(Vietnamese().Select(c => ("Vietnamese", c)));
        clusters.AddRange(KazakhCyrillic().Select(c => ("Kazakh", c)));
        clusters.AddRange(Chinese().Select(c => ("Chinese", c)));
        return clusters;
    }

    private static IEnumerable<int> Block(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.OtherNotAssigned);

    private static bool IsMark(int c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string S(params int[] codepoints) => string.Concat(codepoints.Select(char.ConvertFromUtf32));

    /// <summary>Thai and Lao: every consonant with a tone mark, every mark and vowel on several bases (tall, with a
    /// descender), tone marks over upper vowels and before SARA AM, leading vowels.</summary>
    private static IEnumerable<(string, string)> Brahmic(string script, int from, int to, (int From, int To) consonants, string bases,
        (int From, int To) tones, int am, int upperVowel, (int From, int To) leading)
    {
        foreach (var c in Block(consonants.From, consonants.To))
        {
            yield return (script, S(c, tones.From));
        }

        foreach (var b in bases.Select(ch => (int)ch))
        {
            foreach (var x in Block(from, to).Where(x => IsMark(x) || x == am || x is >= 0x0E30 and <= 0x0E45 or >= 0x0EB0 and <= 0x0EC6))
            {
                yield return (script, x >= leading.From && x <= leading.To ? S(x, b) : S(b, x));
            }

            for (var t = tones.From; t <= tones.To; t++)
            {
                yield return (script, S(b, upperVowel, t));
                yield return (script, S(b, t, am));
                yield return (script, S(leading.From, b, t));
            }
        }
    }

    /// <summary>Khmer: every dependent vowel and sign (the split vowels among them), every subscript consonant, and stacks.</summary>
    private static IEnumerable<(string, string)> Khmer()
    {
        const int ka = 0x1780, coeng = 0x17D2;
        foreach (var x in Block(0x17B6, 0x17DD).Where(IsMark))
        {
            yield return ("Khmer", x == coeng ? S(ka, coeng, ka) : S(ka, x));
            yield return ("Khmer", S(0x179F, x == coeng ? 0x178F : x));
        }

        foreach (var c in Block(0x1780, 0x17A2))
        {
            yield return ("Khmer", S(ka, coeng, c));
        }

        foreach (var v in new[] { 0x17BE, 0x17BF, 0x17C0, 0x17C4, 0x17C5 })
        {
            // A split vowel after a two-storey stack: ស្ត្រោ.
            yield return ("Khmer", S(0x179F, coeng, 0x178F, coeng, 0x179A, v));
        }
    }

    /// <summary>Myanmar: every vowel sign, medial and tone mark on a base, every stacked consonant, kinzi.</summary>
    private static IEnumerable<(string, string)> Myanmar()
    {
        const int ka = 0x1000, virama = 0x1039;
        foreach (var x in Block(0x102B, 0x103E).Concat(Block(0x1056, 0x1059)).Where(IsMark))
        {
            yield return ("Myanmar", x == virama ? S(ka, virama, ka) : S(ka, x));
        }

        foreach (var c in Block(0x1000, 0x1021))
        {
            yield return ("Myanmar", S(ka, virama, c));
            yield return ("Myanmar", S(c, 0x103B, 0x102D, 0x102F));
        }

        yield return ("Myanmar", S(0x1021, 0x1004, 0x103A, 0x1039, 0x1002, 0x101C, 0x102D, 0x1015, 0x103A));
        yield return ("Myanmar", S(0x1026));
    }

    /// <summary>Every Vietnamese vowel with every tone, stacked over the circumflex, breve and horn, in both cases.</summary>
    private static IEnumerable<string> Vietnamese()
    {
        int[] tones = [0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323];
        foreach (var vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
        {
            yield return string.Concat(tones.Select(t => (vowel + (t == 0 ? "" : S(t))).Normalize(NormalizationForm.FormC)));
        }

        yield return "đĐ Nguyễn Thị Hường";
    }

    private static IEnumerable<string> KazakhCyrillic()
    {
        var letters = Enumerable.Range(0x0410, 0x40).Select(c => (char)c).Concat("ЁёӘәҒғҚқҢңӨөҰұҮүҺһІі");
        return letters.Chunk(16).Select(chunk => new string(chunk));
    }

    /// <summary>One character in 97 of the CJK Unified Ideographs block, and the common punctuation.</summary>
    private static IEnumerable<string> Chinese()
    {
        var han = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1).Where((_, i) => i % 97 == 0).Select(char.ConvertFromUtf32);
        return han.Append("贵州大学，。、《》“”：").ToList();
    }
}
