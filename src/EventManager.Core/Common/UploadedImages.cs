using SkiaSharp;

namespace EventManager.Core.Common;

/// <summary>
/// Pictures people upload (a portrait, a seal): decoded and drawn afresh, scaled down to fit, so what is kept is pixels
/// only — no EXIF (a phone's GPS position), no comments, no second image hidden in the file — and a file that is not a
/// picture is refused with a message.
/// </summary>
public static class UploadedImages
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The picture re-encoded (PNG keeps a seal's transparency; JPEG suits a photo), or null with an error under <paramref name="field"/>.</summary>
    public static byte[]? Redraw(List<DomainError> errors, string field, byte[] upload, int maxPixels, SKEncodedImageFormat format)
    {
        if (upload.Length > MaxBytes)
        {
            errors.Add(new DomainError(field, "The image is larger than 1 MB; save it smaller."));
            return null;
        }

        // SKBitmap.Decode throws on bytes no codec recognises; asking for the codec first says "not an image" instead.
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        using var decoded = codec is null ? null : SKBitmap.Decode(codec);
        if (decoded is null || decoded.Width < 1 || decoded.Height < 1)
        {
            errors.Add(new DomainError(field, "This file is not an image the app can read; upload a PNG or JPEG."));
            return null;
        }

        var scale = Math.Min(1f, (float)maxPixels / Math.Max(decoded.Width, decoded.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(decoded.Width * scale)), Math.Max(1, (int)(decoded.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        // A JPEG has no transparency: a transparent part becomes white, not black.
        surface.Canvas.Clear(format == SKEncodedImageFormat.Png ? SKColors.Transparent : SKColors.White);
        using var source = SKImage.FromBitmap(decoded);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, info.Width, info.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(format, format == SKEncodedImageFormat.Png ? 100 : 85);
        return encoded.ToArray();
    }
}
