using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>How every printed document is opened and closed: a PDF naming the app as its maker, pages drawn by the caller.</summary>
internal static class PdfOutput
{
    public static byte[] Write(string title, Action<SKDocument> drawPages)
    {
        using var output = new MemoryStream();
        Write(output, title, drawPages);
        return output.ToArray();
    }

    /// <param name="rasterDpi">For anything Skia must rasterize; the documents here are vector throughout.</param>
    public static void Write(Stream output, string title, Action<SKDocument> drawPages, float rasterDpi = SKDocument.DefaultRasterDpi)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "EventManager",
            Producer = "EventManager (SkiaSharp, HarfBuzz)",
            RasterDpi = rasterDpi,
        };
        using var stream = new SKManagedWStream(output);
        using var document = SKDocument.CreatePdf(stream, metadata);
        drawPages(document);
        document.Close();
    }

    /// <summary>The thin grey dashes that show where to cut or fold the paper.</summary>
    public static SKPaint CutLine() =>
        new() { Color = new SKColor(0xb0, 0xb4, 0xba), StrokeWidth = 0.5f, IsStroke = true, PathEffect = SKPathEffect.CreateDash([4, 4], 0) };
}
