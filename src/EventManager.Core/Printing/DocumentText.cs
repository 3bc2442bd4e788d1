using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>Text the configured fonts cannot print: every such character, named.</summary>
public sealed class MissingGlyphsException(IReadOnlyList<(string Character, string Text)> missing)
    : Exception("The certificate fonts cannot print " + string.Join(", ", missing.Select(m => Describe(m.Character) + $" in \"{m.Text}\"")) + ".")
{
    public IReadOnlyList<(string Character, string Text)> Missing { get; } = missing;

    /// <summary>"U+1F600 😀": how the missing characters are named to the user.</summary>
    public string Characters => string.Join(", ", Missing.Select(m => Describe(m.Character)).Distinct());

    private static string Describe(string character) => $"U+{char.ConvertToUtf32(character, 0):X4} {character}";
}

/// <summary>One line of shaped text: glyph runs, each in one font, carrying their text and clusters.</summary>
internal sealed class ShapedLine(IReadOnlyList<ShapedRun> runs, float width, float size)
{
    public IReadOnlyList<ShapedRun> Runs { get; } = runs;
    public float Width { get; } = width;
    public float Size { get; } = size;

    private (float Top, float Bottom)? ink;

    /// <summary>How far the glyphs reach above the baseline (negative, as Skia measures) and below it.</summary>
    public float InkTop => (ink ??= MeasureInk()).Top;

    public float InkBottom => (ink ??= MeasureInk()).Bottom;

    /// <remarks>
    /// From the whole font's glyph boxes (HarfBuzz reads them from the font's tables; the font stays loaded), not from
    /// Skia's outlines of the document's subset, which Skia would have to load and cache afresh for every document:
    /// measuring that way was a fifth of a certificate's rendering time.
    /// </remarks>
    private (float Top, float Bottom) MeasureInk()
    {
        float top = 0, bottom = 0;
        foreach (var run in Runs)
        {
            var scale = Size / run.Source.Face.UnitsPerEm;
            for (var i = 0; i < run.SourceGlyphs.Length; i++)
            {
                if (run.Source.Shaper.TryGetGlyphExtents(run.SourceGlyphs[i], out var box) && box.Width != 0 && box.Height != 0)
                {
                    // HarfBuzz measures up from the baseline (y-bearing the top, height negative); Skia measures down.
                    top = Math.Min(top, run.Positions[i].Y - box.YBearing * scale);
                    bottom = Math.Max(bottom, run.Positions[i].Y - (box.YBearing + box.Height) * scale);
                }
            }
        }

        return (top, bottom);
    }

    /// <summary>
    /// Draws at a baseline. Each run carries its UTF-8 text and HarfBuzz clusters so Skia writes
    /// /ActualText: Khmer and Burmese stay searchable and copyable from the PDF.
    /// </summary>
    public void Draw(SKCanvas canvas, float x, float baseline, SKPaint paint)
    {
        if (Runs.Count == 0)
        {
            return;
        }

        using var builder = new SKTextBlobBuilder();
        foreach (var run in Runs)
        {
            using var font = new SKFont(run.Font.Typeface, Size) { Subpixel = true, LinearMetrics = true };
            var buffer = builder.AllocatePositionedTextRun(font, run.Glyphs.Length, run.Text.Length);
            buffer.SetGlyphs(run.Glyphs);
            buffer.SetPositions(run.Positions);
            buffer.SetText(run.Text);
            // One cluster for the whole run: Skia then writes one /ActualText for it, the run's text exactly as given.
            // Per-glyph clusters gave one span per cluster, and readers (pdftotext) put a space between spans whose
            // glyphs sit apart, inside Khmer and Myanmar words.
            buffer.SetClusters(new uint[run.Glyphs.Length]);
        }

        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, x, baseline, paint);
        }
    }
}

/// <param name="Source">The whole font the run was shaped with; <paramref name="SourceGlyphs"/> are its glyphs, <paramref name="Glyphs"/> the subset's.</param>
internal sealed record ShapedRun(SubsetFont Font, ushort[] Glyphs, SKPoint[] Positions, byte[] Text, uint[] Clusters, LoadedFont Source, uint[] SourceGlyphs);

