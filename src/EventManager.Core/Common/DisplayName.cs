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
}
