namespace EventManager.Core.Common;

/// <summary>How a person or institution is named in one line: "Wang Wei (王伟)", "Guizhou University (贵州大学)".</summary>
public static class DisplayName
{
    /// <summary>The Latin name, then the name in its own script in brackets when there is one that differs.</summary>
    public static string Of(string? latin, string? native)
    {
        latin = string.IsNullOrWhiteSpace(latin) ? null : latin;
        native = string.IsNullOrWhiteSpace(native) || native == latin ? null : native;
        return (latin, native) switch
        {
            (null, null) => "",
            (null, _) => native!,
            (_, null) => latin,
            _ => $"{latin} ({native})",
        };
    }

    /// <summary>
    /// The name a message in a language addresses someone by: the name in their own script where the language is
    /// written in that script (a Chinese message greets 张华, not Zhang Hua; a Kazakh or Russian one, Айгерім
    /// Нұрланқызы), the Latin name otherwise.
    /// </summary>
    public static string InLanguage(string? language, string latin, string? native)
    {
        if (string.IsNullOrWhiteSpace(native) || string.IsNullOrWhiteSpace(language))
        {
            return latin;
        }

        var letters = native.Where(char.IsLetter).ToList();
        static bool Han(char c) => c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
        static bool Cyrillic(char c) => c is >= '\u0400' and <= '\u052F';
        return language.Split('-', '_')[0].ToLowerInvariant() switch
        {
            "zh" when letters.Count > 0 && letters.All(Han) => native.Trim(),
            "ru" or "kk" when letters.Count > 0 && letters.All(Cyrillic) => native.Trim(),
            _ => latin,
        };
    }
}
