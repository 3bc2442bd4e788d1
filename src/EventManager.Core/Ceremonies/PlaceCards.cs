using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Core.Ceremonies;

/// <summary>One signatory's place card: where it stands ("Round 1 · Table 3", localized by the caller) and who sits there.</summary>
public sealed record PlaceCardModel(string Place, string Name, string? NativeName, string? Institution, string? InstitutionNativeName)
{
    public IEnumerable<(string Text, bool Bold)> Texts()
    {
        yield return (Place, false);
        yield return (Name, true);
        yield return (NativeName ?? "", true);
        yield return (Institution ?? "", false);
        yield return (InstitutionNativeName ?? "", false);
    }
}

/// <summary>
/// Place cards for the signing tables: an A4 landscape sheet per signatory, folded along the middle into a tent that
/// reads the same from both sides (the upper half is printed upside down). Names in Latin letters and in their own
/// script, institution in both names. Fonts subset and embedded, as for certificates.
/// </summary>
public sealed class PlaceCardRenderer(FontCatalog fonts)
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;
    private const float Half = Height / 2;
    private const float TextWidth = Width - 2 * 56;

    /// <summary>Throws <see cref="MissingGlyphsException"/> when the fonts cannot print every name.</summary>
    public void EnsurePrintable(IEnumerable<PlaceCardModel> cards) => DocumentText.EnsurePrintable(fonts, cards.SelectMany(c => c.Texts()));

    public byte[] Render(IReadOnlyList<PlaceCardModel> cards)
    {
        using var text = DocumentText.Prepare(fonts, cards.SelectMany(c => c.Texts()));
        return PdfOutput.Write(cards.Count > 0 ? cards[0].Place : "", document =>
        {
            using var fold = PdfOutput.CutLine();
            foreach (var card in cards)
            {
                var canvas = document.BeginPage(Width, Height);
                DrawFace(canvas, text, card, Half);
                canvas.Save();
                canvas.RotateDegrees(180, Width / 2, Half / 2);
                DrawFace(canvas, text, card, 0);
                canvas.Restore();
                canvas.DrawLine(0, Half, Width, Half, fold);
                document.EndPage();
            }
        });
    }

    private static void DrawFace(SKCanvas canvas, DocumentText text, PlaceCardModel card, float top)
    {
        using var ink = new SKPaint { Color = new SKColor(0x1b, 0x1f, 0x2a), IsAntialias = true };
        using var muted = new SKPaint { Color = new SKColor(0x55, 0x5b, 0x66), IsAntialias = true };
        const float center = Width / 2;
        TextLayout.DrawCentered(canvas, text.Shape(card.Place, 11), center, top + 34, TextWidth, muted);
        var y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, card.Name, TextWidth, 36, true, 1), center, top + 112, TextWidth, ink, 1.15f);
        if (!string.IsNullOrWhiteSpace(card.NativeName) && card.NativeName != card.Name)
        {
            y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, card.NativeName, TextWidth, 32, true, 1), center, y + 6, TextWidth, ink, 1.15f);
        }

        y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, card.Institution ?? "", TextWidth, 15, false, 2), center, Math.Max(y + 14, top + 212), TextWidth, muted);
        TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, card.InstitutionNativeName ?? "", TextWidth, 15, false, 2), center, y, TextWidth, muted);
    }
}
