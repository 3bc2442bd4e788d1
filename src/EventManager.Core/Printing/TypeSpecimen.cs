using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>
/// Sample lines printed exactly as every document prints text (the same fonts, subsetting, shaping and drawing), one
/// line each, at fixed places on A4 pages: for seeing with one's own eyes how the configured fonts print a script, and
/// for comparing the document pipeline with the whole fonts glyph by glyph.
/// </summary>
public static class TypeSpecimen
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 36f;
    public const float Size = 16f;
    public const float LineHeight = 32f;

    public static int LinesPerPage => (int)((PageHeight - 2 * Margin) / LineHeight);

    /// <summary>Where line <paramref name="index"/> (from 0) is drawn: its page (from 0) and its baseline.</summary>
    public static (int Page, float Baseline) Place(int index) =>
        (index / LinesPerPage, Margin + Size + index % LinesPerPage * LineHeight);

    public static byte[] Render(FontCatalog fonts, IReadOnlyList<string> lines)
    {
        using var text = DocumentText.Prepare(fonts, lines.Select(l => (l, false)));
        return PdfOutput.Write("Type specimen", document =>
        {
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (var first = 0; first < lines.Count; first += LinesPerPage)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                for (var i = first; i < Math.Min(lines.Count, first + LinesPerPage); i++)
                {
                    text.Shape(lines[i], Size).Draw(canvas, Margin, Place(i).Baseline, ink);
                }

                document.EndPage();
            }
        });
    }
}
