using Microsoft.AspNetCore.DataProtection;

namespace EventManager.Core.Registrations;

/// <summary>
/// Files delegates send with the form (a passport scan for the visa letter): accepted only when their bytes are a PDF,
/// JPEG or PNG (whatever the name or the browser claims: a renamed program is refused), at most
/// <see cref="MaxBytes"/>, and kept encrypted with the app's data-protection keys, as passports are.
/// </summary>
public sealed class AnswerFiles(IDataProtectionProvider protection)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private readonly IDataProtector protector = protection.CreateProtector("EventManager.AnswerFiles.v1");

    public byte[] Seal(byte[] content) => protector.Protect(content);

    /// <summary>The file, or null when it cannot be read (keys lost).</summary>
    public byte[]? Open(byte[]? sealedFile)
    {
        if (sealedFile is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(sealedFile);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>What the bytes are, by their first bytes: "application/pdf", "image/jpeg", "image/png", or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? "application/pdf"
        : content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    /// <summary>A file name safe to show and to offer for download: no folders, no control characters, not too long.</summary>
    public static string CleanName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        bare = new string(bare.Where(c => !char.IsControl(c) && c != '"').ToArray()).Trim();
        return bare.Length == 0 ? "file" : bare.Length > 150 ? bare[^150..] : bare;
    }
}
