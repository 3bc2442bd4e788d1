using EventManager.Core.Badges;
using EventManager.Core.Certificates;
using EventManager.Core.Printing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace EventManager.Tests;

/// <summary>
/// Long names in scripts written without spaces wrap at word boundaries (ICU's dictionaries) instead of being squeezed
/// to an unreadable size, never print below a readable floor, and no printed line runs into another.
/// </summary>
public sealed class LineBreakingTests(CertificatePdfTests.Fonts fonts) : IClassFixture<CertificatePdfTests.Fonts>
{
    /// <summary>Real institution names, the longest of each script.</summary>
    public static TheoryData<string, string> LongNames() => new()
    {
        { "Thai", "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าพระนครเหนือ" },
        { "Lao", "ມະຫາວິທະຍາໄລວິທະຍາສາດສຸຂະພາບແຫ່ງຊາດລາວ" },
        { "Khmer", "សាកលវិទ្យាល័យភូមិន្ទកសិកម្មនិងវិទ្យាសាស្ត្រ" },
        { "Myanmar", "ရန်ကုန်နည်းပညာတက္ကသိုလ်နှင့်ဘာသာစကားတက္ကသိုလ်" },
        { "Chinese", "哈萨克斯坦阿里法拉比国立大学孔子学院与贵州大学联合研究中心" },
        { "Kazakh", "Әл-Фараби атындағы Қазақ ұлттық университетінің халықаралық ынтымақтастық орталығы" },
    };

    [Theory]
    [MemberData(nameof(LongNames))]
    public void A_long_name_wraps_at_word_boundaries_and_stays_readable(string script, string name)
    {
        using var text = DocumentText.Prepare(fonts.Catalog, [(name, true)]);
        // A party's column on a four-party certificate, at the size it prints institution names.
        var lines = TextLayout.Wrap(text, name, 150, 13, true, 3);

        Assert.True(lines.All(l => l.Width <= 150), $"{script}: a line is wider than its column and would be squeezed");
        Assert.True(lines.All(l => l.Size >= 8), $"{script}: printed at {lines.Min(l => l.Size):0.0} pt");
        // Up to three lines; more only at the floor, when three cannot hold it.
        Assert.True(lines.Count >= 2 && (lines.Count <= 3 || lines.All(l => l.Size == 8)), $"{script}: {lines.Count} lines at {lines[0].Size:0.0} pt");
        // Every letter is printed once, in order, and (without spaces in these scripts) between words only.
        var printed = string.Concat(lines.SelectMany(l => l.Runs).Select(r => System.Text.Encoding.UTF8.GetString(r.Text)));
        Assert.Equal(name.Replace(" ", ""), printed.Replace(" ", ""));
        if (script is "Thai" or "Lao" or "Khmer" or "Myanmar")
        {
            var words = WordBreaks.Split(name);
            var starts = new HashSet<int>(words.Select((_, i) => words.Take(i).Sum(w => w.Length)));
            var offset = 0;
            foreach (var line in lines)
            {
                Assert.Contains(offset, starts);
                offset += line.Runs.Sum(r => System.Text.Encoding.UTF8.GetString(r.Text).Length);
            }
        }
    }

    /// <summary>
    /// Lines are spaced by how far their ink reaches (Thai and Lao vowels above, Khmer subscripts below): that reach is
    /// read from the whole font's glyph boxes, and must be what Skia draws from the subset's outlines.
    /// </summary>
    [Theory]
    [MemberData(nameof(LongNames))]
    [InlineData("Marks", "ກີ່ ກູ້ ញ្ញុំ ពុទ្ធ ញ៉ាំ ฎี่ ปั้ ฐู ญุ่ ໂປ່ ຫຼູ້")]
    [InlineData("Latin", "Nguyễn Thị Ngọc Ánh, Đại học Quốc gia Hà Nội — Qypj")]
    public void A_lines_ink_is_measured_as_skia_draws_it(string script, string text)
    {
        using var prepared = DocumentText.Prepare(fonts.Catalog, [(text, false), (text, true)]);
        foreach (var bold in new[] { false, true })
        {
            // Large, so that Skia's boxes (whole units, rounded outwards) are fine enough to compare with.
            var line = prepared.Shape(text, 100, bold);
            float top = 0, bottom = 0;
            foreach (var run in line.Runs)
            {
                // Unhinted, unrounded: the outlines as a PDF carries them.
                using var font = new SkiaSharp.SKFont(run.Font.Typeface, line.Size) { Hinting = SkiaSharp.SKFontHinting.None, Subpixel = true, LinearMetrics = true };
                var bounds = new SkiaSharp.SKRect[run.Glyphs.Length];
                font.GetGlyphWidths(run.Glyphs, new float[run.Glyphs.Length], bounds);
                for (var i = 0; i < bounds.Length; i++)
                {
                    if (!bounds[i].IsEmpty)
                    {
                        top = Math.Min(top, run.Positions[i].Y + bounds[i].Top);
                        bottom = Math.Max(bottom, run.Positions[i].Y + bounds[i].Bottom);
                    }
                }
            }

            Assert.True(top < -line.Size * 0.4f, $"{script}: Skia's ink {top:0.00}..{bottom:0.00}");
            // Within Skia's rounding: a unit, outwards.
            Assert.InRange(line.InkTop, top, top + 1.01f);
            Assert.InRange(line.InkBottom, bottom - 1.01f, bottom);
        }
    }

