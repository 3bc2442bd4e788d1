using System.Text;
using EventManager.Core.Printing;
using SkiaSharp;

namespace EventManager.Tests;

/// <summary>
/// What a document prints is what the font draws: every cluster of <see cref="GlyphCorpus"/> is printed through the
/// documents' own pipeline (fonts cut to the document, shaped, drawn into a PDF) and, beside it, drawn with the whole
/// font file and HarfBuzz's shaping of that whole font. Poppler renders both; the pixels of each line must be the same.
/// A right text layer over a missing or misplaced glyph (Thai น้ำ printed as "น ้า") fails here.
/// </summary>
public sealed class GlyphParityTests(CertificatePdfTests.Fonts fonts) : IClassFixture<CertificatePdfTests.Fonts>
{
    private const int Dpi = 150;

    /// <summary>Names that carry the marks found printing wrong, and the scripts' hardest stacks.</summary>
    public static TheoryData<string> Names() =>
    [
        "น้ำ", "กำแพงเพชร", "ໜ້ຳ", "ນ້ຳຕົກ", "ពោធិ៍សាត់", "ស្ត្រី", "កៀ", "ဦး", "ကြိုး", "မြန်မာ", "Nguyễn Thị Hường", "Әбенова", "贵州大学",
    ];

    [Fact]
    public void Every_vowel_sign_tone_mark_and_stack_is_drawn_with_the_glyphs_of_the_whole_font()
    {
        var catalog = fonts.Catalog;
        var clusters = GlyphCorpus.Clusters().Where(c => Printable(catalog, c.Cluster)).ToList();
        foreach (var (script, least) in new[] { ("Thai", 200), ("Lao", 120), ("Khmer", 100), ("Myanmar", 80), ("Vietnamese", 20), ("Kazakh", 5), ("Chinese", 200) })
        {
            Assert.True(clusters.Count(c => c.Script == script) >= least, $"only {clusters.Count(c => c.Script == script)} {script} clusters are printable");
        }

        var whole = new WholeFonts(catalog);
        var wrong = new List<string>();
        foreach (var (script, cluster) in clusters)
        {
            // Each cluster is a document of its own: the subset holds only what that text needs, as a badge's would.
            using var document = DocumentText.Prepare(catalog, [(cluster, false)]);
            var drawn = document.Shape(cluster, TypeSpecimen.Size).Runs
                .SelectMany(run => run.Glyphs.Select((glyph, i) => (Outline: Outline(run.Font.Typeface, glyph), run.Positions[i].X, run.Positions[i].Y)))
                .ToList();
            var expected = whole.Draw(cluster);
            var same = drawn.Count == expected.Count && drawn.Zip(expected).All(p =>
                p.First.Outline == p.Second.Outline && Math.Abs(p.First.X - p.Second.X) < 0.01f && Math.Abs(p.First.Y - p.Second.Y) < 0.01f);
            if (!same)
            {
                wrong.Add($"{script} \"{cluster}\" ({Codepoints(cluster)}): {drawn.Count} glyphs drawn, {expected.Count} in the whole font"
                    + $"{(drawn.Count == expected.Count ? $", glyph {drawn.Zip(expected).TakeWhile(p => p.First.Outline == p.Second.Outline).Count() + 1} differs" : "")}");
            }
        }

        whole.Dispose();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {clusters.Count} clusters print other glyphs than the whole font draws:\n" + string.Join("\n", wrong.Take(40)));
    }

