using EventManager.Core.Common;

namespace EventManager.Web.Infrastructure;

public static class UploadedFiles
{
    /// <summary>
    /// An uploaded picture's bytes for <see cref="UploadedImages.Redraw"/>, or null when none was chosen. A file over
    /// the limit is not read: a stand-in one byte over it lets the use case refuse it with its own message.
    /// </summary>
    public static async Task<byte[]?> ReadImageAsync(this IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            return null;
        }

        if (file.Length > UploadedImages.MaxBytes)
        {
            return new byte[UploadedImages.MaxBytes + 1];
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        return content.ToArray();
    }
}
