using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace EventManager.Core.Certificates;

/// <summary>
/// Signs a certificate PDF (PAdES baseline B-B): an incremental update appends an invisible signature field whose
/// signature dictionary holds a detached CMS (CAdES) signature over every byte of the file but the signature itself,
/// with the signer's certificate and its ESS signing-certificate-v2 attribute. The CMS part is .NET's own
/// <see cref="SignedCms"/>; the PDF objects are written here, because the documents are Skia's (one page or many, a
/// classic cross-reference table) and a whole PDF library would be needed only to add four objects.
/// </summary>
public sealed partial class PdfSigner(X509Certificate2 certificate)
{
    /// <summary>Room for the CMS signature, hex-encoded: an RSA-4096 signature and a certificate chain fit well.</summary>
    private const int SignatureBytes = 12 * 1024;

    public X509Certificate2 Certificate { get; } = certificate.HasPrivateKey
        ? certificate
        : throw new ArgumentException("The signing certificate has no private key.", nameof(certificate));

    public byte[] Sign(byte[] pdf, DateTime signedAtUtc)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var startXrefs = StartXref().Matches(text);
        var previousXref = startXrefs.Count > 0 ? int.Parse(startXrefs[^1].Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        var trailers = TrailerDictionary().Matches(text);
        if (previousXref < 0 || previousXref >= text.Length || !text.AsSpan(previousXref).StartsWith("xref") || trailers.Count == 0)
        {
            // PDF 1.5 cross-reference streams (and object streams) would need a parser this class does not have.
            throw new InvalidOperationException("The PDF uses a cross-reference stream; only PDFs with a classic cross-reference table can be signed here.");
        }

        var trailer = trailers[^1].Groups[1].Value;
        var size = Number(trailer, "Size");
        var root = Number(trailer, "Root");
        var info = Info().Match(trailer) is { Success: true } i ? $" /Info {i.Groups[1].Value} 0 R" : "";
        var catalog = ObjectBody(text, root);
        // The page tree may be several levels deep (Skia gives each /Pages node at most 8 kids): down its first
        // branch to the first real /Page, never an intermediate /Pages node.
        var firstPage = Number(catalog, "Pages");
        for (var depth = 0; PagesType().IsMatch(ObjectBody(text, firstPage)); depth++)
        {
            if (depth > 64)
            {
                throw new InvalidOperationException("The PDF's page tree is too deep or loops.");
            }

            firstPage = int.Parse(Kids().Match(ObjectBody(text, firstPage)).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var page = ObjectBody(text, firstPage);
        if (!PageType().IsMatch(page))
        {
            throw new InvalidOperationException($"Object {firstPage} is not a page.");
        }

        var signature = size;
        var field = size + 1;
        var output = new StringBuilder(text);
        if (!text.EndsWith('\n'))
        {
            output.Append('\n');
        }

        var offsets = new SortedDictionary<int, int>();
        void Object(int number, string body)
        {
            offsets[number] = output.Length;
            output.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        var placeholderRange = "/ByteRange [0 0000000000 0000000000 0000000000]";
        Object(signature, $"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached {placeholderRange} /Contents <{new string('0', SignatureBytes * 2)}> /M ({PdfDate(signedAtUtc)})>>");
        Object(field, $"<</Type /Annot /Subtype /Widget /FT /Sig /F 132 /Rect [0 0 0 0] /T (Certificate signature) /V {signature} 0 R /P {firstPage} 0 R>>");
        // The field joins the document's form and the page's annotations as they are, whether they are written in
        // place or as objects of their own.
        var fieldRef = $"{field} 0 R";
        if (IndirectEntry("AcroForm").Match(catalog) is { Success: true } formRef)
        {
            var number = int.Parse(formRef.Groups[1].Value, CultureInfo.InvariantCulture);
            Object(number, WithSigFlags(WithInArray(ObjectBody(text, number), "Fields", fieldRef)));
            Object(root, catalog);
        }
        else if (catalog.Contains("/AcroForm", StringComparison.Ordinal))
        {
            var at = catalog.IndexOf("/AcroForm", StringComparison.Ordinal);
            var start = catalog.IndexOf("<<", at, StringComparison.Ordinal);
            var end = MatchingClose(catalog, start);
            var form = WithSigFlags(WithInArray(catalog[start..end], "Fields", fieldRef));
            Object(root, catalog[..start] + form + catalog[end..]);
        }
        else
        {
            Object(root, Close(catalog, $"/AcroForm <</Fields [{fieldRef}] /SigFlags 3>>"));
        }

        if (IndirectEntry("Annots").Match(page) is { Success: true } annotsRef)
        {
            var number = int.Parse(annotsRef.Groups[1].Value, CultureInfo.InvariantCulture);
            var array = ArrayBody(text, number);
            Object(number, array[..^1].TrimEnd() + $" {fieldRef}]");
            Object(firstPage, page);
        }
        else
        {
            Object(firstPage, WithInArray(page, "Annots", fieldRef));
        }

        var xref = output.Length;
        output.Append("xref\n0 1\n0000000000 65535 f \n");
        foreach (var (number, offset) in offsets)
        {
            output.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }

        output.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size + 2} /Root {root} 0 R{info} /Prev {previousXref}>>\nstartxref\n{xref}\n%%EOF\n");

        var bytes = Encoding.Latin1.GetBytes(output.ToString());
        var contentsStart = offsets[signature] + output.ToString(offsets[signature], output.Length - offsets[signature]).IndexOf("/Contents <", StringComparison.Ordinal) + "/Contents ".Length;
        var contentsEnd = contentsStart + SignatureBytes * 2 + 2;
        var range = $"/ByteRange [0 {contentsStart:D10} {contentsEnd:D10} {bytes.Length - contentsEnd:D10}]";
        var rangeAt = offsets[signature] + output.ToString(offsets[signature], 200).IndexOf(placeholderRange, StringComparison.Ordinal);
        Encoding.Latin1.GetBytes(range).CopyTo(bytes, rangeAt);

        var signed = new byte[contentsStart + (bytes.Length - contentsEnd)];
        Buffer.BlockCopy(bytes, 0, signed, 0, contentsStart);
        Buffer.BlockCopy(bytes, contentsEnd, signed, contentsStart, bytes.Length - contentsEnd);
        var cms = Cms(signed);
        if (cms.Length > SignatureBytes)
        {
            throw new InvalidOperationException($"The signature is {cms.Length} bytes; only {SignatureBytes} were reserved.");
        }

        Encoding.Latin1.GetBytes(Convert.ToHexString(cms)).CopyTo(bytes, contentsStart + 1);
        return bytes;
    }

    private byte[] Cms(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), SigningCertificateV2()));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate, which PAdES requires.</summary>
    private byte[] SigningCertificateV2()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(Certificate.RawData));
        }

        return writer.Encode();
    }

    private static string PdfDate(DateTime utc) => utc.ToString("'D:'yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    private static int Number(string dictionary, string key) =>
        int.Parse(Regex.Match(dictionary, $@"/{key}\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    private static string ObjectBody(string pdf, int number)
    {
        var match = Regex.Matches(pdf, $@"(?:^|\n){number} 0 obj\s*(<<.*?>>)\s*endobj", RegexOptions.Singleline);
        return match.Count > 0 ? match[^1].Groups[1].Value : throw new InvalidOperationException($"Object {number} was not found in the PDF.");
    }

    /// <summary>The dictionary with a reference added to its array entry (made if absent): "/Fields [1 0 R 7 0 R]".</summary>
    private static string WithInArray(string dictionary, string key, string reference)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s*\[([^\]]*)\]");
        return match.Success
            ? dictionary[..match.Index] + $"/{key} [{match.Groups[1].Value.Trim()} {reference}]".Replace("[ ", "[", StringComparison.Ordinal) + dictionary[(match.Index + match.Length)..]
            : Close(dictionary, $"/{key} [{reference}]");
    }

    /// <summary>A form that holds a signature says so (/SigFlags 3), replacing what it said before.</summary>
    private static string WithSigFlags(string form)
    {
        var match = Regex.Match(form, @"/SigFlags\s+\d+");
        return match.Success ? form[..match.Index] + "/SigFlags 3" + form[(match.Index + match.Length)..] : Close(form, "/SigFlags 3");
    }

    /// <summary>The index just after the "&gt;&gt;" that closes the dictionary opening at <paramref name="start"/>.</summary>
    private static int MatchingClose(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && text[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (text[i] == '>' && text[i + 1] == '>')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
        }

        throw new InvalidOperationException("A dictionary in the PDF is not closed.");
    }

    private static string ArrayBody(string pdf, int number)
    {
        var match = Regex.Matches(pdf, $@"(?:^|\n){number} 0 obj\s*(\[.*?\])\s*endobj", RegexOptions.Singleline);
        return match.Count > 0 ? match[^1].Groups[1].Value : throw new InvalidOperationException($"Array object {number} was not found in the PDF.");
    }

    private static Regex IndirectEntry(string key) => new($@"/{key}\s+(\d+)\s+0\s+R");

    [GeneratedRegex(@"/Type\s*/Pages\b")]
    private static partial Regex PagesType();

    [GeneratedRegex(@"/Type\s*/Page\b")]
    private static partial Regex PageType();

    /// <summary>A dictionary with one more entry before its closing brackets.</summary>
    private static string Close(string dictionary, string entry) => dictionary[..^2] + "\n" + entry + ">>";

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"trailer\s*(<<.*?>>)\s*startxref", RegexOptions.Singleline)]
    private static partial Regex TrailerDictionary();

    [GeneratedRegex(@"/Info\s+(\d+)")]
    private static partial Regex Info();

    [GeneratedRegex(@"/Kids\s*\[\s*(\d+)")]
    private static partial Regex Kids();
}
