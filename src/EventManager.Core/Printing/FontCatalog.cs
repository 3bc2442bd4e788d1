using HarfBuzzSharp;
using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>A font for one script: a family name fontconfig knows, or a font file's path.</summary>
public sealed class FontSource
{
    public string Regular { get; set; } = "";

    /// <summary>Empty: the regular face is used for bold text too.</summary>
    public string? Bold { get; set; }
}

/// <summary>
/// Which fonts print which scripts (<c>Printing:Fonts:{Script}</c>). Chosen by name per script
/// so a certificate does not depend on a machine's fallback order.
/// </summary>
public sealed class FontSettings
{
    /// <summary>Latin also serves Cyrillic (Kazakh letters included), Greek, Vietnamese, digits and punctuation.</summary>
    public const string Latin = "Latin";

    public Dictionary<string, FontSource> Fonts { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Latin] = new() { Regular = "Noto Serif", Bold = "Noto Serif" },
        // A serif (Song/Ming) face beside serif Latin; TrueType, so Skia's PDFs embed real outlines (Noto CJK's CFF become Type 3).
        ["Han"] = new() { Regular = "AR PL UMing CN" },
        ["Thai"] = new() { Regular = "Noto Serif Thai", Bold = "Noto Serif Thai" },
        ["Khmer"] = new() { Regular = "Noto Serif Khmer", Bold = "Noto Serif Khmer" },
        ["Lao"] = new() { Regular = "Noto Serif Lao", Bold = "Noto Serif Lao" },
        ["Myanmar"] = new() { Regular = "Noto Serif Myanmar", Bold = "Noto Serif Myanmar" },
        // Not a script: a font tried for any character the script's own font lacks. AR PL UMing holds Big5 and GB 2312
        // and more, not every ideograph; a rare one in a name is printed from WenQuanYi rather than not at all.
        ["Rare ideographs"] = new() { Regular = "WenQuanYi Micro Hei" },
    };

    /// <summary>Debian packages that hold the default fonts, named when one is missing.</summary>
    public const string DebianPackages = "fonts-noto-core fonts-arphic-uming fonts-wqy-microhei";
}

/// <summary>A loaded font file: its HarfBuzz face, for coverage checks and subsetting.</summary>
internal sealed class LoadedFont : IDisposable
{
    private readonly Blob blob;
    private readonly HarfBuzzSharp.Font font;

    public LoadedFont(string name, Blob blob, Face face)
    {
        this.blob = blob;
        Name = name;
        Face = face;
        font = new HarfBuzzSharp.Font(face);
        font.SetScale(face.UnitsPerEm, face.UnitsPerEm);
        Preprocessed = FontSubsetter.Preprocess(face);
    }

    public string Name { get; }
    public Face Face { get; }

    /// <summary>The whole font file, as configured.</summary>
    public ReadOnlySpan<byte> Data => blob.AsSpan();

    /// <summary>
    /// Shapes with the whole font, in font units: every document draws exactly the glyphs HarfBuzz chooses with the
    /// font as designed, and the subset is cut to those glyphs. Shaping only reads the font, so documents rendered in
    /// parallel share it.
    /// </summary>
    public HarfBuzzSharp.Font Shaper => font;

    /// <summary>The face prepared for subsetting, done once per process.</summary>
    public IntPtr Preprocessed { get; }

    public bool Covers(int codepoint) => font.TryGetNominalGlyph((uint)codepoint, out _);

    public void Dispose()
    {
        FontSubsetter.Destroy(Preprocessed);
        font.Dispose();
        Face.Dispose();
        blob.Dispose();
    }
}