    [Fact]
    public void On_a_four_party_certificate_no_line_runs_into_another()
    {
        CertificateParty Party(string name, string native, string country, string signatory, string nativeSignatory) =>
            new(name, native, country, signatory, nativeSignatory, "Rector");
        var names = LongNames().Select(row => (string)row[1]).ToList();
        var parties = new[]
        {
            Party(KmutnbFaculty, names[0], "Thailand", "Somchai Jaidee", "สมชาย ใจดี"),
            Party("University of Health Sciences, Laos", names[1], "Laos", "Khamphone Sisavath", "ຄຳພອນ ສີສະຫວາດ"),
            Party("Royal University of Agriculture and Science", names[2], "Cambodia", "Sok Chan", "សុខ ចាន់"),
            Party("Yangon Technological and Language University", names[3], "Myanmar", "Aung Kyaw Moe", "အောင်ကျော်မိုး"),
        };
        var model = new CertificateModel("First China–Kazakhstan University Rectors' Cooperation Dialogue", "Certificate of Agreement",
            "Memorandum of understanding on academic cooperation", [], "Memorandum of understanding", parties,
            "Signed at Guiyang International Eco-Conference Center on Tuesday, 29 December 2026", "No. CKRD-2026-0007",
            "https://events.example.org/verify/x", "Verify at https://events.example.org/verify/x");
        var pdf = new CertificateRenderer(fonts.Catalog).Render(model);

        using var document = PdfDocument.Open(pdf);
        // Every line at 8 pt or more, at least a point of white between any two.
        AssertNoOverlap(document.GetPage(1), minimumSize: 8);

        // The longest name gets a wider column, so it still takes three lines at most; the others keep theirs to three.
        using var text = DocumentText.Prepare(fonts.Catalog, parties.SelectMany(p => new[] { (p.InstitutionName, true), (p.InstitutionNativeName!, false) }));
        var widths = CertificateRenderer.ColumnWidths(text, parties, 841.89f - 128 - 72, 10.5f);
        Assert.True(widths[0] > widths[1], $"columns {string.Join(", ", widths.Select(w => w.ToString("0")))}");
        for (var i = 0; i < parties.Length; i++)
        {
            Assert.True(TextLayout.Wrap(text, parties[i].InstitutionName, widths[i], 10.5f, true, 3).Count <= 3, parties[i].InstitutionName);
            Assert.True(TextLayout.Wrap(text, parties[i].InstitutionNativeName!, widths[i], 10.5f, false, 3).Count <= 3, parties[i].InstitutionNativeName);
        }
    }

    /// <summary>A faculty of a campus: the longest English name partners have sent.</summary>
    private const string KmutnbFaculty = "King Mongkut's University of Technology North Bangkok, Prachinburi Campus, Faculty of Industrial Technology and Management";

    [Theory]
    [InlineData("A4")]
    [InlineData("A6")]
    public void On_a_badge_a_latin_descender_keeps_clear_of_the_thai_line_below(string sheet)
    {
        var badge = new BadgeModel("First China–Kazakhstan University Rectors' Cooperation Dialogue", "Somchai Jaidee", "สมชาย ใจดี", "Dean",
            KmutnbFaculty, "มหาวิทยาลัยเทคโนโลยีพระจอมเกล้าพระนครเหนือ วิทยาเขตปราจีนบุรี คณะเทคโนโลยีและการจัดการอุตสาหกรรม", "Thailand",
            BadgeBand.Delegate, "Delegate", "https://events.example.org/staff/events/1/check-in?id=1");
        var pdf = new BadgeRenderer(fonts.Catalog).Render([badge], Enum.Parse<BadgeSheet>(sheet));
        using var document = PdfDocument.Open(pdf);
        AssertNoOverlap(document.GetPage(1));
    }

