using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>Line breaking and placement over <see cref="DocumentText"/>: what a certificate and a run sheet need, no more.</summary>
internal static class TextLayout
{
    /// <summary>
    /// Breaks text into lines no wider than <paramref name="maxWidth"/>: at spaces, between Chinese characters, and at
    /// word boundaries in Thai, Lao, Khmer and Myanmar. To keep within <paramref name="maxLines"/> it shrinks the size
    /// (to 70 %, never below <paramref name="floor"/>); a name still too long then takes up to three lines, down to
    /// the floor; past that it takes as many lines as it needs at the floor, a word wider than a line cut between its
    /// letters. Text is never squeezed below a readable size.
    /// </summary>
    public static IReadOnlyList<ShapedLine> Wrap(DocumentText text, string value, float maxWidth, float size, bool bold, int maxLines, float floor = 8f)
    {
        floor = Math.Min(size, floor);
        bool Fits(List<ShapedLine> lines, int most) => lines.Count <= most && lines.All(l => l.Width <= maxWidth);

        foreach (var current in Sizes(size, Math.Max(size * 0.7f, floor)))
        {
            var lines = Break(text, value, maxWidth, current, bold, cut: false);
            if (Fits(lines, maxLines))
            {
                return lines;
            }
        }

        foreach (var current in Sizes(size, floor))
        {
            var lines = Break(text, value, maxWidth, current, bold, cut: false);
            if (Fits(lines, Math.Max(maxLines, 3)))
            {
                return lines;
            }
        }

        return Break(text, value, maxWidth, floor, bold, cut: true);
    }

    /// <summary>From a size down to another, in steps of 8 %, the last one included.</summary>
    private static IEnumerable<float> Sizes(float from, float to)
    {
        for (var size = from; size > to; size *= 0.92f)
        {
            yield return size;
        }

        yield return to;
    }

    private static List<ShapedLine> Break(DocumentText text, string value, float maxWidth, float size, bool bold, bool cut)
    {
        var lines = new List<ShapedLine>();
        var pieces = Pieces(value);
        if (cut)
        {
            // A piece wider than a whole line becomes its letters, each free to start a line.
            pieces = pieces.SelectMany(p => text.Shape(p.Text, size, bold).Width <= maxWidth
                ? [p]
                : WordBreaks.Letters(p.Text).Select((letter, i) => (letter, i == 0 && p.Spaced))).ToList();
        }

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
    /// Where a line may break: at spaces; between Chinese and Japanese characters, which are written without them (not
    /// before closing punctuation such as ，。）, nor after a digit); and between the words of Thai, Lao, Khmer and
    /// Myanmar, found by ICU. Each piece says whether a space came before it.
    /// </summary>
    private static List<(string Text, bool Spaced)> Pieces(string value)
    {
        var pieces = new List<(string Text, bool Spaced)>();
        foreach (var spaced in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = true;
            foreach (var word in WordBreaks.Split(spaced))
            {
                var start = 0;
                for (var i = 1; i < word.Length; i++)
                {
                    // A number stays with what follows it: "12月" and "29日" are not split.
                    if ((IsIdeographic(word[i - 1]) || IsIdeographic(word[i])) && !IsClosing(word[i]) && !IsOpening(word[i - 1])
                        && !char.IsLowSurrogate(word[i]) && !char.IsAsciiDigit(word[i - 1]))
                    {
                        pieces.Add((word[start..i], first && start == 0));
                        start = i;
                    }
                }

                pieces.Add((word[start..], first && start == 0));
                first = false;
            }
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

    /// <summary>
    /// From one baseline to the next: <paramref name="minimum"/>, or more where the lowest mark of this line would come
    /// near the highest of the next. After the last line the line below is unknown: it clears a capital's height.
    /// </summary>
    public static float Advance(ShapedLine line, ShapedLine? next, float minimum) =>
        Math.Max(minimum, next is null ? line.InkBottom + line.Size * 0.9f : line.InkBottom - next.InkTop + Math.Max(MinimumGap, line.Size * 0.15f));

    /// <summary>The least white between the lowest mark of a line and the highest of the next, at print size (points).</summary>
    public const float MinimumGap = 1f;

    /// <summary>
    /// Draws blocks one under the other as one column (an institution's English name, then its own-script name): from
    /// the last line of one block to the first of the next, the same rule as between lines of a block, so a Latin
    /// descender never meets the Thai or Myanmar marks of the line below. Returns the baseline after the last line.
    /// </summary>
    public static float DrawBlocks(SKCanvas canvas, float centerX, float baseline, float maxWidth, float leading, params (IReadOnlyList<ShapedLine> Lines, SKPaint Paint)[] blocks)
    {
        var lines = blocks.SelectMany(b => b.Lines.Select(l => (Line: l, b.Paint))).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, paint) = lines[i];
            DrawCentered(canvas, line, centerX, baseline, maxWidth, paint);
            baseline += Advance(line, i + 1 < lines.Count ? lines[i + 1].Line : null, line.Size * leading);
        }

        return baseline;
    }

    /// <summary>
    /// Draws wrapped lines centred; returns the baseline after the last one. Lines are <paramref name="leading"/> apart,
    /// or further where the marks of one would touch the next (Myanmar and Khmer stack high and deep).
    /// </summary>
    public static float DrawBlock(SKCanvas canvas, IReadOnlyList<ShapedLine> lines, float centerX, float baseline, float maxWidth, SKPaint paint, float leading = 1.3f)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            DrawCentered(canvas, line, centerX, baseline, maxWidth, paint);
            baseline += Advance(line, i + 1 < lines.Count ? lines[i + 1] : null, line.Size * leading);
        }

        return baseline;
    }
}
