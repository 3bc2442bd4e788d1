using System.Net;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>
/// A certificate says "signed" only of a signed agreement: ready agreements print only where the organisers allow
/// printing before the ceremony, worded "to be signed at …" and verified as not yet signed until marked signed, on
/// the ceremony's day.
/// </summary>
public sealed class SignedMeansSignedTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true, clock: new FakeTimeProvider(DateTimeOffset.UtcNow));
    private HttpClient staff = default!;
    private HttpClient organiser = default!;
    private Session ceremony = default!;

    public async Task InitializeAsync()
    {
        await app.CreateStaffAsync();
        staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        ceremony = await app.WithDbAsync(db => db.Sessions.SingleAsync(s => s.Kind == SessionKind.SigningCeremony));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Desk => $"/staff/ceremonies/{ceremony.Id}/certificates";

    private Task<List<Agreement>> AgreementsAsync() =>
        app.WithServiceAsync<CeremonyService, List<Agreement>>(s => s.AgreementsAsync(ceremony.Id));

    /// <summary>The clock goes to the ceremony (sign-ins expire on the way: staff sign in again).</summary>
    private async Task ToCeremonyDayAsync()
    {
        app.Clock!.SetUtcNow(new DateTimeOffset(ceremony.StartsAtUtc.AddMinutes(40), TimeSpan.Zero));
        staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
    }

    private Task<Core.Common.DomainResult<Agreement>> SignAsync(int agreementId, DateTime? atUtc) =>
        app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.MarkSignedAsync(agreementId, atUtc));

    [Fact]
    public async Task Printed_before_the_ceremony_it_reads_to_be_signed_and_verifies_as_signed_once_marked_on_the_day()
    {
        var agreement = (await AgreementsAsync())[0];
        Assert.Equal(AgreementStatus.Ready, agreement.Status);
        using var printed = await staff.SubmitFormAsync(Desk, new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
        var text = PdfTools.Text(await printed.Content.ReadAsByteArrayAsync());
        Assert.Contains("To be signed at", text);
        Assert.DoesNotContain("Signed at", text.Replace("To be signed at", ""));
        var certificate = await app.WithDbAsync(db => db.Certificates.SingleAsync());
        var anonymous = app.Client();
        var before = (await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode}")).MainText();
        Assert.Contains("Issued, not yet signed", before);
        Assert.DoesNotContain("Valid certificate", before);

        // A moment a month before the ceremony, or the day before, is refused; a moment of the ceremony's day is taken.
        await ToCeremonyDayAsync();
        foreach (var wrong in new[] { ceremony.StartsAtUtc.AddDays(-30), ceremony.StartsAtUtc.AddDays(-1) })
        {
            var refused = await SignAsync(agreement.Id, wrong);
            Assert.False(refused.Succeeded);
            Assert.Contains("signed on the day of its ceremony", refused.Errors[0].Message);
        }

        Assert.True((await SignAsync(agreement.Id, null)).Succeeded);

        var after = (await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode}")).MainText();
        Assert.Contains("Valid certificate", after);
        // Marking it signed changes nothing the paper says: the same certificate stays current.
        Assert.DoesNotContain("Superseded", (await staff.GetPageAsync(Desk)).QuerySelector($"#agreement-{agreement.Id}")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Certificates.CountAsync()));
    }

    [Fact]
    public async Task Without_the_organisers_leave_only_signed_agreements_print()
    {
        var page = await organiser.GetPageAsync($"/organiser/ceremonies/{ceremony.Id}");
        Assert.Contains("may be printed before the ceremony", page.MainText());
        using (var toggled = await organiser.SubmitFormAsync($"/organiser/ceremonies/{ceremony.Id}", new Dictionary<string, string>(), "form[action$='/certificates-before-signing']"))
        {
            Assert.Contains("Certificates are now printed only for signed agreements.", (await toggled.ReadDocumentAsync()).MainText());
        }

        var agreements = await AgreementsAsync();
        var desk = await staff.GetPageAsync(Desk);
        Assert.Null(desk.QuerySelector($"#agreement-{agreements[0].Id} form[action$='/certificate']"));
        var token = desk.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await staff.PostAsync($"/staff/agreements/{agreements[0].Id}/certificate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("is not signed yet", (await forged.ReadDocumentAsync()).MainText());
        Assert.Equal(0, await app.WithDbAsync(db => db.Certificates.CountAsync()));

        // And back: the switch works both ways.
        using (var again = await organiser.SubmitFormAsync($"/organiser/ceremonies/{ceremony.Id}", new Dictionary<string, string>(), "form[action$='/certificates-before-signing']"))
        {
            Assert.Contains("may now be printed before the ceremony", (await again.ReadDocumentAsync()).MainText());
        }

        Assert.True(await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremony.Id).Select(s => s.CertificatesBeforeSigning).SingleAsync()));
        using (var off = await organiser.SubmitFormAsync($"/organiser/ceremonies/{ceremony.Id}", new Dictionary<string, string>(), "form[action$='/certificates-before-signing']"))
        {
            Assert.Contains("only for signed agreements", (await off.ReadDocumentAsync()).MainText());
        }

        await ToCeremonyDayAsync();
        Assert.True((await SignAsync(agreements[0].Id, null)).Succeeded);
        using var signed = await staff.SubmitFormAsync(Desk, new Dictionary<string, string>(), $"#agreement-{agreements[0].Id} form[action$='/certificate']");
        var text = PdfTools.Text(await signed.Content.ReadAsByteArrayAsync());
        Assert.Contains("Signed at", text);
        Assert.DoesNotContain("To be signed", text);
    }
}
