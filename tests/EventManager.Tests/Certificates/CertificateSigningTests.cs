using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// With a signing certificate configured, every certificate PDF carries a PAdES signature over the whole file that
/// poppler's pdfsig finds valid; one changed byte and it no longer is. The certificate here is made for the test.
/// </summary>
public sealed class CertificateSigningTests : IAsyncLifetime
{
    private const string Password = "test-only-password";
    private readonly string folder = Directory.CreateTempSubdirectory("signing-").FullName;
    private AppFactory app = default!;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Dialogue Secretariat (test), O=EventManager", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var path = Path.Combine(folder, "signing.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, Password));
        app = new AppFactory(demoSeed: true)
            .With("Certificates:Signing:CertificatePath", path)
            .With("Certificates:Signing:CertificatePassword", Password);
        await app.CreateStaffAsync();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_printed_certificate_is_signed_over_every_byte_and_one_changed_byte_breaks_the_signature()
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
        var agreement = (await app.WithServiceAsync<CeremonyService, List<Agreement>>(s => s.AgreementsAsync(ceremonyId)))[1];
        using var response = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var report = PdfTools.Signatures(pdf);
        Assert.Contains("Signer Certificate Common Name: Dialogue Secretariat (test)", report);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", report);
        Assert.Contains("Total document signed", report);
        Assert.Contains("Signature Validation: Signature is Valid.", report);
        // Still the same certificate to read: text, QR code, a sound file.
        Assert.Contains(agreement.Title.Default, PdfTools.Text(pdf));
        Assert.Single(PdfTools.QrCodes(pdf));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        // The record keeps the hash of the signed file, the one handed out.
        var stored = await app.WithDbAsync(db => db.CertificatePrints.Select(p => p.PdfSha256).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), stored);

        var changed = pdf.ToArray();
        var at = System.Text.Encoding.Latin1.GetString(changed).IndexOf("/Creator (EventManager)", StringComparison.Ordinal) + "/Creator (".Length;
        changed[at] = (byte)'X';
        Assert.DoesNotContain("Signature is Valid.", PdfTools.Signatures(changed));
    }
}
