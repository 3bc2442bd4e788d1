using System.Net;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// A certificate is a record of what was printed: the verification page shows the facts as issued, an agreement
/// edited afterwards makes the paper out of date until it is reprinted as a new certificate, and a PDF brought back
/// is recognised only when it is the very file printed.
/// </summary>
public sealed class CertificateRecordTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true);
    private HttpClient staff = default!;
    private int ceremonyId;

    public async Task InitializeAsync()
    {
        await app.CreateStaffAsync();
        staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Desk => $"/staff/ceremonies/{ceremonyId}/certificates";

    private async Task<byte[]> PrintAsync(int agreementId)
    {
        using var response = await staff.SubmitFormAsync(Desk, new Dictionary<string, string>(), $"#agreement-{agreementId} form[action$='/certificate']");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<string> CheckFileAsync(byte[] pdf)
    {
        var anonymous = app.Client();
        var form = await anonymous.GetPageAsync("/verify");
        var token = form.QuerySelector("form[action='/verify/file'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(pdf), "file", "certificate.pdf" },
        };
        using var response = await anonymous.PostAsync("/verify/file", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadDocumentAsync()).MainText();
    }

    [Fact]
    public async Task Verification_shows_what_was_printed_and_an_edited_agreement_is_reprinted_as_a_new_certificate()
    {
        var agreement = (await app.WithServiceAsync<CeremonyService, List<Agreement>>(s => s.AgreementsAsync(ceremonyId)))[4];
        // Printed before the ceremony (the demo allows it): the agreement can still be edited.
        var printed = await PrintAsync(agreement.Id);
        var first = await app.WithDbAsync(db => db.Certificates.SingleAsync());
        var anonymous = app.Client();

        // The organisers rename the agreement after the paper was handed out.
        var renamed = await app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.SaveAsync(ceremonyId, agreement.Id,
            new AgreementInput("Agreement on joint doctoral supervision", agreement.Kind, agreement.Round, agreement.Table,
                agreement.Parties.OrderBy(p => p.Order).Select(p => new AgreementPartyInput(p.InstitutionId, p.SignatoryRegistrationId, p.LocalTitle)).ToList())));
        Assert.True(renamed.Succeeded);

        var stillOld = (await anonymous.GetPageAsync($"/verify/{first.VerificationCode}")).MainText();
        Assert.Contains("Issued, not yet signed", stillOld);
        Assert.Contains(agreement.Title.Default, stillOld);
        Assert.DoesNotContain("joint doctoral supervision", stillOld);
        var desk = await staff.GetPageAsync(Desk);
        Assert.Contains("Superseded: the agreement changed after this certificate was printed", desk.QuerySelector($"#agreement-{agreement.Id}")!.TextContent);

        // Reprinting issues a new certificate (no reason asked: it is a first print of new facts).
        var reprinted = await PrintAsync(agreement.Id);
        var second = await app.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id != first.Id));
        Assert.Contains("joint doctoral supervision", PdfTools.Text(reprinted));
        Assert.Contains(second.SerialNumber, PdfTools.Text(reprinted));

        var superseded = (await anonymous.GetPageAsync($"/verify/{first.VerificationCode}")).MainText();
        Assert.Contains("Superseded certificate", superseded);
        Assert.Contains($"replaced by certificate {second.SerialNumber}", superseded);
        Assert.DoesNotContain("Valid certificate", superseded);
        Assert.DoesNotContain("not yet signed", superseded);
        var current = (await anonymous.GetPageAsync($"/verify/{second.VerificationCode}")).MainText();
        Assert.Contains("Issued, not yet signed", current);
        Assert.Contains("Agreement on joint doctoral supervision", current);
        Assert.DoesNotContain("Superseded: the agreement changed", (await staff.GetPageAsync(Desk)).QuerySelector($"#agreement-{agreement.Id}")!.TextContent);

        // The first file brought back is recognised, and said to be superseded; one changed byte is not.
        var recognised = await CheckFileAsync(printed);
        Assert.Contains("This file is exactly as it was issued", recognised);
        Assert.Matches($@"Certificate {first.SerialNumber}\s+— superseded since", recognised);
        var changed = printed.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        Assert.Contains("This file does not match any issued certificate", await CheckFileAsync(changed));
        Assert.Contains($"Certificate {second.SerialNumber}", await CheckFileAsync(reprinted));
    }

    [Fact]
    public async Task A_reprint_of_the_same_facts_keeps_the_certificate_and_records_the_file_of_each_print()
    {
        var agreement = (await app.WithServiceAsync<CeremonyService, List<Agreement>>(s => s.AgreementsAsync(ceremonyId)))[2];
        var first = await PrintAsync(agreement.Id);
        using var again = await staff.SubmitFormAsync(Desk, new Dictionary<string, string> { ["reason"] = "Coffee on the first copy" }, $"#agreement-{agreement.Id} form[action$='/certificate']");
        var second = await again.Content.ReadAsByteArrayAsync();

        var certificate = await app.WithDbAsync(db => db.Certificates.Include(c => c.Prints).SingleAsync());
        Assert.Equal(2, certificate.Prints.Count);
        Assert.All(certificate.Prints, p => Assert.Equal(64, p.PdfSha256?.Length));
        foreach (var file in new[] { first, second })
        {
            Assert.Contains($"Certificate {certificate.SerialNumber}", await CheckFileAsync(file));
        }
    }
}
