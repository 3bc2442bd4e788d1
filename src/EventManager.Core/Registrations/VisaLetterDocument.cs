using SkiaSharp;
using EventManager.Core.Printing;

namespace EventManager.Core.Registrations;

/// <summary>
/// One invitation letter, already in words: the caller writes the paragraphs in the language chosen and formats dates;
/// rendering only lays them out.
/// </summary>
public sealed record VisaLetterModel(
    string EventName,
    string EventLine,
    string Heading,
    string Reference,
    string IssuedLine,
    string Salutation,
    IReadOnlyList<string> Paragraphs,
    string Closing,
    string Signatory,
    string SignatoryRole,
    IReadOnlyList<string>? Letterhead = null,
    IReadOnlyList<LetterFact>? Traveller = null,
    byte[]? SealImage = null)
{
    public IEnumerable<(string Text, bool Bold)> Texts()
    {
        foreach (var (line, i) in (Letterhead ?? []).Select((l, i) => (l, i)))
        {
            yield return (line, i == 0);
        }

        foreach (var fact in Traveller ?? [])
        {
            yield return (fact.Label, false);
            yield return (fact.Value, true);
        }

        yield return (EventName, true);
        yield return (EventLine, false);
        yield return (Heading, true);
        yield return (Reference, false);
        yield return (IssuedLine, false);
        yield return (Salutation, false);
        foreach (var paragraph in Paragraphs)
        {
            yield return (paragraph, false);
        }

        yield return (Closing, false);
        yield return (Signatory, true);
        yield return (SignatoryRole, false);
    }
}

/// <summary>One line of what the letter says about the traveller: "Passport number" — "N12345678".</summary>
public sealed record LetterFact(string Label, string Value);

/// <summary>
/// Invitation letters for delegates' visa applications: A4 portrait, one page each, names in Latin letters as in the
/// passport and in their own script. Fonts subset and embedded, as for certificates. A pure function of its models.
/// </summary>
public sealed class VisaLetterRenderer(FontCatalog fonts)
{
    private const float Width = 595.28f;
    private const float Height = 841.89f;
    private const float Margin = 64f;
    private const float TextWidth = Width - 2 * Margin;

    public void EnsurePrintable(IEnumerable<VisaLetterModel> letters) => DocumentText.EnsurePrintable(fonts, letters.SelectMany(l => l.Texts()));

    public byte[] Render(IReadOnlyList<VisaLetterModel> letters)
    {
        using var text = DocumentText.Prepare(fonts, letters.SelectMany(l => l.Texts()));
        return PdfOutput.Write(letters.Count > 0 ? letters[0].Heading : "", document =>
        {
            using var ink = new SKPaint { Color = new SKColor(0x1b, 0x1f, 0x2a), IsAntialias = true };
            using var navy = new SKPaint { Color = new SKColor(0x14, 0x2f, 0x5c), IsAntialias = true };
            using var muted = new SKPaint { Color = new SKColor(0x55, 0x5b, 0x66), IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0xb0, 0x8d, 0x3c), StrokeWidth = 0.8f, IsStroke = true };
            foreach (var letter in letters)
            {
                var canvas = document.BeginPage(Width, Height);
                float y;
                if (letter.Letterhead is { Count: > 0 } letterhead)
                {
                    // The host's letterhead: its name, then its address, one line each as the organisers wrote them.
                    y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, letterhead[0], TextWidth, 15, true, 2), Width / 2, 64, TextWidth, navy);
                    foreach (var line in letterhead.Skip(1))
                    {
                        y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, line, TextWidth, 9.5f, false, 1), Width / 2, y, TextWidth, muted);
                    }
                }
                else
                {
                    y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, letter.EventName, TextWidth, 15, true, 2), Width / 2, 72, TextWidth, navy);
                    y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, letter.EventLine, TextWidth, 10, false, 2), Width / 2, y, TextWidth, muted);
                }

                canvas.DrawLine(Margin, y + 4, Width - Margin, y + 4, rule);
                y = TextLayout.DrawBlock(canvas, TextLayout.Wrap(text, letter.Heading, TextWidth, 16, true, 1), Width / 2, y + 40, TextWidth, ink);
                TextLayout.DrawFitted(canvas, text.Shape(letter.Reference, 10), Margin, y + 14, TextWidth / 2, muted);
                TextLayout.DrawRight(canvas, text.Shape(letter.IssuedLine, 10), Width - Margin, y + 14, TextWidth / 2, muted);
                y += 52;
                TextLayout.DrawFitted(canvas, text.Shape(letter.Salutation, 11.5f), Margin, y, TextWidth, ink);
                y += 26;
                foreach (var (paragraph, i) in letter.Paragraphs.Select((p, i) => (p, i)))
                {
                    foreach (var line in TextLayout.Wrap(text, paragraph, TextWidth, 11.5f, false, 99))
                    {
                        TextLayout.DrawFitted(canvas, line, Margin, y, TextWidth, ink);
                        y += 17;
                    }

                    y += 10;
                    if (i == 0 && letter.Traveller is { Count: > 0 } facts)
                    {
                        // The traveller as the passport has them, label and value in two columns, after the invitation.
                        const float labels = 170;
                        foreach (var fact in facts)
                        {
                            TextLayout.DrawFitted(canvas, text.Shape(fact.Label, 10.5f), Margin + 16, y, labels - 24, muted);
                            TextLayout.DrawFitted(canvas, text.Shape(fact.Value, 11f, true), Margin + labels, y, TextWidth - labels, ink);
                            y += 16;
                        }

                        y += 12;
                    }
                }

                y += 12;
                TextLayout.DrawFitted(canvas, text.Shape(letter.Closing, 11.5f), Margin, y, TextWidth, ink);
                if (letter.SealImage is { } seal && SKImage.FromEncodedData(seal) is { } image)
                {
                    // The signature or seal over the signing line, kept in its proportions within 160 × 64 pt.
                    using (image)
                    {
                        var scale = Math.Min(160f / image.Width, 64f / image.Height);
                        var box = SKRect.Create(Margin, y + 72 - image.Height * scale, image.Width * scale, image.Height * scale);
                        canvas.DrawImage(image, box, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
                    }
                }

                canvas.DrawLine(Margin, y + 74, Margin + 200, y + 74, rule);
                TextLayout.DrawFitted(canvas, text.Shape(letter.Signatory, 11.5f, true), Margin, y + 92, TextWidth, ink);
                TextLayout.DrawFitted(canvas, text.Shape(letter.SignatoryRole, 10), Margin, y + 108, TextWidth, muted);
                document.EndPage();
            }
        });
    }
}
