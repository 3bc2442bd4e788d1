using QRCoder;
using SkiaSharp;

namespace EventManager.Core.Printing;

/// <summary>QR codes on printed documents: a certificate's verification address, a badge's check-in address.</summary>
internal static class QrDrawing
{
    /// <summary>Draws the text as a QR code from vector squares: sharp at any print size, a few hundred bytes.</summary>
    public static void Draw(SKCanvas canvas, string url, float left, float top, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var module = size / modules.Count;
        using var builder = new SKPathBuilder();
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    builder.AddRect(SKRect.Create(left + column * module, top + row * module, module, module), SKPathDirection.Clockwise);
                }
            }
        }

        using var path = builder.Detach();
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        canvas.DrawPath(path, black);
    }
}
