using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Core.Badges;

/// <summary>The band at the foot of a badge: which kind of participant, at a glance across a hall.</summary>
public enum BadgeBand
{
    Delegate = 0,
    Speaker = 1,
    Observer = 2,
    Press = 3,
}

/// <summary>
/// Everything one name badge prints, already in words: the category label is localized by the caller,
/// and the QR code holds the staff address that checks this delegate in.
/// </summary>
public sealed record BadgeModel(
    string EventName,
    string LatinName,
    string? NativeName,
    string? Position,
    string? Institution,
    string? InstitutionNativeName,
    string? Country,
    BadgeBand Band,
    string BandLabel,
    string CheckInUrl)
{
    public IEnumerable<(string Text, bool Bold)> Texts()
    {
        yield return (EventName, true);
        yield return (LatinName, true);
        yield return (NativeName ?? "", true);
        yield return (Position ?? "", false);
        yield return (Institution ?? "", true);
        yield return (InstitutionNativeName ?? "", false);
        yield return (Country ?? "", false);
        yield return (BandLabel, true);
    }
}

/// <summary>How badges come out of the printer.</summary>
public enum BadgeSheet
{
    /// <summary>A4 portrait, four A6 badges a page with cut marks: any office printer.</summary>
    A4 = 0,

    /// <summary>One A6 badge a page: badge printers and A6 card stock.</summary>
    A6 = 1,
}

/// <summary>
/// Name badges as PDF (A6, 105 × 148 mm, the size of common badge holders): the name in Latin letters and in the
/// delegate's own script, position, institution in both names, country, a coloured band for the category and a
/// QR code for the check-in desk. Fonts subset and embedded, as for certificates. A pure function of its models.
/// </summary>
public sealed class BadgeRenderer(FontCatalog fonts)
{
    private const float A4Width = 595.28f;
    private const float A4Height = 841.89f;
    private const float Width = A4Width / 2;
    private const float Height = A4Height / 2;
    private const float Pad = 20f;

    /// <summary>5 mm: office printers crop about 4 mm at the paper's edge, so no colour is printed nearer the edge than this.</summary>
    private const float Safe = 5 / 25.4f * 72;
    private const float TextWidth = Width - 2 * Pad;

    private static readonly SKColor Ink = new(0x1b, 0x1f, 0x2a);
    private static readonly SKColor Navy = new(0x14, 0x2f, 0x5c);
    private static readonly SKColor Muted = new(0x55, 0x5b, 0x66);

    private static SKColor BandColour(BadgeBand band) => band switch
    {
        BadgeBand.Speaker => new SKColor(0xa3, 0x1f, 0x34),
        BadgeBand.Observer => new SKColor(0x1e, 0x6b, 0x3a),
        BadgeBand.Press => new SKColor(0x5b, 0x2a, 0x86),
        _ => Navy,
    };

    /// <summary>Throws <see cref="MissingGlyphsException"/> when the fonts cannot print every text of the badges.</summary>
    public void EnsurePrintable(IEnumerable<BadgeModel> badges) => DocumentText.EnsurePrintable(fonts, badges.SelectMany(b => b.Texts()));

    /// <summary>One PDF with the badges in the order given.</summary>
    public byte[] Render(IReadOnlyList<BadgeModel> badges, BadgeSheet sheet)
    {
        using var text = DocumentText.Prepare(fonts, badges.SelectMany(b => b.Texts()));
        var title = badges.Count == 1 ? badges[0].LatinName : badges.Count > 0 ? badges[0].EventName : "";
        return PdfOutput.Write(title, document =>
        {
            if (sheet == BadgeSheet.A6)
            {
                foreach (var badge in badges)
                {
                    var canvas = document.BeginPage(Width, Height);
                    Draw(canvas, text, badge);
                    document.EndPage();
                }

                return;
            }

            using var cut = PdfOutput.CutLine();
            foreach (var page in badges.Chunk(4))
            {
                var canvas = document.BeginPage(A4Width, A4Height);
                for (var i = 0; i < page.Length; i++)
                {
                    canvas.Save();
                    canvas.Translate(i % 2 * Width, i / 2 * Height);
                    Draw(canvas, text, page[i]);
                    canvas.Restore();
                }

                canvas.DrawLine(Width, 0, Width, A4Height, cut);
                canvas.DrawLine(0, Height, A4Width, Height, cut);
                document.EndPage();
            }
        });
    }

    private static void Draw(SKCanvas canvas, DocumentText text, BadgeModel b)
    {
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        using var head = new SKPaint { Color = Navy, IsAntialias = true };
        using var band = new SKPaint { Color = BandColour(b.Band), IsAntialias = true };
        const float center = Width / 2;
        const float headHeight = 56;
        const float bandHeight = 40;
        const float qrSize = 62;
        const float corner = 6;

        // The head and the band stop 5 mm short of every edge: a printer that crops the paper's edge crops white.
        canvas.DrawRoundRect(Safe, Safe, Width - 2 * Safe, headHeight, corner, corner, head);
        var headLines = TextLayout.Wrap(text, b.EventName, TextWidth, 11, true, 2, floor: 7);
        TextLayout.DrawBlock(canvas, headLines, center, Safe + (headLines.Count == 1 ? 33 : 25), TextWidth, white);

        var y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, b.LatinName, TextWidth, 22, true, 2, floor: 7), center, Safe + headHeight + 40, TextWidth, ink, 1.2f);
        if (!string.IsNullOrWhiteSpace(b.NativeName) && b.NativeName != b.LatinName)
        {
            y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, b.NativeName, TextWidth, 20, true, 2, floor: 7), center, y + 4, TextWidth, ink, 1.2f);
        }

        y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, b.Position ?? "", TextWidth, 11, false, 2, floor: 7), center, y + 6, TextWidth, muted);
        TextLayout.DrawBlocks(canvas, center, y + 12, TextWidth, 1.3f,
            (TextLayout.Wrap(text, b.Institution ?? "", TextWidth, 12.5f, true, 3, floor: 7), ink),
            (TextLayout.Wrap(text, b.InstitutionNativeName ?? "", TextWidth, 12.5f, false, 3, floor: 7), ink));

        var bandTop = Height - Safe - bandHeight;
        TextLayout.DrawFitted(canvas, text.Shape(b.Country ?? "", 10.5f), Pad, bandTop - 14, TextWidth - qrSize - 8, muted);
        QrDrawing.Draw(canvas, b.CheckInUrl, Width - Pad - qrSize + 5, bandTop - qrSize - 2, qrSize);
        canvas.DrawRoundRect(Safe, bandTop, Width - 2 * Safe, bandHeight, corner, corner, band);
        TextLayout.DrawCentered(canvas, text.Shape(b.BandLabel, 17, true), center, bandTop + 26, TextWidth, white);
    }
}
