using System.Net;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The delegate's private hub: everything they get by mail is also there, and only theirs.</summary>
public class DelegateHubTests : IAsyncLifetime
{
    private readonly TestDatabase database;

    public DelegateHubTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected DelegateHubTests(TestDatabase database) => this.database = database;

    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(database: database).With("RateLimits:PublicFormPermits", "1000").With("PublicPageCache:Duration", "00:00:00");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<SendReport> SendMailAsync() => app.WithServiceAsync<MailSender, SendReport>(s => s.SendDueAsync("test"));

    [Fact]
    public async Task The_hub_holds_the_ticket_the_venue_the_agenda_and_every_message_sent()
    {
        var ev = await app.CreateEventAsync("hub", capacity: 10);
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("hub", RegistrationSupport.Delegate("aigerim@hub.example")));
        var id = await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => r.Id).SingleAsync());

        // Before the mail job runs the hub already has the ticket; the message is not listed until it went out.
        var before = await app.Client().GetPageAsync($"/r/{token}");
        Assert.NotNull(before.QuerySelector("#ticket svg"));
        Assert.Empty(before.QuerySelectorAll("#messages li"));
        var links = before.QuerySelectorAll("#hub-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/r/{token}/agenda", links);
        Assert.Contains($"/r/{token}/agenda.ics", links);
        var venue = before.QuerySelector("#venue")!;
        Assert.Contains("Guiyang", venue.TextContent);
        Assert.Equal("geo:0,0?q=Guiyang", venue.QuerySelector("a")!.GetAttribute("href"));

        // The ticket: a PDF whose QR code is the badge's, the staff page that checks this delegate in.
        using var pdfResponse = await app.Client().GetAsync($"/r/{token}/ticket.pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal($"http://localhost/staff/events/{ev.Id}/check-in?id={id}", Assert.Single(PdfTools.QrCodes(pdf)));
        Assert.Contains("АйгерімНұрланқызы", PdfTools.Compact(PdfTools.Text(pdf)));

        await SendMailAsync();
        var after = await app.Client().GetPageAsync($"/r/{token}");
        var listed = Assert.Single(after.QuerySelectorAll("#messages li a"));
        Assert.Equal("Your place at Dialogue hub is confirmed", listed.TextContent.Trim());

        // The message reads as it was sent, with the ticket it carried.
        var message = await app.Client().GetPageAsync(listed.GetAttribute("href")!);
        Assert.Contains($"/r/{token}", message.QuerySelector("#message .message-text")!.TextContent);
        var attachment = Assert.Single(message.QuerySelectorAll("#attachments a"));
        Assert.Equal("ticket.pdf", attachment.TextContent.Trim());
        var attached = await app.Client().GetByteArrayAsync(attachment.GetAttribute("href")!);
        Assert.Equal($"http://localhost/staff/events/{ev.Id}/check-in?id={id}", Assert.Single(PdfTools.QrCodes(attached)));
    }

    [Fact]
    public async Task Nobody_reads_another_delegates_messages_or_ticket_and_a_waiting_delegate_has_no_ticket()
    {
        await app.CreateEventAsync("own", capacity: 1);
        var first = await app.TokenOfAsync(await app.Client().RegisterAsync("own", RegistrationSupport.Delegate("first@own.example")));
        var second = await app.TokenOfAsync(await app.Client().RegisterAsync("own", RegistrationSupport.Delegate("second@own.example")));
        await SendMailAsync();
        var firstMessage = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.RecipientEmail == "first@own.example").Select(m => m.Id).SingleAsync());

        using var foreign = await app.Client().GetAsync($"/r/{second}/messages/{firstMessage}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var own = await app.Client().GetAsync($"/r/{first}/messages/{firstMessage}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("no-store", own.Headers.CacheControl!.ToString());

        // The second waits: told where they stand, no ticket yet, and none by a guessed link.
        var waiting = await app.Client().GetPageAsync($"/r/{second}");
        Assert.Null(waiting.QuerySelector("#ticket"));
        Assert.Equal("You are on the waiting list for Dialogue own", Assert.Single(waiting.QuerySelectorAll("#messages li a")).TextContent.Trim());
        using var noTicket = await app.Client().GetAsync($"/r/{second}/ticket.pdf");
        Assert.Equal(HttpStatusCode.NotFound, noTicket.StatusCode);
        var sent = await app.WithDbAsync(db => db.OutgoingMessages.Include(m => m.Attachments).SingleAsync(m => m.RecipientEmail == "second@own.example"));
        Assert.Empty(sent.Attachments);
    }

    [Fact]
    public async Task A_language_chosen_by_a_link_holds_on_the_pages_opened_from_there()
    {
        await app.CreateEventAsync("lang", capacity: 10, languages: "en,kk");
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("lang", RegistrationSupport.Delegate("kk@lang.example")));
        var client = app.Client();

        var hub = await client.GetPageAsync($"/r/{token}?lang=kk-KZ");
        Assert.Equal("kk", hub.DocumentElement.GetAttribute("lang")![..2]);
        // One tap on the event's name, then the agenda, then back to the hub: no ?lang= on any of them.
        var eventPage = await client.GetPageAsync(hub.QuerySelector("main .kind a")!.GetAttribute("href")!);
        Assert.StartsWith("kk", eventPage.DocumentElement.GetAttribute("lang"));
        var agenda = await client.GetPageAsync($"/r/{token}/agenda");
        Assert.StartsWith("kk", agenda.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("kk", (await client.GetPageAsync($"/r/{token}")).DocumentElement.GetAttribute("lang"));

        // Another choice replaces it; a stranger's browser is not affected.
        Assert.StartsWith("ru", (await client.GetPageAsync($"/events/lang?lang=ru")).DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("ru", (await client.GetPageAsync($"/r/{token}")).DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("en", (await app.Client().GetPageAsync("/events/lang")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_full_event_says_so_before_anyone_types()
    {
        await app.CreateEventAsync("full", capacity: 1);
        var open = await app.Client().GetPageAsync("/events/full/register");
        Assert.Null(open.QuerySelector("#full-notice"));
        (await app.Client().RegisterAsync("full", RegistrationSupport.Delegate("one@full.example"))).Dispose();

        var eventPage = await app.Client().GetPageAsync("/events/full");
        Assert.Contains("waiting list", eventPage.QuerySelector("#full-notice")!.TextContent);
        Assert.Equal("Join the waiting list", eventPage.QuerySelector("a[href='/events/full/register']")!.TextContent.Trim());
        var form = await app.Client().GetPageAsync("/events/full/register");
        Assert.Contains("you join the waiting list", form.QuerySelector("#full-notice")!.TextContent);
    }

    [Theory]
    [InlineData("kk", "Сәтбаев университеті")]
    [InlineData("ru", "Университет Сатпаева")]
    [InlineData("zh", "萨特巴耶夫大学")]
    [InlineData("en", "Satbayev University")]
    public async Task An_institution_reads_in_the_readers_language_its_own_name_for_its_own_language_and_english_otherwise(string language, string expected)
    {
        await app.CreateEventAsync("names", capacity: 10);
        var satbayev = await app.AddInstitutionAsync("Satbayev University", "Сәтбаев университеті", "KZ");
        var saved = await app.WithServiceAsync<Core.Institutions.InstitutionService, bool>(async s => (await s.SaveAsync(satbayev, new Core.Institutions.InstitutionInput(
            "Satbayev University", "Сәтбаев университеті", "KZ", "Almaty", Core.Common.LocalText.From(("ru", "Университет Сатпаева"), ("zh", "萨特巴耶夫大学"))))).Succeeded);
        Assert.True(saved);
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("names", RegistrationSupport.Delegate("names@satbayev.example", satbayev)));

        var reader = app.Client();
        reader.DefaultRequestHeaders.Add("Accept-Language", language);
        var hub = await reader.GetPageAsync($"/r/{token}");
        Assert.Equal(expected, hub.QuerySelector("#institution")!.TextContent.Trim());
        var form = await reader.GetPageAsync("/events/names/register");
        Assert.StartsWith(expected, form.QuerySelector($"#InstitutionId option[value='{satbayev}']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Without_a_pass_certificate_no_wallet_pass_is_offered()
    {
        await app.CreateEventAsync("nowallet", capacity: 10);
        var token = await app.TokenOfAsync(await app.Client().RegisterAsync("nowallet", RegistrationSupport.Delegate("a@nowallet.example")));
        Assert.Null((await app.Client().GetPageAsync($"/r/{token}")).QuerySelector("#wallet-pass"));
        using var pass = await app.Client().GetAsync($"/r/{token}/ticket.pkpass");
        Assert.Equal(HttpStatusCode.NotFound, pass.StatusCode);
    }

    [Fact]
    public async Task With_a_pass_certificate_the_ticket_is_a_signed_wallet_pass_holding_the_check_in_code()
    {
        // A pass certificate issued by an intermediate, as Apple's are (here made up for the test).
        var folder = Directory.CreateTempSubdirectory("wallet-");
        using var caKey = System.Security.Cryptography.RSA.Create(2048);
        var caRequest = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Test WWDR", caKey, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var passKey = System.Security.Cryptography.RSA.Create(2048);
        var passRequest = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Pass Type ID: pass.edu.example.dialogue", passKey, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var issued = passRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), [1, 2, 3, 4]);
        using var withKey = System.Security.Cryptography.X509Certificates.RSACertificateExtensions.CopyWithPrivateKey(issued, passKey);
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "pass.pfx"), withKey.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret"));
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "wwdr.cer"), ca.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        await using var walletApp = new AppFactory(database: database)
            .With("Wallet:PassCertificatePath", Path.Combine(folder.FullName, "pass.pfx")).With("Wallet:PassCertificatePassword", "secret")
            .With("Wallet:IntermediateCertificatePath", Path.Combine(folder.FullName, "wwdr.cer"))
            .With("Wallet:PassTypeIdentifier", "pass.edu.example.dialogue").With("Wallet:TeamIdentifier", "ABCDE12345");
        var ev = await walletApp.CreateEventAsync("wallet", capacity: 10);
        var token = await walletApp.TokenOfAsync(await walletApp.Client().RegisterAsync("wallet", RegistrationSupport.Delegate("a@wallet.example")));
        var id = await walletApp.WithDbAsync(db => db.Registrations.Select(r => r.Id).SingleAsync());

        var hub = await walletApp.Client().GetPageAsync($"/r/{token}");
        using var response = await walletApp.Client().GetAsync(hub.QuerySelector("#wallet-pass")!.GetAttribute("href")!);
        Assert.Equal("application/vnd.apple.pkpass", response.Content.Headers.ContentType!.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        byte[] Read(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        // Every file is in the manifest with its SHA-1, and the manifest is signed by the pass certificate.
        var manifest = System.Text.Json.JsonDocument.Parse(Read("manifest.json")).RootElement;
        Assert.Equal(["icon.png", "icon@2x.png", "pass.json"], manifest.EnumerateObject().Select(p => p.Name).Order());
        Assert.All(manifest.EnumerateObject(), p => Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Read(p.Name))), p.Value.GetString()));
        var signature = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo(Read("manifest.json")), detached: true);
        signature.Decode(Read("signature"));
        signature.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(issued.Thumbprint, signature.SignerInfos[0].Certificate!.Thumbprint);
        Assert.Contains(signature.Certificates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(), c => c.Thumbprint == ca.Thumbprint);

        // The pass: the delegate, and the badge's check-in code; never the private link.
        var passJson = System.Text.Encoding.UTF8.GetString(Read("pass.json"));
        var pass = System.Text.Json.JsonDocument.Parse(passJson).RootElement;
        Assert.Equal(("pass.edu.example.dialogue", "ABCDE12345"), (pass.GetProperty("passTypeIdentifier").GetString(), pass.GetProperty("teamIdentifier").GetString()));
        Assert.Equal($"http://localhost/staff/events/{ev.Id}/check-in?id={id}", pass.GetProperty("barcodes")[0].GetProperty("message").GetString());
        Assert.Contains("Айгерім Нұрланқызы", passJson);
        Assert.DoesNotContain(token, passJson);
    }
}

public sealed class DelegateHubTestsOnPostgreSql() : DelegateHubTests(TestDatabase.PostgreSql);
