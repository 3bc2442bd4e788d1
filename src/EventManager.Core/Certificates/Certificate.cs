using System.Security.Cryptography;
using EventManager.Core.Ceremonies;

namespace EventManager.Core.Certificates;

/// <summary>
/// The printable proof of an agreement. Revoking keeps the record: the verification page then
/// says "revoked" instead of "not found".
/// </summary>
public class Certificate
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public Agreement? Agreement { get; set; }

    /// <summary>The event whose serial numbers this certificate counts in (the ceremony's event).</summary>
    public int EventId { get; set; }
    public int Sequence { get; set; }

    /// <summary>Unique within the event, e.g. CKRD-2026-0007.</summary>
    public required string SerialNumber { get; set; }

    /// <summary>The secret in the QR code: 144 random bits, base64url.</summary>
    public required string VerificationCode { get; set; }

    public DateTime IssuedAtUtc { get; set; }

    /// <summary>What the certificate states, as <see cref="CertificateFacts"/> JSON: written at issue, never changed.</summary>
    [Common.MultiLine]
    [Common.KeptAsRecord("what a certificate stated when issued: signatories are the record")]
    public string Facts { get; set; } = "";

    /// <summary>Set when the agreement changed after issue and the new facts were printed on a new certificate.</summary>
    public int? SupersededById { get; set; }
    public Certificate? SupersededBy { get; set; }
    public DateTime? SupersededAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
    [Common.NotPersonalData("why a certificate was revoked, written by staff")]
    public string? RevokedReason { get; set; }
    [Common.KeptAsRecord("who on the team did it: a team account, removed with the account, not a delegate")]
    public string? RevokedBy { get; set; }
    public List<CertificatePrint> Prints { get; set; } = [];
}

/// <summary>One printing of a certificate: who, when, and why if it had been printed before.</summary>
public class CertificatePrint
{
    public int Id { get; set; }
    public int CertificateId { get; set; }
    public Certificate? Certificate { get; set; }
    public DateTime PrintedAtUtc { get; set; }
    [Common.KeptAsRecord("who on the team did it: a team account, removed with the account, not a delegate")]
    public required string PrintedBy { get; set; }
    [Common.NotPersonalData("why a certificate was reprinted, written by staff")]
    public string? Reason { get; set; }

    /// <summary>The language of the certificate's own words in this print.</summary>
    [Common.NotPersonalData("the language a certificate was printed in")]
    public string? Language { get; set; }

    /// <summary>SHA-256 of the PDF file this print produced (hex): a file brought back can be matched to it.</summary>
    public string? PdfSha256 { get; set; }
}

public static class CertificateRules
{
    public const int ReasonMaxLength = 500;

    public static string NewVerificationCode() => Base64Url(RandomNumberGenerator.GetBytes(18));

    /// <summary>Initials of the event's slug words: china-kazakhstan-rectors-dialogue → CKRD.</summary>
    public static string SerialPrefix(string slug)
    {
        var initials = string.Concat(slug.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsAsciiLetter(w[0]))
            .Select(w => char.ToUpperInvariant(w[0])));
        return initials.Length == 0 ? "EV" : initials[..Math.Min(initials.Length, 5)];
    }

    public static string SerialNumber(string prefix, int year, int sequence) => $"{prefix}-{year}-{sequence:0000}";

    /// <summary>A code as typed or scanned: only base64url characters count.</summary>
    public static bool LooksLikeCode(string? code) =>
        code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
