using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>
/// One cell of a <see cref="TableSheet"/>: its texts one under another (each wrapped to <paramref name="MaxLinesEach"/>
/// lines; 0 keeps a text on one line, narrowed to fit) and an optional muted note below them.
/// </summary>
public sealed record SheetCell(IReadOnlyList<string> Texts, int MaxLinesEach = 2, string? Note = null)
{
    public static implicit operator SheetCell(string text) => new([text], 0);
}

/// <summary>A printed table: a title, a subtitle, column headings, rows of cells, and a footer on every page.</summary>
public sealed record TableSheet(string Title, string Subtitle, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<SheetCell>> Rows, string Footer);

/// <summary>
/// A <see cref="TableSheet"/> as an A4 PDF (landscape or portrait), continued over as many pages as it needs, the
/// headings repeated on each; fonts subset and embedded as for certificates.
/// </summary>
public sealed class TableSheetRenderer(FontCatalog fonts, IReadOnlyList<float> columns, bool landscape)
{
    private const float Margin = 36f;
    private const float Size = 9f;
    private const float Line = 12f;
    private float Width => landscape ? 841.89f : 595.28f;
    private float Height => landscape ? 595.28f : 841.89f;

    public byte[] Render(TableSheet sheet)
    {
        var texts = new List<(string, bool)> { (sheet.Title, true), (sheet.Subtitle, false), (sheet.Footer, false) };
        texts.AddRange(sheet.Headings.Select(h => (h, true)));
        texts.AddRange(sheet.Rows.SelectMany(r => r).SelectMany(c => c.Texts.Append(c.Note ?? "")).Select(t => (t, false)));
        using var text = DocumentText.Prepare(fonts, texts);
        return PdfOutput.Write(sheet.Title, document =>
        {
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x55, 0x5b, 0x66), IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0xc8, 0xcc, 0xd2), StrokeWidth = 0.6f, IsStroke = true };
            SKCanvas? canvas = null;
            var y = 0f;

            void NewPage()
            {
                if (canvas is not null)
                {
                    document.EndPage();
                }

                canvas = document.BeginPage(Width, Height);
                y = Margin + 14;
                TextLayout.DrawFitted(canvas, text.Shape(sheet.Title, 14, true), Margin, y, Width - 2 * Margin, ink);
                y += 16;
                TextLayout.DrawFitted(canvas, text.Shape(sheet.Subtitle, Size, false), Margin, y, Width - 2 * Margin, muted);
                TextLayout.DrawRight(canvas, text.Shape(sheet.Footer, 7.5f), Width - Margin, Height - 20, 400, muted);
                y += 20;
                var x = Margin;
                for (var i = 0; i < columns.Count && i < sheet.Headings.Count; i++)
                {
                    TextLayout.DrawFitted(canvas, text.Shape(sheet.Headings[i], Size, true), x, y, columns[i] - 6, ink);
                    x += columns[i];
                }

                y += 5;
                canvas.DrawLine(Margin, y, Width - Margin, y, rule);
                y += Line;
            }

            NewPage();
            foreach (var row in sheet.Rows)
            {
                var cells = row.Take(columns.Count).Select((cell, i) =>
                {
                    var lines = cell.Texts.SelectMany(t => cell.MaxLinesEach == 0 ? [text.Shape(t, Size)] : TextLayout.Wrap(text, t, columns[i] - 8, Size, false, cell.MaxLinesEach))
                        .Select(l => (Line: l, Muted: false)).ToList();
                    if (cell.Note is not null)
                    {
                        lines.Add((text.Shape(cell.Note, Size - 1), true));
                    }

                    return lines;
                }).ToList();
                // Each cell's lines are Line apart, or further where stacked marks (Myanmar, Khmer) would touch.
                var height = cells.Max(c => c.Select((line, k) => TextLayout.Advance(line.Line, k + 1 < c.Count ? c[k + 1].Line : null, Line)).DefaultIfEmpty(Line).Sum()) + 4;
                if (y + height > Height - Margin)
                {
                    NewPage();
                }

                var x = Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var baseline = y;
                    for (var k = 0; k < cells[i].Count; k++)
                    {
                        var (line, isMuted) = cells[i][k];
                        TextLayout.DrawFitted(canvas!, line, x, baseline, columns[i] - 6, isMuted ? muted : ink);
                        baseline += TextLayout.Advance(line, k + 1 < cells[i].Count ? cells[i][k + 1].Line : null, Line);
                    }

                    x += columns[i];
                }

                y += height - Line + 2;
                canvas!.DrawLine(Margin, y, Width - Margin, y, rule);
                y += Line;
            }

            document.EndPage();
        });
    }
}
