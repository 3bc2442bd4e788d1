using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Core.Certificates;

/// <summary>A party as its certificate shows it.</summary>
public sealed record CertificateParty(
    string InstitutionName,
    string? InstitutionNativeName,
    string? Country,
    string SignatoryName,
    string? SignatoryNativeName,
    string? SignatoryPosition);

/// <summary>
/// Everything one certificate prints, already in words: labels are localized and dates formatted
/// in the event's time zone by the caller, so rendering needs nothing but this.
/// </summary>
public sealed record CertificateModel(
    string EventName,
    string Heading,
    string Title,
    IReadOnlyList<string> TitleTranslations,
    string Kind,
    IReadOnlyList<CertificateParty> Parties,
    string SignedLine,
    string SerialLine,
    string VerificationUrl,
    string VerifyLine)
{
    public IEnumerable<(string Text, bool Bold)> Texts()
    {
        yield return (EventName, false);
        yield return (Heading, true);
        yield return (Title, true);
        foreach (var translation in TitleTranslations)
        {
            yield return (translation, false);
        }

        yield return (Kind, false);
        foreach (var party in Parties)
        {
            yield return (party.InstitutionName, true);
            yield return (party.InstitutionNativeName ?? "", false);
            yield return (party.Country ?? "", false);
            yield return (party.SignatoryName, true);
            yield return (party.SignatoryNativeName ?? "", false);
            yield return (party.SignatoryPosition ?? "", false);
        }

        yield return (SignedLine, false);
        yield return (SerialLine, true);
        yield return (VerifyLine, false);
    }
}

