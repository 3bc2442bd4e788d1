using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The keys that sign cookies and links are stored encrypted when a certificate is configured.</summary>
public sealed class DataProtectionTests
{
    private static string Certificate(string folder, string password, bool privateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=EventManager data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "dataprotection.pfx");
        File.WriteAllBytes(path, privateKey ? certificate.Export(X509ContentType.Pfx, password) : certificate.Export(X509ContentType.Cert));
        return path;
    }

    private static async Task<string> StoredKeyAsync(AppFactory app)
    {
        // A sign-in page carries an antiforgery token: the first key is made and stored.
        using var page = await app.Client().GetAsync("/account/login");
        page.EnsureSuccessStatusCode();
        return await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).SingleAsync());
    }

    [Fact]
    public async Task With_a_certificate_a_copy_of_the_database_does_not_give_the_keys_away()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-keys-").FullName;
        var certificate = Certificate(folder, "test-password");
        string cookie;
        await using (var app = new AppFactory(folder)
            .With("DataProtection:CertificatePath", certificate)
            .With("DataProtection:CertificatePassword", "test-password"))
        {
            var key = await StoredKeyAsync(app);
            Assert.Contains("<encryptedSecret", key);
            Assert.DoesNotContain("<masterKey", key);

            var client = app.Client(followRedirects: false);
            var login = await client.GetPageAsync("/account/login");
            var token = login.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = AppFactory.OrganiserEmail, ["Password"] = AppFactory.OrganiserPassword,
            }));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
            cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EventManager.Auth=", StringComparison.Ordinal)).Split(';')[0];
        }

        // Another instance reads the encrypted key back from the database: the sign-in holds there too.
        await using var second = new AppFactory(folder)
            .With("DataProtection:CertificatePath", certificate)
            .With("DataProtection:CertificatePassword", "test-password");
        var browser = second.Client(followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/organiser/events");
        request.Headers.Add("Cookie", cookie);
        using var page = await browser.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Without_one_the_key_is_stored_as_it_is()
    {
        await using var app = new AppFactory();
        Assert.Contains("<masterKey", await StoredKeyAsync(app));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_used_stops_the_start_with_the_reason()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-keys-").FullName;
        await using var app = new AppFactory()
            .With("DataProtection:CertificatePath", Certificate(folder, "right", privateKey: true))
            .With("DataProtection:CertificatePassword", "wrong");
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("DataProtection:CertificatePath", error.ToString());
    }
}
