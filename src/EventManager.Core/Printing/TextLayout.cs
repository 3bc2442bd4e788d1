using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>Line breaking and placement over <see cref="DocumentText"/>: what a certificate and a run sheet need, no more.</summary>
internal static class TextLayout
{
    /// <summary>
    /// Breaks text at spaces (and between Chinese characters) into lines no wider than <paramref name="maxWidth"/>, shrinking the
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
        var pieces = Pieces(value);
        if (pieces.Count == 0)
        {
            return lines;
        }

        var current = pieces[0].Text;
        var shaped = text.Shape(current, size, bold);
        foreach (var (piece, spaced) in pieces.Skip(1))
        {
            var candidate = current + (spaced ? " " : "") + piece;
            var longer = text.Shape(candidate, size, bold);
            if (longer.Width <= maxWidth)
            {
                current = candidate;
                shaped = longer;
            }
            else
            {
                lines.Add(shaped);
                current = piece;
                shaped = text.Shape(piece, size, bold);
            }
        }

        lines.Add(shaped);
        return lines;
    }

    /// <summary>
    /// Where a line may break: at spaces, and between Chinese and Japanese characters, which are written without
    /// them (not before closing punctuation such as ，。）, nor after a digit). Each piece says whether a space came before it.
    /// </summary>
    private static List<(string Text, bool Spaced)> Pieces(string value)
    {
        var pieces = new List<(string Text, bool Spaced)>();
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            for (var i = 1; i < word.Length; i++)
            {
                // A number stays with what follows it: "12月" and "29日" are not split.
                if ((IsIdeographic(word[i - 1]) || IsIdeographic(word[i])) && !IsClosing(word[i]) && !IsOpening(word[i - 1])
                    && !char.IsLowSurrogate(word[i]) && !char.IsAsciiDigit(word[i - 1]))
                {
                    pieces.Add((word[start..i], start == 0));
                    start = i;
                }
            }

            pieces.Add((word[start..], start == 0));
        }

        return pieces;
    }

    private static bool IsIdeographic(char c) => c is >= '\u3000' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\uff00' and <= '\uffef';

    private static bool IsClosing(char c) => "，。、；：！？）》」』】〕…,.;:!?)".Contains(c);

    private static bool IsOpening(char c) => "（《「『【〔(".Contains(c);

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