/// <summary>
/// The configured fonts, loaded once per process. Reading a font is thread-safe, so one catalog
/// serves every certificate rendered in parallel.
/// </summary>
public sealed class FontCatalog : IDisposable
{
    private static readonly Dictionary<string, string> ScriptKeys = new()
    {
        ["Latn"] = FontSettings.Latin, ["Cyrl"] = FontSettings.Latin, ["Grek"] = FontSettings.Latin,
        ["Hani"] = "Han", ["Hira"] = "Han", ["Kana"] = "Han", ["Bopo"] = "Han",
        ["Thai"] = "Thai", ["Khmr"] = "Khmer", ["Laoo"] = "Lao", ["Mymr"] = "Myanmar",
        ["Hang"] = "Hangul", ["Arab"] = "Arabic", ["Deva"] = "Devanagari",
    };

    private readonly Dictionary<string, (LoadedFont Regular, LoadedFont Bold)> fonts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<LoadedFont> all = [];

    public FontCatalog(FontSettings settings)
    {
        var problems = new List<string>();
        foreach (var (script, source) in settings.Fonts)
        {
            var regular = Load(source.Regular, SKFontStyleWeight.Normal, problems);
            var bold = string.IsNullOrWhiteSpace(source.Bold) ? regular : Load(source.Bold, SKFontStyleWeight.Bold, problems);
            if (regular is not null)
            {
                fonts[script] = (regular, bold ?? regular);
            }
        }

        if (problems.Count > 0 || !fonts.ContainsKey(FontSettings.Latin))
        {
            Dispose();
            throw new InvalidOperationException(MissingMessage(problems));
        }
    }

    /// <summary>
    /// What stops documents from printing, found without loading a font (the app checks this at start and loads the
    /// fonts, with their shaping and subsetting data, only when the first document is printed); null when nothing.
    /// </summary>
    public static string? FindMissing(FontSettings settings)
    {
        var problems = new List<string>();
        void Check(string source, SKFontStyleWeight weight)
        {
            try
            {
                bool found;
                if (source.Contains('/') || source.Contains('\\'))
                {
                    found = File.Exists(source);
                }
                else
                {
                    using var typeface = FindFamily(source, weight, out _);
                    found = typeface is not null;
                }

                if (!found)
                {
                    problems.Add($"\"{source}\" ({(weight == SKFontStyleWeight.Bold ? "bold" : "regular")}) was not found");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"\"{source}\" could not be read ({e.Message})");
            }
        }

        foreach (var (_, source) in settings.Fonts)
        {
            Check(source.Regular, SKFontStyleWeight.Normal);
            if (!string.IsNullOrWhiteSpace(source.Bold))
            {
                Check(source.Bold, SKFontStyleWeight.Bold);
            }
        }

        return problems.Count > 0 || !settings.Fonts.ContainsKey(FontSettings.Latin) ? MissingMessage(problems) : null;
    }

    private static string MissingMessage(List<string> problems) =>
        "Certificate fonts are missing: " + string.Join("; ", problems) +
        $". On Debian install them with: apt-get install {FontSettings.DebianPackages}; " +
        "or name other fonts (family or file path) under Printing:Fonts:{Script}:Regular and :Bold.";

    /// <summary>The configured fonts, as "Script: Name": for the log at start.</summary>
    public IEnumerable<string> Describe() =>
        fonts.Select(f => $"{f.Key}: {f.Value.Regular.Name}" + (f.Value.Bold == f.Value.Regular ? "" : $" / {f.Value.Bold.Name}"));

    /// <summary>What does not depend on the text around a character: its script, its script's font, the first that has it.</summary>
    private sealed record Choice(bool Neutral, LoadedFont? ScriptFont, LoadedFont? FirstCovering);