    [Fact]
    public void Copying_or_searching_a_printed_line_gives_back_exactly_the_text_printed()
    {
        // Every cluster of the corpus, the long names and the names that printed wrong, one line each: pdftotext must
        // give each line back as printed, with no space inserted inside a word (Khmer and Myanmar broke that).
        var catalog = fonts.Catalog;
        var lines = GlyphCorpus.Clusters().Where(c => Printable(catalog, c.Cluster)).Select(c => c.Cluster)
            .Concat(((IEnumerable<object[]>)LineBreakingTests.LongNames()).Select(row => (string)row[1]))
            .Concat(((IEnumerable<object[]>)Names()).Select(row => (string)row[0]))
            .Concat(["សាកលវិទ្យាល័យភូមិន្ទ", "ရန်ကုန်တက္ကသိုလ်", "Royal University of Phnom Penh សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ"])
            .Select(l => l.Normalize(NormalizationForm.FormC)).Distinct().ToList();
        var pdf = TypeSpecimen.Render(catalog, lines);
        var extracted = Enumerable.Range(1, (lines.Count + TypeSpecimen.LinesPerPage - 1) / TypeSpecimen.LinesPerPage)
            .SelectMany(page => PdfTools.Text(pdf, page).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "\f"))
            .Select(l => l.Trim('\f').Normalize(NormalizationForm.FormC)).ToList();
        var wrong = lines.Where(l => !extracted.Contains(l)).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {lines.Count} lines do not come back as printed, e.g.:\n"
            + string.Join("\n", wrong.Take(15).Select(w => $"{w} ({Codepoints(w)})")) + "\nextracted near them:\n" + string.Join("\n", extracted.Where(e => wrong.Take(15).Any(w => e.Length > 0 && w.StartsWith(e[..1], StringComparison.Ordinal))).Take(15)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_looks_on_paper_as_the_whole_font_draws_it(string name)
    {
        // Poppler renders the document's PDF and one drawn with the whole font file: the pixels must be the same.
        var printed = SKBitmap.Decode(PdfTools.Pages(TypeSpecimen.Render(fonts.Catalog, [name]), Dpi)[0]);
        using var whole = new WholeFonts(fonts.Catalog);
        var expected = SKBitmap.Decode(PdfTools.Pages(whole.Pdf([name]), Dpi)[0]);

        var differing = Differences(printed, expected, TypeSpecimen.Place(0).Baseline);
        Assert.True(differing == 0, $"\"{name}\" ({Codepoints(name)}): {differing} pixels differ from the whole font's drawing");
        Assert.True(Differences(printed, new SKBitmap(printed.Width, printed.Height), TypeSpecimen.Place(0).Baseline) > 0, "nothing was printed");
    }

    private static bool Printable(FontCatalog catalog, string text) => DocumentText.Missing(catalog, [(text, false)]).Count == 0;

    /// <summary>The one font the documents choose for the whole line (the corpus keeps each line in one script).</summary>
    internal static LoadedFont FontOf(FontCatalog catalog, string line)
    {
        LoadedFont? font = null;
        for (var i = 0; i < line.Length; i += char.IsSurrogatePair(line, i) ? 2 : 1)
        {
            var codepoint = char.ConvertToUtf32(line, i);
            if (codepoint == ' ' && font is not null)
            {
                continue;
            }

            var own = catalog.FontFor(codepoint, false, font) ?? throw new InvalidOperationException($"No font for U+{codepoint:X4}");
            Assert.True(font is null || own == font, $"\"{line}\" needs two fonts");
            font = own;
        }

        return font!;
    }

    /// <summary>Pixels that differ in the band of one line.</summary>
    private static int Differences(SKBitmap printed, SKBitmap expected, float baseline)
    {
        var pixelsPerPoint = Dpi / 72f;
        var top = (int)((baseline - TypeSpecimen.LineHeight * 0.7f) * pixelsPerPoint);
        var bottom = Math.Min(printed.Height, (int)((baseline + TypeSpecimen.LineHeight * 0.3f) * pixelsPerPoint));
        var count = 0;
        for (var y = Math.Max(0, top); y < bottom; y++)
        {
            for (var x = 0; x < printed.Width; x++)
            {
                if (printed.GetPixel(x, y) != expected.GetPixel(x, y))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static string Codepoints(string text) =>
        string.Join(" ", text.EnumerateRunes().Where(r => r.Value != ' ').Take(6).Select(r => $"U+{r.Value:X4}")) + (text.Length > 6 ? " …" : "");

    private static string Outline(SKTypeface typeface, ushort glyph)
    {
        using var font = new SKFont(typeface, TypeSpecimen.Size);
        using var path = font.GetGlyphPath(glyph);
        return path?.ToSvgPathData() ?? "";
    }

    /// <summary>The reference: text shaped by HarfBuzz with the whole font and drawn with the whole font file.</summary>
    private sealed class WholeFonts(FontCatalog catalog) : IDisposable
    {
        private readonly Dictionary<string, (SKTypeface Typeface, HarfBuzzSharp.Font Shaper, int UnitsPerEm)> fonts = [];

        public List<(string Outline, float X, float Y)> Draw(string text) =>
            Shape(text, out var typeface).Select(g => (Outline(typeface, g.Glyph), g.Position.X, g.Position.Y)).ToList();

        public byte[] Pdf(IReadOnlyList<string> lines)
        {
            using var output = new MemoryStream();
            using (var stream = new SKManagedWStream(output))
            using (var document = SKDocument.CreatePdf(stream))
            using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
            {
                var canvas = document.BeginPage(TypeSpecimen.PageWidth, TypeSpecimen.PageHeight);
                for (var i = 0; i < lines.Count; i++)
                {
                    var glyphs = Shape(lines[i], out var typeface);
                    using var font = new SKFont(typeface, TypeSpecimen.Size) { Subpixel = true, LinearMetrics = true };
                    using var builder = new SKTextBlobBuilder();
                    var run = builder.AllocatePositionedRun(font, glyphs.Count);
                    run.SetGlyphs(glyphs.Select(g => g.Glyph).ToArray());
                    run.SetPositions(glyphs.Select(g => g.Position).ToArray());
                    using var blob = builder.Build();
                    canvas.DrawText(blob, TypeSpecimen.Margin, TypeSpecimen.Place(i).Baseline, ink);
                }

                document.EndPage();
                document.Close();
            }

            return output.ToArray();
        }

        private List<(ushort Glyph, SKPoint Position)> Shape(string text, out SKTypeface typeface)
        {
            var loaded = FontOf(catalog, text);
            if (!fonts.TryGetValue(loaded.Name, out var whole))
            {
                var shaper = new HarfBuzzSharp.Font(loaded.Face);
                shaper.SetScale(loaded.Face.UnitsPerEm, loaded.Face.UnitsPerEm);
                whole = (SKTypeface.FromData(SKData.CreateCopy(loaded.Data.ToArray())), shaper, loaded.Face.UnitsPerEm);
                fonts[loaded.Name] = whole;
            }

            typeface = whole.Typeface;
            using var buffer = new HarfBuzzSharp.Buffer();
            buffer.AddUtf8(Encoding.UTF8.GetBytes(text));
            buffer.GuessSegmentProperties();
            whole.Shaper.Shape(buffer);
            var scale = TypeSpecimen.Size / whole.UnitsPerEm;
            var glyphs = new List<(ushort, SKPoint)>();
            var x = 0f;
            for (var g = 0; g < buffer.Length; g++)
            {
                var position = buffer.GlyphPositions[g];
                glyphs.Add(((ushort)buffer.GlyphInfos[g].Codepoint, new SKPoint(x + position.XOffset * scale, -position.YOffset * scale)));
                x += position.XAdvance * scale;
            }

            return glyphs;
        }

        public void Dispose()
        {
            foreach (var (typeface, shaper, _) in fonts.Values)
            {
                shaper.Dispose();
                typeface.Dispose();
            }
        }
    }
}