/// <summary>
/// A font cut down to one document's glyphs, as Skia embeds it. Text is shaped with the whole font; each glyph is then
/// drawn as the glyph it became in the subset.
/// </summary>
internal sealed class SubsetFont : IDisposable
{
    private readonly IReadOnlyDictionary<uint, ushort> newGlyphs;

    public SubsetFont(SubsetFontData data)
    {
        Typeface = SKTypeface.FromData(SKData.CreateCopy(data.Data))
            ?? throw new InvalidOperationException("Skia could not read a subset font.");
        newGlyphs = data.NewGlyphs;
    }

    public SKTypeface Typeface { get; }

    /// <summary>The subset's glyph for a glyph of the whole font; one the subset lacks is a bug, never a blank.</summary>
    public ushort GlyphFor(uint wholeFontGlyph) =>
        newGlyphs.TryGetValue(wholeFontGlyph, out var glyph)
            ? glyph
            : throw new InvalidOperationException($"Glyph {wholeFontGlyph} was shaped but is not in the document's font subset.");

    public void Dispose() => Typeface.Dispose();
}

/// <summary>
/// The fonts of one PDF: every text the document will print is announced first, each font is
/// subset to exactly those characters, then lines are shaped with the subsets.
/// </summary>
internal sealed class DocumentText : IDisposable
{
    private readonly FontCatalog catalog;
    private readonly Dictionary<LoadedFont, SubsetFont> subsets;

    private DocumentText(FontCatalog catalog, Dictionary<LoadedFont, SubsetFont> subsets)
    {
        this.catalog = catalog;
        this.subsets = subsets;
    }

    /// <summary>Characters of the texts no configured font can print, each with the text it is in.</summary>
    public static List<(string Character, string Text)> Missing(FontCatalog catalog, IEnumerable<(string Text, bool Bold)> texts) =>
        Collect(catalog, texts).Missing;

    /// <summary>Throws <see cref="MissingGlyphsException"/> when the fonts cannot print every character of the texts.</summary>
    public static void EnsurePrintable(FontCatalog catalog, IEnumerable<(string Text, bool Bold)> texts)
    {
        var missing = Missing(catalog, texts);
        if (missing.Count > 0)
        {
            throw new MissingGlyphsException(missing);
        }
    }

    public static DocumentText Prepare(FontCatalog catalog, IEnumerable<(string Text, bool Bold)> texts)
    {
        var (used, missing) = Collect(catalog, texts);
        if (missing.Count > 0)
        {
            throw new MissingGlyphsException(missing);
        }

        var subsets = new Dictionary<LoadedFont, SubsetFont>();
        try
        {
            foreach (var (font, (codepoints, glyphs)) in used)
            {
                subsets[font] = new SubsetFont(FontSubsetter.Subset(font.Preprocessed, codepoints, glyphs));
            }
        }
        catch
        {
            foreach (var subset in subsets.Values)
            {
                subset.Dispose();
            }

            throw;
        }

        return new DocumentText(catalog, subsets);
    }

