using System.Text;

namespace EventManager.Core.Common;

/// <summary>
/// What an uploaded CSV file's bytes say, before any row is read: UTF-8 (with or without its byte-order mark) unless
/// the organiser says it was saved as GB18030 (what Excel on a Chinese Windows writes as "CSV"). A file in another
/// encoding is refused with what to do, rather than read as replacement characters.
/// </summary>
public static class CsvFiles
{
    public const string Utf8 = "utf-8";
    public const string Gb18030 = "gb18030";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Why reading a file's rows failed, said to the organiser as a problem with the file as a whole; null for an
    /// exception that is not about the file (let it through).
    /// </summary>
    public static DomainError? ReadProblem(Exception e) => e switch
    {
        DecoderFallbackException => new DomainError("file", "The file is not saved as UTF-8. Save it as \"CSV UTF-8\" and choose it again, or choose GB18030 if a Chinese Excel saved it."),
        CsvHelper.CsvFormatException or InvalidOperationException or ArgumentException => new DomainError("file", "The file could not be read as CSV: {0}", e.Message),
        _ => null,
    };

    /// <summary>The file as UTF-8 bytes, or why it cannot be read.</summary>
    public static DomainResult<byte[]> ToUtf8(byte[] bytes, string? encoding = Utf8)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return DomainResult<byte[]>.Failure("file", "The file is saved as UTF-16 (\"Unicode text\"). Save it as \"CSV UTF-8\" and choose it again.");
        }

        if (string.Equals(encoding, Gb18030, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var text = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(bytes);
                return DomainResult<byte[]>.Success(Encoding.UTF8.GetBytes(text));
            }
            catch (DecoderFallbackException)
            {
                return DomainResult<byte[]>.Failure("file", "The file cannot be read as GB18030 either. Save it as \"CSV UTF-8\" and choose it again.");
            }
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return DomainResult<byte[]>.Success(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return DomainResult<byte[]>.Failure("file", "The file is not saved as UTF-8 (byte {0} cannot be read as UTF-8). Save it as \"CSV UTF-8\" and choose it again, or choose GB18030 if a Chinese Excel saved it.", e.Index >= 0 ? e.Index + 1 : 1);
        }
    }
}
