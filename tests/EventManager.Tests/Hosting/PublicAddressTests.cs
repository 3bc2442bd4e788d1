using System.Net;
using EventManager.Core.Ceremonies;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Every link the app writes comes from App:PublicBaseUrl, whatever Host or X-Forwarded-Host a request names.</summary>
public sealed class PublicAddressTests
{
    private const string Forged = "evil.example";
    private const string Public = "https://events.example.org";

    /// <summary>A client whose every request names the attacker's host, as a forged request would.</summary>
    private static HttpClient Forging(AppFactory app)
    {
        var client = app.Client();
        // https, as the proxy in front of an https public address forwards it (plain http would be redirected).
        client.BaseAddress = new Uri("https://localhost/");
        client.DefaultRequestHeaders.Host = Forged;
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", Forged);
        return client;
    }

    [Fact]
    public async Task Links_in_messages_and_on_certificates_use_the_configured_address_even_when_every_request_forges_its_host()
    {
        // AllowedHosts "*" lets the forged Host through to the app: what is tested here is where links come from.
        await using var app = new AppFactory(demoSeed: true).With("App:PublicBaseUrl", Public).With("AllowedHosts", "*")
            .With("RateLimits:PublicFormPermits", "1000");
        await app.CreateStaffAsync();
        var ev = await app.CreateEventAsync("forged-host", approval: true);

        // Every form that queues a message: forgot-password, registration, a decision, an invitation, a resent invitation.
        using (await Forging(app).SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = AppFactory.OrganiserEmail }))
        {
        }

        using (var registered = await Forging(app).RegisterAsync("forged-host", RegistrationSupport.Delegate("delegate@satbayev.example")))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var organiser = Forging(app);
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var registration = (await app.RegistrationsAsync(ev.Id)).Single();
        using (await organiser.SubmitFormAsync($"/organiser/events/{ev.Id}/registrations", new Dictionary<string, string> { ["ids"] = registration.Id.ToString() }, "#bulk"))
        {
        }

        using (await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string> { ["Email"] = "colleague@example.org", ["Role"] = Roles.Staff }, "form[action='/organiser/team/invite']"))
        {
        }

        var invited = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "colleague@example.org"));
        using (await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), $"tr[data-email='colleague@example.org'] form[action$='/resend']"))
        {
        }

        await app.PasswordLinksHandledAsync();
        var messages = await app.WithDbAsync(db => db.OutgoingMessages.ToListAsync());
        Assert.Contains(messages, m => m.RecipientEmail == AppFactory.OrganiserEmail && m.TextBody.Contains($"{Public}/account/set-password?"));
        Assert.Contains(messages, m => m.RecipientEmail == "delegate@satbayev.example" && m.TextBody.Contains($"{Public}/r/"));
        Assert.Equal(2, messages.Count(m => m.RecipientEmail == "colleague@example.org" && m.TextBody.Contains($"{Public}/account/set-password?user={invited.Id}")));
        Assert.All(messages, m => Assert.DoesNotContain(Forged, m.TextBody + m.HtmlBody));

        // The certificate's QR code and printed address.
        var staff = Forging(app);
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == Core.Agenda.SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
        var agreement = await app.WithDbAsync(db => db.Agreements.Where(a => a.SessionId == ceremonyId && a.Status == AgreementStatus.Ready).OrderBy(a => a.Position).FirstAsync());
        using var print = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
        Assert.Equal("application/pdf", print.Content.Headers.ContentType?.MediaType);
        Assert.True(print.Headers.CacheControl?.NoStore, "a certificate names its signatories: no cache keeps it");
        var pdf = await print.Content.ReadAsByteArrayAsync();
        var code = await app.WithDbAsync(db => db.Certificates.Select(c => c.VerificationCode).SingleAsync());
        Assert.Equal([$"{Public}/verify/{code}"], PdfTools.QrCodes(pdf));
        Assert.DoesNotContain(Forged, PdfTools.Text(pdf));
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused_when_AllowedHosts_follows_the_public_address()
    {
        await using var app = new AppFactory().With("App:PublicBaseUrl", Public);
        using var forged = await Forging(app).GetAsync("/account/forgot-password");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var client = app.Client();
        client.DefaultRequestHeaders.Host = "events.example.org";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/forgot-password")).StatusCode);
        // Health checks on the machine itself still answer.
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("events.example.org")]
    [InlineData("ftp://events.example.org")]
    [InlineData("https://events.example.org/?a=b")]
    public void The_app_does_not_start_outside_development_without_a_usable_public_address(string value)
    {
        using var app = new AppFactory().With("App:PublicBaseUrl", value);
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("App:PublicBaseUrl", Flatten(error));
    }

    internal static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