/// <summary>
/// Agreement certificates as PDF: A4 landscape, one page each, fonts subset to the characters
/// used and embedded. A pure function of its models.
/// </summary>
public sealed class CertificateRenderer(FontCatalog fonts)
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;
    private const float Margin = 64f;

    /// <summary>No line of a certificate prints smaller than this (points).</summary>
    public const float Floor = 8f;

    private static readonly SKColor Ink = new(0x1b, 0x1f, 0x2a);
    private static readonly SKColor Navy = new(0x14, 0x2f, 0x5c);
    private static readonly SKColor Gold = new(0xb0, 0x8d, 0x3c);
    private static readonly SKColor Muted = new(0x55, 0x5b, 0x66);

    public byte[] Render(CertificateModel certificate)
    {
        using var output = new MemoryStream();
        Render([certificate], output);
        return output.ToArray();
    }

    /// <summary>Throws <see cref="MissingGlyphsException"/> when the fonts cannot print every text of the certificates.</summary>
    public void EnsurePrintable(IEnumerable<CertificateModel> certificates) => DocumentText.EnsurePrintable(fonts, certificates.SelectMany(c => c.Texts()));

    /// <summary>Writes one PDF with a page per certificate, in the order given.</summary>
    public void Render(IReadOnlyList<CertificateModel> certificates, Stream output)
    {
        using var text = DocumentText.Prepare(fonts, certificates.SelectMany(c => c.Texts()));
        var title = certificates.Count == 1 ? certificates[0].Title : certificates.Count > 0 ? certificates[0].EventName : "";
        PdfOutput.Write(output, title, document =>
        {
            foreach (var certificate in certificates)
            {
                var canvas = document.BeginPage(Width, Height);
                DrawPage(canvas, text, certificate);
                document.EndPage();
            }
        }, rasterDpi: 300);
    }

    private static void DrawPage(SKCanvas canvas, DocumentText text, CertificateModel c)
    {
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var navy = new SKPaint { Color = Navy, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        using var frame = new SKPaint { Color = Navy, IsStroke = true, StrokeWidth = 2.5f, IsAntialias = true };
        using var rule = new SKPaint { Color = Gold, IsStroke = true, StrokeWidth = 0.8f, IsAntialias = true };

        canvas.DrawRect(24, 24, Width - 48, Height - 48, frame);
        canvas.DrawRect(31, 31, Width - 62, Height - 62, rule);

        const float center = Width / 2;
        const float textWidth = Width - 2 * Margin;

        var y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, c.EventName, textWidth, 12, false, 2), center, 76, textWidth, muted);
        y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, c.Heading, textWidth, 26, true, 1), center, y + 22, textWidth, navy);
        canvas.DrawLine(center - 90, y - 16, center + 90, y - 16, rule);
        y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, c.Title, textWidth, 18, true, 2), center, y + 12, textWidth, ink);
        foreach (var translation in c.TitleTranslations.Where(t => t.Length > 0))
        {
            y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, translation, textWidth, 12.5f, false, 2), center, y, textWidth, ink);
        }

        TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, c.Kind, textWidth, 11, false, 1), center, y + 2, textWidth, muted);

        DrawParties(canvas, text, c.Parties, Math.Max(y + 40, 262), ink, muted, rule);

        TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, c.SignedLine, 520, 11.5f, false, 2), center, 500, 520, ink);
        TextLayout.DrawFitted(canvas, text.Shape(c.SerialLine, 11, true), Margin, 540, 300, navy);
        const float qrSize = 66;
        QrDrawing.Draw(canvas, c.VerificationUrl, Width - Margin - qrSize + 6, Height - 40 - qrSize, qrSize);
        TextLayout.DrawRight(canvas, text.Shape(c.VerifyLine, Floor), Width - Margin - qrSize, 540, 330, muted);
    }

    private static void DrawParties(SKCanvas canvas, DocumentText text, IReadOnlyList<CertificateParty> parties, float top,
        SKPaint ink, SKPaint muted, SKPaint rule)
    {
        if (parties.Count == 0)
        {
            return;
        }

        const float gap = 24;
        var size = parties.Count <= 2 ? 13.5f : parties.Count == 3 ? 12f : 10.5f;
        var small = Math.Max(Floor, size - 3);
        var widths = ColumnWidths(text, parties, (Width - 2 * Margin - gap * (parties.Count - 1)), size);
        const float signatureLine = 410;
        var left = Margin;
        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            var columnWidth = widths[i];
            var center = left + columnWidth / 2;
            left += columnWidth + gap;
            TextLayout.DrawBlocks(canvas, center, top, columnWidth, 1.3f,
                (TextLayout.Wrap(text, party.InstitutionName, columnWidth, size, true, 3), ink),
                (TextLayout.Wrap(text, party.InstitutionNativeName ?? "", columnWidth, size, false, 3), ink),
                (TextLayout.Wrap(text, party.Country ?? "", columnWidth, small, false, 1), muted));

            canvas.DrawLine(center - columnWidth * 0.35f, signatureLine, center + columnWidth * 0.35f, signatureLine, rule);
            TextLayout.DrawBlocks(canvas, center, signatureLine + 17, columnWidth, 1.3f,
                (TextLayout.Wrap(text, party.SignatoryName, columnWidth, size - 1.5f, true, 1), ink),
                (TextLayout.Wrap(text, party.SignatoryNativeName ?? "", columnWidth, size - 1.5f, false, 1), ink),
                (TextLayout.Wrap(text, party.SignatoryPosition ?? "", columnWidth, small, false, 2), muted));
        }
    }

    /// <summary>
    /// The parties' columns: equal, unless a name would need more than three lines at the floor in its column; that
    /// column then takes room from the others, a step at a time, while theirs still fit in three.
    /// </summary>
    internal static float[] ColumnWidths(DocumentText text, IReadOnlyList<CertificateParty> parties, float total, float size)
    {
        var widths = Enumerable.Repeat(total / parties.Count, parties.Count).ToArray();
        bool Fits(int i, float width) =>
            TextLayout.Wrap(text, parties[i].InstitutionName, width, size, true, 3).Count <= 3
            && TextLayout.Wrap(text, parties[i].InstitutionNativeName ?? "", width, size, false, 3).Count <= 3;
        const float step = 8;
        for (var round = 0; round < 40; round++)
        {
            var cramped = Enumerable.Range(0, parties.Count).Where(i => !Fits(i, widths[i])).ToList();
            var givers = Enumerable.Range(0, parties.Count).Where(i => !cramped.Contains(i) && Fits(i, widths[i] - step)).ToList();
            if (cramped.Count == 0 || givers.Count == 0)
            {
                break;
            }

            foreach (var giver in givers)
            {
                widths[giver] -= step;
            }

            foreach (var taker in cramped)
            {
                widths[taker] += step * givers.Count / cramped.Count;
            }
        }

        return widths;
    }
}
