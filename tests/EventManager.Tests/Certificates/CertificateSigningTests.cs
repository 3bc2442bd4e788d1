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

    [Fact]
    public async Task A_signed_ceremony_batch_hangs_its_signature_on_the_first_page_not_on_a_page_tree_node()
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
        using var response = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), "form.print-all");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);

        using var json = PdfTools.QpdfJson(pdf, "pages", "acroform");
        var pages = json.RootElement.GetProperty("pages").EnumerateArray().ToList();
        // More than 8 pages: Skia's page tree has intermediate /Pages nodes.
        Assert.True(pages.Count > 8, $"{pages.Count} pages");
        var field = Assert.Single(json.RootElement.GetProperty("acroform").GetProperty("fields").EnumerateArray());
        // qpdf finds the widget in the first page's /Annots.
        Assert.Equal(1, field.GetProperty("pageposfrom1").GetInt32());
        var widget = PdfTools.QpdfObject(pdf, field.GetProperty("object").GetString()!);
        var firstPage = pages[0].GetProperty("object").GetString()!;
        Assert.Contains($"/P {firstPage}", widget);
        Assert.Contains("/Type /Page", PdfTools.QpdfObject(pdf, firstPage));
        Assert.DoesNotContain("/Type /Pages", PdfTools.QpdfObject(pdf, firstPage));
        Assert.Contains("Signature Validation: Signature is Valid.", PdfTools.Signatures(pdf));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
    }

    [Fact]
    public void A_pdf_with_its_own_form_and_annotations_keeps_them_and_gains_the_signature_field()
    {
        // A one-page PDF with a link annotation (its /Annots an object of its own) and a form with another field.
        var pdf = MinimalPdf("<</Type /Catalog /Pages 2 0 R /AcroForm 5 0 R>>", "<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots 4 0 R>>");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var signed = new EventManager.Core.Certificates.PdfSigner(certificate).Sign(pdf, DateTime.UtcNow);
        Assert.Equal(0, PdfTools.QpdfCheck(signed).ExitCode);
        using var json = PdfTools.QpdfJson(signed, "acroform");
        var fields = json.RootElement.GetProperty("acroform").GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(2, fields.Count);
        Assert.All(fields, f => Assert.Equal(1, f.GetProperty("pageposfrom1").GetInt32()));
        Assert.Contains("/SigFlags 3", PdfTools.QpdfObject(signed, "5 0 R"));
        Assert.Contains("Signature is Valid.", PdfTools.Signatures(signed));

        // A cross-reference stream is refused with a clear error, not a broken file.
        var modern = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(pdf).Replace("startxref\n", "startxref\n1").Replace("trailer", "trailor"));
        var refused = Assert.Throws<InvalidOperationException>(() => new EventManager.Core.Certificates.PdfSigner(certificate).Sign(modern, DateTime.UtcNow));
        Assert.Contains("cross-reference stream", refused.Message);
    }

    /// <summary>A classic one-page PDF: catalog, pages, page, an annotation array, a form with a text field, its widget.</summary>
    private static byte[] MinimalPdf(string catalog, string page)
    {
        var objects = new[]
        {
            catalog,
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            page,
            "[6 0 R]",
            "<</Fields [6 0 R]>>",
            "<</Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [10 10 100 30] /P 3 0 R>>",
        };
        var text = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = text.Length;
        text.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append($"{offset:D10} 00000 n \n");
        }

        text.Append($"trailer\n<</Size {objects.Length + 1} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.Latin1.GetBytes(text.ToString());
    }
}
