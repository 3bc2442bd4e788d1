using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Core.Ceremonies;

/// <summary>One agreement's line of the run sheet; parties and signatories one per line, in the same order.</summary>
public sealed record RunSheetRow(string Order, string Round, string Table, string Title, IReadOnlyList<string> Parties, IReadOnlyList<string> Signatories, string Status);

/// <summary>The master of ceremonies' sheet: headings are localized by the caller.</summary>
public sealed record RunSheetModel(string Title, string Subtitle, IReadOnlyList<string> Headings, IReadOnlyList<RunSheetRow> Rows, string Footer);

/// <summary>The run sheet of a signing ceremony as an A4 landscape PDF table, continued over as many pages as it needs.</summary>
public sealed class RunSheetRenderer(FontCatalog fonts)
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;
    private const float Margin = 36f;
    private const float Size = 9f;
    private const float Line = 12f;
    private static readonly float[] Columns = [34, 44, 44, 210, 230, 208];

    public byte[] Render(RunSheetModel sheet)
    {
        var texts = new List<(string, bool)> { (sheet.Title, true), (sheet.Subtitle, false), (sheet.Footer, false) };
        texts.AddRange(sheet.Headings.Select(h => (h, true)));
        foreach (var row in sheet.Rows)
        {
            texts.AddRange(new[] { row.Order, row.Round, row.Table, row.Title, row.Status }.Concat(row.Parties).Concat(row.Signatories).Select(t => (t, false)));
        }

        using var text = DocumentText.Prepare(fonts, texts);
        return PdfOutput.Write(sheet.Title, document =>
        {
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x55, 0x5b, 0x66), IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0xc8, 0xcc, 0xd2), StrokeWidth = 0.6f, IsStroke = true };
            SKCanvas? canvas = null;
            var y = 0f;
            var page = 0;

            void NewPage()
            {
                if (canvas is not null)
                {
                    document.EndPage();
                }

                canvas = document.BeginPage(Width, Height);
                page++;
                y = Margin + 14;
                text.Shape(sheet.Title, 14, true).Draw(canvas, Margin, y, ink);
                y += 16;
                text.Shape(sheet.Subtitle, Size, false).Draw(canvas, Margin, y, muted);
                TextLayout.DrawRight(canvas, text.Shape(sheet.Footer, 7.5f), Width - Margin, Height - 20, 400, muted);
                y += 20;
                var x = Margin;
                for (var i = 0; i < Columns.Length && i < sheet.Headings.Count; i++)
                {
                    TextLayout.DrawFitted(canvas, text.Shape(sheet.Headings[i], Size, true), x, y, Columns[i] - 6, ink);
                    x += Columns[i];
                }

                y += 5;
                canvas.DrawLine(Margin, y, Width - Margin, y, rule);
                y += Line;
            }

            NewPage();
            foreach (var row in sheet.Rows)
            {
                var cells = new List<IReadOnlyList<ShapedLine>>
                {
                    new[] { text.Shape(row.Order, Size) },
                    new[] { text.Shape(row.Round, Size) },
                    new[] { text.Shape(row.Table, Size) },
                    TextLayout.Wrap(text, row.Title, Columns[3] - 8, Size, false, 3).Append(text.Shape(row.Status, Size - 1)).ToList(),
                    row.Parties.SelectMany(p => TextLayout.Wrap(text, p, Columns[4] - 8, Size, false, 2)).ToList(),
                    row.Signatories.SelectMany(p => TextLayout.Wrap(text, p, Columns[5] - 8, Size, false, 2)).ToList(),
                };
                // Each cell's lines are Line apart, or further where stacked marks (Myanmar, Khmer) would touch.
                var height = cells.Max(c => c.Select((line, k) => TextLayout.Advance(line, k + 1 < c.Count ? c[k + 1] : null, Line)).Sum()) + 4;
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
                        var line = cells[i][k];
                        TextLayout.DrawFitted(canvas!, line, x, baseline, Columns[i] - 6, i == 3 && k == cells[i].Count - 1 ? muted : ink);
                        baseline += TextLayout.Advance(line, k + 1 < cells[i].Count ? cells[i][k + 1] : null, Line);
                    }

                    x += Columns[i];
                }

                y += height - Line + 2;
                canvas!.DrawLine(Margin, y, Width - Margin, y, rule);
                y += Line;
            }

            document.EndPage();
        });
    }
}
