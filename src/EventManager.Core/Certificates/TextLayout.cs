using SkiaSharp;

namespace EventManager.Core.Certificates;

/// <summary>Line breaking and placement over <see cref="DocumentText"/>: what a certificate and a run sheet need, no more.</summary>
internal static class TextLayout
{
    /// <summary>
    /// Breaks text at spaces into lines no wider than <paramref name="maxWidth"/>, shrinking the
    /// size (to 70 %) to keep within <paramref name="maxLines"/>; past that it takes more lines, and a
    /// word still too wide is squeezed when drawn, never cut.
    /// </summary>
    public static IReadOnlyList<ShapedLine> Wrap(DocumentText text, string value, float maxWidth, float size, bool bold, int maxLines)
    {
        var minimum = size * 0.7f;
        while (true)
        {
            var lines = Break(text, value, maxWidth, size, bold);
            if ((lines.Count <= maxLines && lines.All(l => l.Width <= maxWidth)) || size <= minimum)
            {
                return lines;
            }

            size *= 0.92f;
        }
    }

    private static List<ShapedLine> Break(DocumentText text, string value, float maxWidth, float size, bool bold)
    {
        var lines = new List<ShapedLine>();
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return lines;
        }

        var current = words[0];
        var shaped = text.Shape(current, size, bold);
        foreach (var word in words.Skip(1))
        {
            var candidate = current + " " + word;
            var longer = text.Shape(candidate, size, bold);
            if (longer.Width <= maxWidth)
            {
                current = candidate;
                shaped = longer;
            }
            else
            {
                lines.Add(shaped);
                current = word;
                shaped = text.Shape(word, size, bold);
            }
        }

        lines.Add(shaped);
        return lines;
    }

    public static void DrawCentered(SKCanvas canvas, ShapedLine line, float centerX, float baseline, float maxWidth, SKPaint paint) =>
        DrawFitted(canvas, line, centerX - Math.Min(line.Width, maxWidth) / 2, baseline, maxWidth, paint);

    public static void DrawRight(SKCanvas canvas, ShapedLine line, float right, float baseline, float maxWidth, SKPaint paint) =>
        DrawFitted(canvas, line, right - Math.Min(line.Width, maxWidth), baseline, maxWidth, paint);

    /// <summary>Draws a line from its left edge, squeezed horizontally if it is wider than allowed.</summary>
    public static void DrawFitted(SKCanvas canvas, ShapedLine line, float left, float baseline, float maxWidth, SKPaint paint)
    {
        if (line.Width <= maxWidth)
        {
            line.Draw(canvas, left, baseline, paint);
            return;
        }

        canvas.Save();
        canvas.Translate(left, baseline);
        canvas.Scale(maxWidth / line.Width, 1);
        line.Draw(canvas, 0, 0, paint);
        canvas.Restore();
    }

    /// <summary>Draws wrapped lines centred; returns the baseline after the last one.</summary>
    public static float DrawBlock(SKCanvas canvas, IReadOnlyList<ShapedLine> lines, float centerX, float baseline, float maxWidth, SKPaint paint, float leading = 1.3f)
    {
        foreach (var line in lines)
        {
            DrawCentered(canvas, line, centerX, baseline, maxWidth, paint);
            baseline += line.Size * leading;
        }

        return baseline;
    }
}
