using System.Net;
using System.Text.RegularExpressions;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The demo's group signing ceremony (24 agreements between Chinese and Kazakh universities):
/// the ceremony rules, the print log, revocation and the public verification page.
/// </summary>
public sealed class CeremonyTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true);
    private HttpClient organiser = default!;
    private HttpClient staff = default!;
    private int ceremonyId;

    public async Task InitializeAsync()
    {
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await app.CreateStaffAsync();
        staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<List<Agreement>> AgreementsAsync() =>
        app.WithServiceAsync<CeremonyService, List<Agreement>>(s => s.AgreementsAsync(ceremonyId));

    private Task<List<Registration>> RegistrationsAsync() =>
        app.WithDbAsync(db => db.Registrations.Include(r => r.Institution).Where(r => r.InstitutionId != null).OrderBy(r => r.Id).ToListAsync());

    private Task<Core.Common.DomainResult<Agreement>> SaveAsync(int round, int table, params (int Institution, int Signatory)[] parties) =>
        app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.SaveAsync(ceremonyId, null,
            new AgreementInput("Agreement on summer schools", AgreementKind.Other, round, table,
                parties.Select(p => new AgreementPartyInput(p.Institution, p.Signatory, null)).ToList())));

    [Fact]
    public async Task Every_ceremony_rule_is_a_clear_message_and_a_broken_one_writes_nothing()
    {
        var registrations = await RegistrationsAsync();
        var first = (await AgreementsAsync()).First(a => a.Round == 1);
        var busy = first.Parties[0].Signatory!;
        var confirmedKazakh = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "KZ" && first.Parties.All(p => p.SignatoryRegistrationId != r.Id));
        var pendingKazakh = registrations.First(r => r.Status == RegistrationStatus.Pending);
        var otherChinese = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "CN" && r.InstitutionId != busy.InstitutionId);
        var before = (await AgreementsAsync()).Count;

        static string Message(Core.Common.DomainResult<Agreement> result) => string.Join(" | ", result.Errors.Select(e => string.Format(e.Message, e.Arguments)));

        var pending = await SaveAsync(9, 1, (otherChinese.InstitutionId!.Value, otherChinese.Id), (pendingKazakh.InstitutionId!.Value, pendingKazakh.Id));
        Assert.Contains($"{pendingKazakh.LatinName} is not a confirmed delegate", Message(pending));

        var wrongInstitution = await SaveAsync(9, 1, (otherChinese.InstitutionId.Value, confirmedKazakh.Id), (confirmedKazakh.InstitutionId!.Value, otherChinese.Id));
        Assert.Contains($"{confirmedKazakh.LatinName} is not a delegate of {otherChinese.Institution!.EnglishName}", Message(wrongInstitution));

        var twice = await SaveAsync(9, 1, (otherChinese.InstitutionId.Value, otherChinese.Id), (otherChinese.InstitutionId.Value, otherChinese.Id));
        Assert.Contains($"{otherChinese.Institution.EnglishName} is named twice", Message(twice));

        var alone = await SaveAsync(9, 1, (otherChinese.InstitutionId.Value, otherChinese.Id));
        Assert.Contains("at least two parties", Message(alone));

        // The signatory of table 1 in round 1 cannot also sit at table 7 of that round...
        var twoTables = await SaveAsync(1, 7, (busy.InstitutionId!.Value, busy.Id), (confirmedKazakh.InstitutionId.Value, confirmedKazakh.Id));
        Assert.Contains($"{busy.LatinName} already signs at table 1 in round 1", Message(twoTables));
        Assert.Equal(before, (await AgreementsAsync()).Count);

        // ...but can in a round of their own, and the new agreement goes to the end of the running order.
        var later = await SaveAsync(5, 1, (busy.InstitutionId.Value, busy.Id), (confirmedKazakh.InstitutionId.Value, confirmedKazakh.Id));
        Assert.True(later.Succeeded, Message(later));
        var all = await AgreementsAsync();
        Assert.Equal(before + 1, all.Count);
        Assert.Equal(later.Value!.Id, all[^1].Id);
        Assert.Equal(before + 1, all[^1].Position);
    }

    [Fact]
    public async Task An_organiser_adds_an_agreement_through_the_form_and_a_broken_rule_comes_back_on_the_form()
    {
        var registrations = await RegistrationsAsync();
        var cn = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "CN");
        var pending = registrations.First(r => r.Status == RegistrationStatus.Pending);
        var url = $"/organiser/ceremonies/{ceremonyId}/agreements/new";

        using var refused = await organiser.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Title[en]"] = "Agreement on a joint laboratory",
            ["Round"] = "0",
            ["Parties[0].SignatoryRegistrationId"] = cn.Id.ToString(),
            ["Parties[1].InstitutionId"] = pending.InstitutionId!.Value.ToString(),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("The round is a number from 1 to 99.", page.Errors());
        Assert.Equal("Agreement on a joint laboratory", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("#Title")!).Value);

        var kz = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "KZ");
        using var saved = await organiser.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Title[en]"] = "Agreement on a joint laboratory",
            ["Kind"] = nameof(AgreementKind.JointResearch),
            ["Round"] = "6",
            ["Table"] = "2",
            // The signatory alone names the party: their institution.
            ["Parties[0].SignatoryRegistrationId"] = cn.Id.ToString(),
            ["Parties[1].SignatoryRegistrationId"] = kz.Id.ToString(),
            ["Parties[1].LocalTitle"] = "Бірлескен зертхана туралы келісім",
        });
        var ceremony = await saved.ReadDocumentAsync();
        var row = ceremony.QuerySelectorAll("table.agreements tbody tr").Last();
        Assert.Contains("Agreement on a joint laboratory", row.TextContent);
        Assert.Contains(cn.Institution!.EnglishName, row.TextContent);
        Assert.Contains(kz.LatinName, row.TextContent);
    }

    [Fact]
    public async Task A_cancelled_signatory_flags_the_agreement_which_then_cannot_be_signed_or_printed()
    {
        var first = (await AgreementsAsync())[0];
        var signatory = first.Parties[1].Signatory!;
        var cancelled = await app.WithServiceAsync<RegistrationSelfService, Core.Common.DomainResult<Registration>>(s => s.CancelAsync(signatory.Token));
        Assert.True(cancelled.Succeeded);

        var page = await organiser.GetPageAsync($"/organiser/ceremonies/{ceremonyId}");
        var flagged = page.QuerySelector($"#agreement-{first.Id}")!;
        Assert.Contains("flagged", flagged.ClassName);
        Assert.Contains($"{signatory.LatinName} cancelled their registration: choose another signatory for", flagged.TextContent);
        Assert.Contains(first.Parties[1].Institution!.EnglishName, flagged.TextContent);

        var sign = await app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.MarkSignedAsync(first.Id, null));
        Assert.False(sign.Succeeded);

        var desk = await staff.GetPageAsync($"/staff/ceremonies/{ceremonyId}/certificates");
        Assert.Null(desk.QuerySelector($"#agreement-{first.Id} form[action$='/certificate']"));
        // A forged post (the page offers no button) with a valid token is refused with the reason, not merely "not a PDF".
        var deskToken = desk.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var print = await staff.PostAsync($"/staff/agreements/{first.Id}/certificate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = deskToken }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, print.StatusCode);
        Assert.Contains("cancelled their registration", string.Join(" ", (await print.ReadDocumentAsync()).Errors()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Certificates.CountAsync()));
    }

    [Fact]
    public async Task Staff_print_and_reprint_with_a_reason_and_the_log_says_who_when_and_why()
    {
        var agreement = (await AgreementsAsync())[2];
        var desk = $"/staff/ceremonies/{ceremonyId}/certificates";
        var form = $"#agreement-{agreement.Id} form[action$='/certificate']";

        using var first = await staff.SubmitFormAsync(desk, new Dictionary<string, string>(), form);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        var pdf = await first.Content.ReadAsByteArrayAsync();
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        var serial = Regex.Match(text, @"CKRD-\d{4}-0001").Value;
        Assert.NotEmpty(serial);
        foreach (var party in agreement.Parties)
        {
            Assert.Contains(PdfTools.Compact(party.Institution!.EnglishName), text);
            Assert.Contains(PdfTools.Compact(party.Institution.NativeName!), text);
            Assert.Contains(PdfTools.Compact(party.Signatory!.NativeName!), text);
        }

        var code = await app.WithDbAsync(db => db.Certificates.Select(c => c.VerificationCode).SingleAsync());
        Assert.Equal([$"http://localhost/verify/{code}"], PdfTools.QrCodes(pdf));

        var log = (await staff.GetPageAsync(desk)).QuerySelector($"#agreement-{agreement.Id}")!.TextContent;
        Assert.Contains(serial, log);
        Assert.Contains(AppFactory.StaffEmail, log);

        using var noReason = await staff.SubmitFormAsync(desk, new Dictionary<string, string> { ["reason"] = "" }, form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains($"Certificate {serial} has been printed before: give a reason for printing it again.", (await noReason.ReadDocumentAsync()).Errors());

        using var reprint = await staff.SubmitFormAsync(desk, new Dictionary<string, string> { ["reason"] = "Paper jammed in the printer" }, form);
        Assert.Equal("application/pdf", reprint.Content.Headers.ContentType?.MediaType);
        Assert.Contains(serial, PdfTools.Text(await reprint.Content.ReadAsByteArrayAsync()));
        var prints = await app.WithDbAsync(db => db.CertificatePrints.OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([null, "Paper jammed in the printer"], prints.Select(p => p.Reason));
        Assert.Contains("Paper jammed in the printer", (await staff.GetPageAsync(desk)).QuerySelector($"#agreement-{agreement.Id}")!.TextContent);
    }

    [Fact]
    public async Task The_batch_is_every_ready_agreement_in_running_order_with_serial_numbers_in_that_order()
    {
        // Move the last ready agreement to the front: the batch follows the running order, not creation. (The very last
        // one still waits for a signatory: a draft, not printed.)
        var last = (await AgreementsAsync()).Last(a => a.Status == AgreementStatus.Ready);
        for (var i = 0; i < 23; i++)
        {
            await app.WithServiceAsync<CeremonyService, bool>(async s => { await s.MoveAsync(last.Id, -1); return true; });
        }

        using var batch = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), "form.print-all");
        var pdf = await batch.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/pdf", batch.Content.Headers.ContentType?.MediaType);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            Assert.Equal(23, document.NumberOfPages);
        }

        Assert.Contains(PdfTools.Compact(last.Parties[0].Institution!.NativeName!), PdfTools.Compact(PdfTools.Text(pdf, 1)));
        Assert.Matches(@"CKRD-\d{4}-0001", PdfTools.Text(pdf, 1));
        Assert.Matches(@"CKRD-\d{4}-0023", PdfTools.Text(pdf, 23));
        Assert.Equal(23, await app.WithDbAsync(db => db.Certificates.Select(c => c.SerialNumber).Distinct().CountAsync()));
    }

    [Fact]
    public async Task Organisers_choose_what_certificate_numbers_start_with_and_printed_ones_keep_theirs()
    {
        var agreements = await AgreementsAsync();
        var eventId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => s.EventId).SingleAsync());
        using (var first = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreements[0].Id} form[action$='/certificate']"))
        {
            Assert.Matches(@"CKRD-\d{4}-0001", PdfTools.Text(await first.Content.ReadAsByteArrayAsync()));
        }

        using var refused = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/edit", new Dictionary<string, string> { ["CertificatePrefix"] = "CK-RD 2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Use 1 to 12 Latin letters and digits, for example CKRD.", (await refused.ReadDocumentAsync()).Errors());

        using var saved = await organiser.SubmitFormAsync($"/organiser/events/{eventId}/edit", new Dictionary<string, string> { ["CertificatePrefix"] = "gzkz" });
        Assert.Equal("GZKZ", (await organiser.GetPageAsync($"/organiser/events/{eventId}/edit")).QuerySelector("#CertificatePrefix")!.GetAttribute("value"));

        using (var second = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreements[1].Id} form[action$='/certificate']"))
        {
            Assert.Matches(@"GZKZ-\d{4}-0002", PdfTools.Text(await second.Content.ReadAsByteArrayAsync()));
        }

        var serials = await app.WithDbAsync(db => db.Certificates.OrderBy(c => c.Sequence).Select(c => c.SerialNumber).ToListAsync());
        Assert.Equal(2, serials.Count);
        Assert.StartsWith("CKRD-", serials[0]);
        Assert.StartsWith("GZKZ-", serials[1]);
    }

    [Fact]
    public async Task A_signatory_sees_on_their_private_page_where_and_with_whom_they_sign()
    {
        var agreements = await AgreementsAsync();
        var party = agreements[0].Parties[0];
        var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == party.SignatoryRegistrationId).Select(r => r.Token).SingleAsync());
        var mine = agreements.Where(a => a.Parties.Any(p => p.SignatoryRegistrationId == party.SignatoryRegistrationId)).ToList();

        var page = await app.Client().GetPageAsync($"/r/{token}");
        var places = page.QuerySelector("#signing-places")!;
        Assert.Contains("Group signing ceremony of cooperation agreements", places.TextContent);
        Assert.Equal(mine.Count, places.QuerySelectorAll("li").Length);
        foreach (var a in mine)
        {
            Assert.Contains($"No. {a.Position} · round {a.Round}, table {a.Table} · {a.Title}", places.TextContent);
            Assert.Contains($"With {a.Parties.Single(p => p.SignatoryRegistrationId != party.SignatoryRegistrationId).Institution!.EnglishName}", places.TextContent);
        }

        // A withdrawn agreement is no longer there; someone who signs nothing sees no such section.
        Assert.True((await app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.WithdrawAsync(mine[0].Id, "Postponed", "organiser"))).Succeeded);
        page = await app.Client().GetPageAsync($"/r/{token}");
        Assert.Equal(mine.Count - 1, page.QuerySelectorAll("#signing-places li").Length);
        var signatories = agreements.SelectMany(a => a.Parties).Select(p => p.SignatoryRegistrationId).ToHashSet();
        var other = await app.WithDbAsync(db => db.Registrations.Where(r => r.Status == RegistrationStatus.Confirmed && !signatories.Contains(r.Id)).Select(r => r.Token).FirstAsync());
        Assert.Null((await app.Client().GetPageAsync($"/r/{other}")).QuerySelector("#signing-places"));
    }

    [Fact]
    public async Task A_signatory_finds_their_ceremony_in_their_personal_agenda_and_calendar()
    {
        var agreements = await AgreementsAsync();
        var ceremony = await app.WithDbAsync(db => db.Sessions.Include(s => s.Room).Include(s => s.People).SingleAsync(s => s.Id == ceremonyId));
        // A signatory who neither chairs nor speaks there: only signing puts the ceremony in their agenda.
        var party = agreements.SelectMany(a => a.Parties).First(p => ceremony.People.All(x => x.DelegateId != p.Signatory!.DelegateId));
        var token = await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == party.SignatoryRegistrationId).Select(r => r.Token).SingleAsync());
        var mine = agreements.Where(a => a.Parties.Any(p => p.SignatoryRegistrationId == party.SignatoryRegistrationId)).ToList();

        var agenda = await app.Client().GetPageAsync($"/r/{token}/agenda");
        var signing = agenda.QuerySelector("#signing")!.ParentElement!.TextContent;
        Assert.Contains(ceremony.Title.Default, signing);
        foreach (var a in mine)
        {
            Assert.Contains(a.Title.Default, signing);
            Assert.Contains($"Round {a.Round} · Table {a.Table}", signing);
        }

        // The ceremony is among their sessions, not only in the list of all.
        Assert.Contains(ceremony.Title.Default, string.Concat(agenda.QuerySelectorAll("section.agenda-day").Select(d => d.TextContent)));

        var ics = await app.Client().GetStringAsync($"/r/{token}/agenda.ics?lang=en");
        Assert.Contains($"UID:{ceremony.Uid:D}@eventmanager", ics);
        // The ceremony's entry, unfolded and unescaped (iCalendar writes a backslash before a comma).
        var entry = ics.Replace("\r\n ", "").Split("BEGIN:VEVENT").Single(e => e.Contains($"UID:{ceremony.Uid:D}")).Replace("\\", "");
        Assert.True(entry.Contains($"round {mine[0].Round}, table {mine[0].Table}"), entry);

        // A calendar app subscribing sends no language: the feed speaks the delegate's own (the demo's texts have all four).
        var language = await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == party.SignatoryRegistrationId).Select(r => r.PreferredLanguage).SingleAsync());
        Assert.NotEqual("en", Core.Common.LocalText.Code(language));
        var own = (await app.Client().GetStringAsync($"/r/{token}/agenda.ics")).Replace("\r\n ", "");
        Assert.Contains($"SUMMARY:{ceremony.Title.In(language)}", own);

        // Someone who signs nothing gets no such entry.
        var signatories = agreements.SelectMany(a => a.Parties).Select(p => p.SignatoryRegistrationId).ToHashSet();
        var other = await app.WithDbAsync(db => db.Registrations.Where(r => r.Status == RegistrationStatus.Confirmed && !signatories.Contains(r.Id)).Select(r => r.Token).FirstAsync());
        Assert.Null((await app.Client().GetPageAsync($"/r/{other}/agenda")).QuerySelector("#signing"));
        Assert.DoesNotContain($"UID:{ceremony.Uid:D}", await app.Client().GetStringAsync($"/r/{other}/agenda.ics"));
    }

    [Fact]
    public async Task Staff_print_a_folding_place_card_for_each_signatory_in_round_and_table_order()
    {
        var desk = await staff.GetPageAsync($"/staff/ceremonies/{ceremonyId}/certificates");
        var link = desk.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Place cards")).GetAttribute("href")!;
        var pdf = await staff.GetByteArrayAsync(link);
        var agreements = await AgreementsAsync();
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            // A card for every signatory chosen; the party still waiting for one has none.
            Assert.Equal(agreements.Sum(a => a.Parties.Count(p => p.SignatoryLatinName is not null)), document.NumberOfPages);
            Assert.True(document.GetPage(1).Width > document.GetPage(1).Height);
        }

        // First page: round 1, table 1, its first party. Each card says the name twice, once on each side of the fold.
        var first = agreements.OrderBy(a => a.Round).ThenBy(a => a.Table).First();
        var page = PdfTools.Compact(PdfTools.Text(pdf, 1));
        Assert.Contains(PdfTools.Compact("Round 1 · Table 1"), page);
        var signatory = first.Parties[0].Signatory!;
        foreach (var text in new[] { signatory.LatinName, signatory.NativeName!, first.Parties[0].Institution!.NativeName! })
        {
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(page, System.Text.RegularExpressions.Regex.Escape(PdfTools.Compact(text))).Count);
        }

        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);

        // With Chinese chosen on the desk, the cards' own words are Chinese; the screen stays English.
        var chinese = await staff.GetPageAsync($"/staff/ceremonies/{ceremonyId}/certificates?language=zh-CN");
        Assert.Equal("en", chinese.DocumentElement.GetAttribute("lang"));
        var chineseLink = chinese.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Place cards")).GetAttribute("href")!;
        var chinesePage = PdfTools.Compact(PdfTools.Text(await staff.GetByteArrayAsync(chineseLink), 1));
        Assert.Contains(PdfTools.Compact("第1轮 · 第1桌"), chinesePage);
        Assert.DoesNotContain("Round", chinesePage);
    }

    [Fact]
    public async Task A_name_the_fonts_cannot_print_is_named_and_nothing_is_recorded()
    {
        var agreement = (await AgreementsAsync())[0];
        var signatory = agreement.Parties[0].Signatory!;
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == signatory.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.NativeName, "王\U00013000伟")));

        using var print = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, print.StatusCode);
        var refused = await print.ReadDocumentAsync();
        Assert.Contains(refused.Errors(), e => e.Contains("The certificate fonts cannot print U+13000"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Certificates.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.CertificatePrints.CountAsync()));

        // The same name on a badge: the desk says so instead of printing a box.
        var eventId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => s.EventId).SingleAsync());
        using var badge = await staff.GetAsync($"/staff/events/{eventId}/badges.pdf?id={signatory.Id}");
        Assert.NotEqual("application/pdf", badge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The fonts cannot print U+13000", (await badge.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
    }

    [Fact]
    public async Task Certificates_are_worded_in_english_unless_staff_choose_another_language_whatever_their_screens_say()
    {
        var agreements = await AgreementsAsync();
        var chineseStaff = app.Client();
        chineseStaff.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        await chineseStaff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);

        async Task<string> PrintAsync(Agreement agreement, string? language)
        {
            var desk = $"/staff/ceremonies/{ceremonyId}/certificates" + (language is null ? "" : $"?language={language}");
            using var print = await chineseStaff.SubmitFormAsync(desk, new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
            Assert.Equal("application/pdf", print.Content.Headers.ContentType?.MediaType);
            return PdfTools.Compact(PdfTools.Text(await print.Content.ReadAsByteArrayAsync()));
        }

        // The desk itself is in Chinese; the certificate is in English.
        Assert.Equal("打印文字的语言（证书、桌卡）", (await chineseStaff.GetPageAsync($"/staff/ceremonies/{ceremonyId}/certificates")).QuerySelector("label[for=language]")!.TextContent);
        Assert.Contains(PdfTools.Compact("Certificate of Agreement"), await PrintAsync(agreements[0], null));
        var chinese = await PrintAsync(agreements[1], "zh-CN");
        Assert.Contains(PdfTools.Compact("协议证书"), chinese);
        Assert.Contains(PdfTools.Compact("学生交流"), chinese);
        // The event's own texts are in Chinese too where the organisers gave them: its name, and a Chinese sentence for
        // where it is signed, not "在Guiyang International Eco-Conference Center, Guiyang签署".
        Assert.Contains(PdfTools.Compact("首届中国—哈萨克斯坦大学校长合作对话"), chinese);
        Assert.Contains(PdfTools.Compact("在贵阳国际生态会议中心，贵阳签署"), chinese);
        Assert.DoesNotContain("Eco-Conference", chinese);
        Assert.Contains(PdfTools.Compact("Келісім сертификаты"), await PrintAsync(agreements[2], "kk-KZ"));
    }

    [Fact]
    public async Task The_verification_page_says_valid_then_revoked_and_an_unknown_code_is_not_found_and_nothing_more()
    {
        var agreement = (await AgreementsAsync())[4];
        // Signed at the ceremony (set directly: the ceremony is weeks ahead of the clock here).
        var ceremonyStart = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == agreement.SessionId).Select(s => s.StartsAtUtc).SingleAsync());
        await app.WithDbAsync(db => db.Agreements.Where(a => a.Id == agreement.Id).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Status, AgreementStatus.Signed).SetProperty(a => a.SignedAtUtc, ceremonyStart)));
        using (await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']"))
        {
        }

        var certificate = await app.WithDbAsync(db => db.Certificates.SingleAsync());
        Assert.True(certificate.VerificationCode.Length >= 22, "at least 128 bits of base64url");
        var anonymous = app.Client();

        var valid = await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode}");
        Assert.Contains("Valid certificate", valid.MainText());
        Assert.Contains(agreement.Title.Default, valid.MainText());
        Assert.Contains(certificate.SerialNumber, valid.MainText());
        Assert.Contains(agreement.Parties[0].Institution!.NativeName!, valid.MainText());
        // The public page names institutions, not people.
        Assert.DoesNotContain(agreement.Parties[0].Signatory!.LatinName, valid.MainText());
        // A reader in Chinese reads what the certificate stated in Chinese: the event and the ceremony as the organisers wrote them.
        var chineseReader = app.Client();
        chineseReader.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var inChinese = (await chineseReader.GetPageAsync($"/verify/{certificate.VerificationCode}")).MainText();
        Assert.Contains("首届中国—哈萨克斯坦大学校长合作对话", inChinese);
        Assert.Contains("合作协议集体签约仪式", inChinese);
        Assert.DoesNotContain("Cooperation Dialogue", inChinese);

        using var noReason = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string> { ["reason"] = " " }, $"form[action='/staff/certificates/{certificate.Id}/revoke']");
        Assert.Contains("Give a reason for revoking the certificate", (await noReason.ReadDocumentAsync()).MainText());
        Assert.Contains("Valid certificate", (await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode}")).MainText());

        using var revoke = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string> { ["reason"] = "Signed with the wrong annex" }, $"form[action='/staff/certificates/{certificate.Id}/revoke']");
        Assert.Contains($"Certificate {certificate.SerialNumber} is revoked.", (await revoke.ReadDocumentAsync()).MainText());
        var revoked = await anonymous.GetPageAsync($"/verify/{certificate.VerificationCode}");
        Assert.Contains("Revoked certificate", revoked.MainText());
        Assert.DoesNotContain("Valid certificate", revoked.MainText());
        Assert.NotNull(await app.WithDbAsync(db => db.Certificates.Where(c => c.Id == certificate.Id).Select(c => c.RevokedReason).SingleAsync()));

        // The same code with one letter changed, and a code that is not a code at all.
        var wrong = certificate.VerificationCode[..^1] + (certificate.VerificationCode[^1] == 'A' ? 'B' : 'A');
        foreach (var code in new[] { wrong, "..%2F..%2Fetc" })
        {
            var unknown = await anonymous.GetPageAsync($"/verify/{code}", HttpStatusCode.NotFound);
            Assert.Contains("No certificate has this verification code.", unknown.MainText());
            Assert.DoesNotContain(agreement.Title.Default, unknown.MainText());
        }

        // A new certificate can be issued after revocation, with a new serial number.
        using var again = await staff.SubmitFormAsync($"/staff/ceremonies/{ceremonyId}/certificates", new Dictionary<string, string>(), $"#agreement-{agreement.Id} form[action$='/certificate']");
        Assert.Matches(@"CKRD-\d{4}-0002", PdfTools.Text(await again.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Ceremony_pages_are_for_organisers_certificate_desks_for_staff_and_verification_for_anyone()
    {
        var anonymous = app.Client(followRedirects: false);
        foreach (var url in new[] { $"/staff/ceremonies/{ceremonyId}/certificates", $"/organiser/ceremonies/{ceremonyId}", $"/organiser/ceremonies/{ceremonyId}/run-sheet.pdf" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.ToString());
        }

        var staffOnly = app.Client(followRedirects: false);
        await staffOnly.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using (var denied = await staffOnly.GetAsync($"/organiser/ceremonies/{ceremonyId}"))
        {
            Assert.Contains("denied", denied.Headers.Location?.ToString() ?? denied.StatusCode.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        using var post = await anonymous.PostAsync($"/staff/ceremonies/{ceremonyId}/certificates", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/verify")).StatusCode);
    }

    [Fact]
    public async Task Each_signatory_gets_a_briefing_two_hours_before_the_ceremony_with_their_places_in_the_running_order_in_their_language()
    {
        var (eventId, startsAtUtc) = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => new ValueTuple<int, DateTime>(s.EventId, s.StartsAtUtc)).SingleAsync());
        // One Kazakh signatory chose English for messages: the briefing's English text, with English titles.
        var agreements = await AgreementsAsync();
        var english = agreements[1].Parties[1].Signatory!;
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == english.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.PreferredLanguage, "en")));
        await app.WithServiceAsync<Core.Reminders.ReminderPlanner, Core.Reminders.PlanReport>(p => p.PlanAsync(eventId));

        var briefings = await app.WithDbAsync(db => db.OutgoingMessages
            .Where(m => m.Kind == Core.Reminders.ReminderPlanner.Kind && m.DueAtUtc == startsAtUtc.AddHours(-2)).ToListAsync());
        Assert.Equal(agreements.SelectMany(a => a.Parties).Where(p => p.Signatory is not null).Select(p => p.Signatory!.Email).Distinct().Order(), briefings.Select(b => b.RecipientEmail).Order());

        // A Chinese signatory chose Chinese: the organisers' Chinese briefing, their places written in Chinese, with the agreements' Chinese titles.
        var chinese = agreements[0].Parties[0];
        var briefing = briefings.Single(m => m.RecipientEmail == chinese.Signatory!.Email);
        Assert.StartsWith("签约仪式须知：", briefing.Subject);
        foreach (var agreement in agreements.Where(a => a.Parties.Any(p => p.SignatoryRegistrationId == chinese.SignatoryRegistrationId)))
        {
            var title = agreement.Parties.Single(p => p.SignatoryRegistrationId == chinese.SignatoryRegistrationId).LocalTitle;
            Assert.Contains($"第{agreement.Position}号 · 第{agreement.Round}轮，第{agreement.Table}桌 · {title}", briefing.TextBody);
        }

        var inEnglish = briefings.Single(m => m.RecipientEmail == english.Email);
        Assert.StartsWith("Signing ceremony briefing: ", inEnglish.Subject);
        foreach (var agreement in agreements.Where(a => a.Parties.Any(p => p.SignatoryRegistrationId == english.Id)))
        {
            Assert.Contains($"No. {agreement.Position} · round {agreement.Round}, table {agreement.Table} · {agreement.Title}", inEnglish.TextBody);
        }
    }

    [Fact]
    public async Task The_run_sheet_and_the_partnership_matrix_show_the_ceremony_at_a_glance()
    {
        var sheet = await organiser.GetAsync($"/organiser/ceremonies/{ceremonyId}/run-sheet.pdf");
        var pdf = await sheet.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType?.MediaType);
        // In drawing order: a name wrapped in its cell stays whole, whatever the next column holds on that line.
        var text = PdfTools.Compact(PdfTools.Text(pdf, raw: true));
        var agreements = await AgreementsAsync();
        foreach (var party in agreements.SelectMany(a => a.Parties))
        {
            // The demo's last agreement still waits for its Kazakh signatory: that cell is empty.
            if (party.SignatoryLatinName is { } signatory)
            {
                Assert.Contains(PdfTools.Compact(signatory), text);
            }

            Assert.Contains(PdfTools.Compact(party.Institution!.NativeName!), text);
        }

        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);

        // An organiser who reads the site in Chinese gets the sheet with the event's and the agreements' Chinese texts.
        var chineseOrganiser = app.Client();
        chineseOrganiser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        await chineseOrganiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var chineseSheet = PdfTools.Compact(PdfTools.Text(await chineseOrganiser.GetByteArrayAsync($"/organiser/ceremonies/{ceremonyId}/run-sheet.pdf")));
        Assert.Contains(PdfTools.Compact("首届中国—哈萨克斯坦大学校长合作对话"), chineseSheet);
        Assert.Contains(PdfTools.Compact(agreements[1].Title.In("zh")), chineseSheet);
        Assert.DoesNotContain(PdfTools.Compact(agreements[1].Title.In("en")), chineseSheet);

        var matrix = await organiser.GetPageAsync($"/organiser/events/{await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => s.EventId).SingleAsync())}/partnerships");
        Assert.Contains("24 agreements between 10 institutions of China and 9 of Kazakhstan.", matrix.QuerySelector(".headline")!.TextContent);
        Assert.Equal(24, matrix.QuerySelectorAll("table.matrix td.has div.agreement").Length);
        Assert.Equal(10, matrix.QuerySelectorAll("table.matrix tbody tr").Count(r => r.QuerySelector("td.has") is not null));
        // Beside them, the Chinese universities that have only met Kazakh ones so far (the demo's bilateral meetings).
        Assert.Equal(12, matrix.QuerySelectorAll("table.matrix tbody tr").Length);
        Assert.NotEmpty(matrix.QuerySelectorAll("table.matrix td.met .meetings"));

        var eventId = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => s.EventId).SingleAsync());
        var list = await organiser.GetPageAsync($"/organiser/events/{eventId}/ceremonies");
        Assert.Equal("24", list.QuerySelector("main table tbody tr td:last-child")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_agreement_is_planned_by_institution_with_a_rector_who_has_not_registered_and_follows_her_registration()
    {
        var registrations = await RegistrationsAsync();
        var cn = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "CN");
        var kazakhInstitution = registrations.First(r => r.CountryCode == "KZ").InstitutionId!.Value;
        var kazakhName = registrations.First(r => r.CountryCode == "KZ").Institution!.EnglishName;
        var rector = await app.WithServiceAsync<Core.Delegates.PeopleDirectory, int>(async people => (await people.SaveAsync(null,
            new Core.Delegates.PersonInput("Saule Planned", "Сәуле Жоспарлы", "Prof.", "Rector", kazakhInstitution, "saule.planned@example.kz", null, null, null))).Value!.Id);
        var other = registrations.First(r => r.Status == RegistrationStatus.Confirmed && r.CountryCode == "CN" && r.InstitutionId != cn.InstitutionId);

        // Planned: one party's signatory is the rector who has not registered, in the form's directory list; another
        // agreement names its second institution alone.
        var form = await organiser.GetPageAsync($"/organiser/ceremonies/{ceremonyId}/agreements/new");
        Assert.Contains(form.QuerySelectorAll("#Parties_1__SignatoryPersonId option"), o => o.GetAttribute("value") == rector.ToString());
        using (var saved = await organiser.SubmitFormAsync($"/organiser/ceremonies/{ceremonyId}/agreements/new", new Dictionary<string, string>
               {
                   ["Title[en]"] = "Agreement on a joint school of ecology", ["Round"] = "7", ["Table"] = "1",
                   ["Parties[0].SignatoryRegistrationId"] = cn.Id.ToString(),
                   ["Parties[1].SignatoryPersonId"] = rector.ToString(),
               }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.EndsWith($"/organiser/ceremonies/{ceremonyId}", saved.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Agreement on a joint school of ecology was saved.", (await saved.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        var noSignatory = await app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.SaveAsync(ceremonyId, null,
            new AgreementInput("Agreement on language centres", AgreementKind.Other, 8, 1, [new(other.InstitutionId, other.Id, null), new(kazakhInstitution, null, null)])));
        Assert.True(noSignatory.Succeeded);

        Agreement Find(List<Agreement> all, string title) => all.Single(a => a.Title.Default == title);
        static string Say(IEnumerable<Core.Common.DomainError> errors) => string.Join(" | ", errors.Select(e => string.Format(e.Message, e.Arguments)));
        var planned = Find(await AgreementsAsync(), "Agreement on a joint school of ecology");
        Assert.Equal((rector, (int?)null), (planned.Parties[1].SignatoryPersonId!.Value, planned.Parties[1].SignatoryRegistrationId));
        Assert.Contains($"Saule Planned, who signs for {kazakhName}, has not registered for the event yet.", Say(CeremonyService.Problems(planned)));
        Assert.Contains($"{kazakhName} has no signatory yet", Say(CeremonyService.Problems(Find(await AgreementsAsync(), "Agreement on language centres"))));
        // The ceremony page shows the plan and flags it; signing waits.
        var page = (await organiser.GetPageAsync($"/organiser/ceremonies/{ceremonyId}")).MainText();
        Assert.Contains("Saule Planned", page);
        Assert.Contains("planned, not registered", page);
        Assert.Contains($"{kazakhName} has no signatory yet", page);
        Assert.Contains($"Saule Planned, who signs for {kazakhName}, is not invited yet", page);
        // The run sheet and the place cards work from the plan: her name is on both before she registers.
        Assert.Contains("SaulePlanned", PdfTools.Compact(PdfTools.Text(await organiser.GetByteArrayAsync($"/organiser/ceremonies/{ceremonyId}/run-sheet.pdf"))));
        Assert.Contains("SaulePlanned", PdfTools.Compact(PdfTools.Text(await organiser.GetByteArrayAsync($"/staff/ceremonies/{ceremonyId}/place-cards.pdf"))));
        Assert.False((await app.WithServiceAsync<CeremonyService, Core.Common.DomainResult<Agreement>>(s => s.MarkSignedAsync(planned.Id, null))).Succeeded);

        // Invited, the flag says so.
        var eventOfCeremony = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == ceremonyId).Select(s => s.EventId).SingleAsync());
        Assert.True(await app.WithServiceAsync<Core.Invitations.InvitationService, bool>(async i =>
            (await i.InviteAsync(eventOfCeremony, [rector], Core.Invitations.InvitationKind.Personal, null)).Succeeded));
        page = (await organiser.GetPageAsync($"/organiser/ceremonies/{ceremonyId}")).MainText();
        Assert.Contains($"Saule Planned, who signs for {kazakhName}, is invited but has not registered yet", page);

        // She registers with the address the directory has: the party follows her registration, pending, then confirmed.
        using (var registered = await app.Client().RegisterAsync(Core.Data.DemoData.DialogueSlug, RegistrationSupport.Delegate("saule.planned@example.kz", kazakhInstitution, f =>
               {
                   f["LatinName"] = "Saule Planned"; f["ArrivalDate"] = ""; f["DepartureDate"] = "";
               })))
        {
            await app.TokenOfAsync(registered);
        }

        var hers = await app.WithDbAsync(db => db.Registrations.SingleAsync(r => r.Email == "saule.planned@example.kz"));
        Assert.Equal(rector, hers.DelegateId);
        planned = Find(await AgreementsAsync(), "Agreement on a joint school of ecology");
        Assert.Equal(hers.Id, planned.Parties[1].SignatoryRegistrationId);
        Assert.Contains("is registered but not confirmed yet", Say(CeremonyService.Problems(planned)));
        await app.WithServiceAsync<RegistrationDecisions, bool>(async d => (await d.ApproveAsync(hers.EventId, [hers.Id])).Succeeded);
        Assert.Empty(CeremonyService.Problems(Find(await AgreementsAsync(), "Agreement on a joint school of ecology")));

        // Planned to sign, she cannot be erased from the directory; a duplicate of her merged away moves the plan too.
        Assert.False((await app.WithServiceAsync<Core.Delegates.PeopleDirectory, Core.Common.DomainResult<string>>(p => p.EraseAsync(rector))).Succeeded);
    }
}