    [Fact]
    public void On_a_badge_a_long_name_wraps_and_stays_above_the_floor()
    {
        var names = LongNames().Select(row => (string)row[1]).ToList();
        var badges = names.Select(n => new BadgeModel("First China–Kazakhstan University Rectors' Cooperation Dialogue", "Aung Kyaw Moe",
            "အောင်ကျော်မိုး", "Rector", "Yangon Technological and Language University", n, "Myanmar", BadgeBand.Delegate, "Delegate",
            "https://events.example.org/staff/events/1/check-in?id=1")).ToList();
        var pdf = new BadgeRenderer(fonts.Catalog).Render(badges, BadgeSheet.A6);

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            AssertNoOverlap(page);
        }
    }

    [Fact]
    public void On_the_run_sheet_no_line_runs_into_another()
    {
        var names = LongNames().Select(row => (string)row[1]).ToList();
        var rows = names.Select((n, i) => new Core.Ceremonies.RunSheetRow((i + 1).ToString(), "1", (i + 1).ToString(),
            "Memorandum of understanding on joint doctoral supervision and staff exchange", [$"Partner University ({n})", "Guizhou University (贵州大学)"],
            ["Aung Kyaw Moe (အောင်ကျော်မိုး), Rector", "Wang Wei (王伟), President"], "Memorandum of understanding · Ready")).ToList();
        var sheet = new Core.Ceremonies.RunSheetModel("Run sheet: Group signing ceremony", "First China–Kazakhstan University Rectors' Cooperation Dialogue",
            ["No.", "Round", "Table", "Agreement", "Parties", "Signatories"], rows, "Printed Tuesday, 29 December 2026");
        var pdf = new Core.Ceremonies.RunSheetRenderer(fonts.Catalog).Render(sheet);

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            AssertNoOverlap(page);
        }
    }

    /// <summary>
    /// Letters grouped into printed lines: by baseline (a mark drawn above or below its letter, within 0.6 of the size,
    /// belongs to that letter's line), then split where a gap wider than half the size separates columns. A line's extent
    /// is every one of its glyph boxes, marks included; two lines that share a horizontal stretch must not share height.
    /// </summary>
    private static void AssertNoOverlap(Page page, double minimumSize = 7, double minimumGap = 0.75)
    {
        var letters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.GlyphRectangle.Height > 0)
            .OrderByDescending(l => l.StartBaseLine.Y).ToList();
        var baselines = new List<List<Letter>>();
        foreach (var letter in letters)
        {
            var same = baselines.FirstOrDefault(r => Math.Abs(r[0].StartBaseLine.Y - letter.StartBaseLine.Y) < 0.6 * Math.Max(r[0].PointSize, letter.PointSize));
            if (same is null)
            {
                baselines.Add([letter]);
            }
            else
            {
                same.Add(letter);
            }
        }

        // On one baseline, a gap wider than half the size (a word space is a quarter) separates columns.
        var rows = new List<List<Letter>>();
        foreach (var baseline in baselines)
        {
            List<Letter>? current = null;
            var right = double.MinValue;
            foreach (var letter in baseline.OrderBy(l => l.GlyphRectangle.Left))
            {
                if (current is null || letter.GlyphRectangle.Left - right > 0.5 * letter.PointSize)
                {
                    current = [];
                    rows.Add(current);
                }

                current.Add(letter);
                right = Math.Max(right, letter.GlyphRectangle.Right);
            }
        }

        var lines = rows.Select(r => (Left: r.Min(l => l.GlyphRectangle.Left), Right: r.Max(l => l.GlyphRectangle.Right),
                Bottom: r.Min(l => l.GlyphRectangle.Bottom), Top: r.Max(l => l.GlyphRectangle.Top), Size: r.Max(l => l.PointSize),
                Text: string.Concat(r.OrderBy(l => l.GlyphRectangle.Left).Select(l => l.Value))))
            .ToList();
        Assert.True(lines.Count > 4, "the page has hardly any text");
        foreach (var a in lines)
        {
            Assert.True(a.Size >= minimumSize - 0.01, $"\"{a.Text}\" prints at {a.Size:0.0} pt");
            foreach (var b in lines.Where(b => b != a))
            {
                var side = a.Left < b.Right && b.Left < a.Right;
                // Closer than the gap is touching: white between them must show at print size.
                var height = a.Bottom < b.Top + minimumGap && b.Bottom < a.Top + minimumGap;
                Assert.False(side && height, $"\"{a.Text}\" ({a.Bottom:0.00}–{a.Top:0.00}) comes within {minimumGap} pt of \"{b.Text}\" ({b.Bottom:0.00}–{b.Top:0.00})");
            }
        }
    }
}