    // Every character of every printed text asks; the answer is the same each time (a certificate batch asked about a
    // hundred thousand times, each a script lookup and up to one coverage query per font). Bounded: names typed by the
    // public could otherwise fill it with every code point there is.
    private const int MostChoices = 50_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Codepoint, bool Bold), Choice> choices = new();

    /// <summary>The font that prints a character, preferring its script's font, then the one already in use.</summary>
    internal LoadedFont? FontFor(int codepoint, bool bold, LoadedFont? current)
    {
        var choice = choices.TryGetValue((codepoint, bold), out var known) ? known
            : choices.Count < MostChoices ? choices.GetOrAdd((codepoint, bold), Choose)
            : Choose((codepoint, bold));
        if (choice.Neutral && current is not null && current.Covers(codepoint))
        {
            return current;
        }

        if (choice.ScriptFont is not null)
        {
            return choice.ScriptFont;
        }

        return current is not null && current.Covers(codepoint) ? current : choice.FirstCovering;
    }

    private Choice Choose((int Codepoint, bool Bold) key)
    {
        var (codepoint, bold) = key;
        var script = UnicodeFunctions.Default.GetScript(codepoint);
        var neutral = script == Script.Common || script == Script.Inherited || script == Script.Unknown;
        LoadedFont? scriptFont = null;
        if (ScriptKeys.TryGetValue(script.ToString(), out var name) && fonts.TryGetValue(name, out var pair))
        {
            var font = bold ? pair.Bold : pair.Regular;
            scriptFont = font.Covers(codepoint) ? font : null;
        }

        var first = fonts.Values.Select(candidate => bold ? candidate.Bold : candidate.Regular).FirstOrDefault(font => font.Covers(codepoint));
        return new Choice(neutral, scriptFont, first);
    }

    private LoadedFont? Load(string source, SKFontStyleWeight weight, List<string> problems)
    {
        try
        {
            var loaded = source.Contains('/') || source.Contains('\\')
                ? LoadFile(source)
                : LoadFamily(source, weight);
            if (loaded is null)
            {
                problems.Add($"\"{source}\" ({(weight == SKFontStyleWeight.Bold ? "bold" : "regular")}) was not found");
                return null;
            }

            all.Add(loaded);
            return loaded;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"\"{source}\" could not be read ({e.Message})");
            return null;
        }
    }

    private static LoadedFont? LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var blob = Blob.FromFile(path);
        return new LoadedFont(Path.GetFileName(path), blob, new Face(blob, 0));
    }

    // Picks the face of the family by weight ourselves: fontconfig answers "Noto Serif Myanmar,
    // regular" with the bold file on Debian.
    private static LoadedFont? LoadFamily(string family, SKFontStyleWeight weight)
    {
        using var typeface = FindFamily(family, weight, out var styleName);
        if (typeface is null)
        {
            return null;
        }

        using var stream = typeface.OpenStream(out var index);
        var bytes = new byte[stream.Length];
        var read = stream.Read(bytes, bytes.Length);
        var blob = NativeBlob.From(read == bytes.Length ? bytes : bytes[..read]);
        return new LoadedFont($"{typeface.FamilyName} {styleName}", blob, new Face(blob, index));
    }

    /// <summary>The family's face nearest the weight, upright and of normal width; null when the family is not installed.</summary>
    private static SKTypeface? FindFamily(string family, SKFontStyleWeight weight, out string styleName)
    {
        styleName = "";
        using var styles = SKFontManager.Default.GetFontStyles(family);
        if (styles is null || styles.Count == 0)
        {
            return null;
        }

        var best = -1;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < styles.Count; i++)
        {
            var style = styles[i];
            // Debian's fontconfig reports Noto Serif Myanmar Bold as weight 400: its style name tells.
            var named = styles.GetStyleName(i) ?? "";
            var namedBold = named.Contains("Bold", StringComparison.OrdinalIgnoreCase);
            var distance = Math.Abs(style.Weight - (int)weight) + (style.Slant == SKFontStyleSlant.Upright ? 0 : 1000)
                + Math.Abs(style.Width - (int)SKFontStyleWidth.Normal) * 10
                + (namedBold == (weight == SKFontStyleWeight.Bold) ? 0 : 500);
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }

        var typeface = styles.CreateTypeface(best);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
        {
            typeface?.Dispose();
            return null;
        }

        styleName = styles.GetStyleName(best) ?? "";
        return typeface;
    }

    public void Dispose()
    {
        foreach (var font in all)
        {
            font.Dispose();
        }

        all.Clear();
        fonts.Clear();
    }
}