    private static (Dictionary<LoadedFont, (HashSet<int> Codepoints, HashSet<uint> Glyphs)> Used, List<(string Character, string Text)> Missing) Collect(
        FontCatalog catalog, IEnumerable<(string Text, bool Bold)> texts)
    {
        var used = new Dictionary<LoadedFont, (HashSet<int> Codepoints, HashSet<uint> Glyphs)>();
        var missing = new List<(string, string)>();
        foreach (var (text, bold) in texts)
        {
            foreach (var (font, start, length) in Itemize(catalog, text, bold))
            {
                if (font is null)
                {
                    var character = char.ConvertFromUtf32(char.ConvertToUtf32(text, start));
                    if (!missing.Contains((character, text)))
                    {
                        missing.Add((character, text));
                    }

                    continue;
                }

                if (!used.TryGetValue(font, out var set))
                {
                    used[font] = set = ([], []);
                }

                // The glyphs the whole font draws for the run, including those of characters the shaper makes.
                AddGlyphs(set.Glyphs, font, text.Substring(start, length));

                for (var i = start; i < start + length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
                {
                    var codepoint = char.ConvertToUtf32(text, i);
                    set.Codepoints.Add(codepoint);

                    // A digit or a stop takes the font of the text around it, but a line broken just before it starts
                    // with it, and there it takes its own font: that font must have it too.
                    if (catalog.FontFor(codepoint, bold, null) is { } own && own != font)
                    {
                        if (!used.TryGetValue(own, out var ownSet))
                        {
                            used[own] = ownSet = ([], []);
                        }

                        ownSet.Codepoints.Add(codepoint);
                        AddGlyphs(ownSet.Glyphs, own, char.ConvertFromUtf32(codepoint));
                    }
                }
            }
        }

        return (used, missing);
    }

    /// <summary>Shapes one line at a size; the text must have been announced to <see cref="Prepare"/>.</summary>
    public ShapedLine Shape(string text, float size, bool bold = false)
    {
        var runs = new List<ShapedRun>();
        var x = 0f;
        foreach (var (loaded, start, length) in Itemize(catalog, text, bold))
        {
            var font = subsets[loaded!];
            var utf8 = Encoding.UTF8.GetBytes(text.Substring(start, length));
            using var buffer = ShapeWhole(loaded!, utf8);
            var infos = buffer.GlyphInfos;
            var positions = buffer.GlyphPositions;
            var scale = size / loaded!.Face.UnitsPerEm;
            var glyphs = new ushort[infos.Length];
            var points = new SKPoint[infos.Length];
            var clusters = new uint[infos.Length];
            var sourceGlyphs = new uint[infos.Length];
            for (var i = 0; i < infos.Length; i++)
            {
                sourceGlyphs[i] = infos[i].Codepoint;
                glyphs[i] = font.GlyphFor(infos[i].Codepoint);
                clusters[i] = infos[i].Cluster;
                points[i] = new SKPoint(x + positions[i].XOffset * scale, -positions[i].YOffset * scale);
                x += positions[i].XAdvance * scale;
            }

            runs.Add(new ShapedRun(font, glyphs, points, utf8, clusters, loaded, sourceGlyphs));
        }

        return new ShapedLine(runs, x, size);
    }

    private static void AddGlyphs(HashSet<uint> glyphs, LoadedFont font, string text)
    {
        using var shaped = ShapeWhole(font, Encoding.UTF8.GetBytes(text));
        foreach (var info in shaped.GlyphInfos)
        {
            glyphs.Add(info.Codepoint);
        }
    }

    /// <summary>HarfBuzz's glyphs and positions (font units) for a run, with the whole font.</summary>
    private static HarfBuzzSharp.Buffer ShapeWhole(LoadedFont font, byte[] utf8)
    {
        var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.GuessSegmentProperties();
        font.Shaper.Shape(buffer);
        return buffer;
    }

    /// <summary>Splits text into runs of one font each; a null font marks a character no font has.</summary>
    private static IEnumerable<(LoadedFont? Font, int Start, int Length)> Itemize(FontCatalog catalog, string text, bool bold)
    {
        LoadedFont? current = null;
        var runStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var codepoint = char.ConvertToUtf32(text, i);
            var width = char.IsSurrogatePair(text, i) ? 2 : 1;
            var font = catalog.FontFor(codepoint, bold, current);
            if (font is null)
            {
                if (i > runStart)
                {
                    yield return (current, runStart, i - runStart);
                }

                yield return (null, i, width);
                current = null;
                runStart = i + width;
            }
            else if (font != current)
            {
                if (current is not null && i > runStart)
                {
                    yield return (current, runStart, i - runStart);
                }

                current = font;
                runStart = i;
            }

            i += width;
        }

        if (current is not null && i > runStart)
        {
            yield return (current, runStart, i - runStart);
        }
    }

    public void Dispose()
    {
        foreach (var subset in subsets.Values)
        {
            subset.Dispose();
        }
    }
}
