using EventManager.Core.Printing;
using SkiaSharp;

namespace EventManager.Core.Meetings;

/// <summary>One table's sign: what and where (the block), its label ("Table 3", localized by the caller), and its meetings in time order.</summary>
public sealed record TableSignModel(string Heading, string Label, IReadOnlyList<(string Time, string Who)> Meetings)
{
    public IEnumerable<(string Text, bool Bold)> Texts() =>
        new[] { (Heading, false), (Label, true) }.Concat(Meetings.SelectMany(m => new[] { (m.Time, true), (m.Who, false) }));
}

/// <summary>
/// Signs for the meeting tables: an A4 landscape sheet per table with its number large enough to read across the hall,
/// and below it the meetings held there, so a delegation that finds its table knows it is in the right place.
/// </summary>
public sealed class TableSignRenderer(FontCatalog fonts)
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;
    private const float TextWidth = Width - 2 * 56;

    public byte[] Render(IReadOnlyList<TableSignModel> signs)
    {
        using var text = DocumentText.Prepare(fonts, signs.SelectMany(s => s.Texts()));
        return PdfOutput.Write(signs.Count > 0 ? signs[0].Heading : "", document =>
        {
            using var ink = new SKPaint { Color = new SKColor(0x1b, 0x1f, 0x2a), IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x55, 0x5b, 0x66), IsAntialias = true };
            foreach (var sign in signs)
            {
                var canvas = document.BeginPage(Width, Height);
                TextLayout.DrawCentered(canvas, text.Shape(sign.Heading, 13), Width / 2, 56, TextWidth, muted);
                TextLayout.DrawCentered(canvas, text.Shape(sign.Label, 96, true), Width / 2, 190, TextWidth, ink);
                var y = 250f;
                foreach (var (time, who) in sign.Meetings.Take(12))
                {
                    TextLayout.DrawFitted(canvas, text.Shape(time, 12, true), 80, y, 130, ink);
                    TextLayout.DrawFitted(canvas, text.Shape(who, 12), 220, y, Width - 300, ink);
                    y += 24;
                }

                document.EndPage();
            }
        });
    }
}
