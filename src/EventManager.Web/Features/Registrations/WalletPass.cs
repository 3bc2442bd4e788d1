using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using EventManager.Core.Registrations;
using EventManager.Web.Configuration;
using EventManager.Web.Infrastructure;
using SkiaSharp;

namespace EventManager.Web.Features.Registrations;

/// <summary>
/// Apple Wallet passes for tickets. A pass is signed with a Pass Type ID certificate that only a paid Apple developer
/// account issues: without one configured, no pass is offered (the PDF ticket and the QR code work at the door).
/// </summary>
public sealed class WalletSettings
{
    public const string Section = "Wallet";

    /// <summary>A PKCS#12 (.pfx) file with the Pass Type ID certificate and its private key; empty offers no pass.</summary>
    public string PassCertificatePath { get; set; } = "";

    public string PassCertificatePassword { get; set; } = "";

    /// <summary>Apple's WWDR intermediate certificate (.cer, DER or PEM), sent with every signature as Wallet requires.</summary>
    public string IntermediateCertificatePath { get; set; } = "";

    /// <summary>"pass.edu.example.dialogue", as registered with Apple for the certificate.</summary>
    public string PassTypeIdentifier { get; set; } = "";

    /// <summary>The Apple developer team's identifier, as in the certificate.</summary>
    public string TeamIdentifier { get; set; } = "";

    /// <summary>Who issues the pass, as Wallet shows it ("Guizhou University").</summary>
    public string OrganizationName { get; set; } = "EventManager";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PassCertificatePath);
}

/// <summary>
/// Writes a ticket as a .pkpass: pass.json (the delegate, the event, its dates, the check-in QR code), icons, a
/// manifest of SHA-1 hashes, and a detached PKCS#7 signature of the manifest by the pass certificate with the WWDR
/// intermediate, as Apple's PassKit format asks.
/// </summary>
public sealed class WalletPasses
{
    private readonly WalletSettings settings;
    private readonly TimeProvider time;
    private readonly X509Certificate2? certificate;
    private readonly X509Certificate2? intermediate;

    public WalletPasses(WalletSettings settings, TimeProvider time)
    {
        this.settings = settings;
        this.time = time;
        if (!settings.IsConfigured)
        {
            return;
        }

        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.PassCertificatePath, settings.PassCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            intermediate = string.IsNullOrWhiteSpace(settings.IntermediateCertificatePath) ? null : X509CertificateLoader.LoadCertificateFromFile(settings.IntermediateCertificatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new SettingsException($"Wallet:PassCertificatePath {settings.PassCertificatePath} could not be read: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new SettingsException($"Wallet:PassCertificatePath {settings.PassCertificatePath} has no private key: it cannot sign passes.");
        }

        if (string.IsNullOrWhiteSpace(settings.PassTypeIdentifier) || string.IsNullOrWhiteSpace(settings.TeamIdentifier))
        {
            throw new SettingsException("Wallet:PassTypeIdentifier and Wallet:TeamIdentifier are needed with a pass certificate.");
        }
    }

    /// <summary>Names in every script as characters, not \u escapes: the file is UTF-8.</summary>
    private static readonly JsonSerializerOptions PassJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public bool Enabled => certificate is not null;

    /// <param name="registration">Confirmed, with its event and institution loaded.</param>
    public byte[] Create(Registration registration, string checkInUrl, string when, string institution)
    {
        if (certificate is null)
        {
            throw new InvalidOperationException("No pass certificate is configured.");
        }

        var ev = registration.Event!;
        var pass = new
        {
            formatVersion = 1,
            passTypeIdentifier = settings.PassTypeIdentifier,
            // Names the ticket without giving away its private link.
            serialNumber = $"{ev.Id}-{registration.Id}",
            teamIdentifier = settings.TeamIdentifier,
            organizationName = settings.OrganizationName,
            description = ev.Name.ToString(),
            relevantDate = Display.Iso(ev.StartsAtUtc),
            foregroundColor = "rgb(255, 255, 255)",
            backgroundColor = "rgb(9, 105, 218)",
            labelColor = "rgb(220, 235, 255)",
            eventTicket = new
            {
                primaryFields = new[] { new { key = "name", label = "", value = Core.Common.DisplayName.Of(registration.LatinName, registration.NativeName) } },
                secondaryFields = new[] { new { key = "event", label = "", value = ev.Name.ToString() } },
                auxiliaryFields = new[] { new { key = "when", label = "", value = when }, new { key = "institution", label = "", value = institution } },
            },
            barcodes = new[] { new { format = "PKBarcodeFormatQR", message = checkInUrl, messageEncoding = "iso-8859-1" } },
        };
        var files = new Dictionary<string, byte[]>
        {
            ["pass.json"] = JsonSerializer.SerializeToUtf8Bytes(pass, PassJson),
            ["icon.png"] = Icon(29),
            ["icon@2x.png"] = Icon(58),
        };
        var manifest = JsonSerializer.SerializeToUtf8Bytes(files.ToDictionary(f => f.Key, f => Convert.ToHexStringLower(SHA1.HashData(f.Value))));
        files["manifest.json"] = manifest;
        files["signature"] = Sign(manifest);

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return output.ToArray();
    }

    private byte[] Sign(byte[] manifest)
    {
        var cms = new SignedCms(new ContentInfo(manifest), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate!)
        {
            DigestAlgorithm = new System.Security.Cryptography.Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        if (intermediate is not null)
        {
            signer.Certificates.Add(intermediate);
        }

        signer.SignedAttributes.Add(new Pkcs9SigningTime(time.GetUtcNow().UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>A plain square in the pass's colour: Wallet requires an icon.</summary>
    private static byte[] Icon(int size)
    {
        using var bitmap = new SKBitmap(size, size);
        bitmap.Erase(new SKColor(9, 105, 218));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
