using System.Net;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EventManager.Tests;

/// <summary>Staff print the badges of an event's confirmed delegates and check them in by their QR code.</summary>
public sealed class BadgeDeskTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true);
    private HttpClient staff = default!;
    private int eventId;

    public async Task InitializeAsync()
    {
        await app.CreateStaffAsync();
        staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<List<Registration>> ConfirmedAsync() => app.WithDbAsync(db => db.Registrations.Include(r => r.Institution)
        .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed).ToListAsync());

    [Fact]
    public async Task Staff_print_a_badge_for_every_confirmed_delegate_a_delegation_together()
    {
        var page = await staff.GetPageAsync($"/staff/events/{eventId}/check-in");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Badges for everyone")).GetAttribute("href")!;
        using var response = await staff.GetAsync(link);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var confirmed = await ConfirmedAsync();
        Assert.Equal(32, confirmed.Count);
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Equal(8, document.NumberOfPages);
        }

        var text = PdfTools.Compact(PdfTools.Text(pdf));
        foreach (var r in confirmed)
        {
            Assert.Contains(PdfTools.Compact(r.LatinName), text);
            Assert.Contains(PdfTools.Compact(r.NativeName!), text);
        }

        // Nobody awaiting approval gets a badge.
        var pending = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Pending).Select(r => r.LatinName).ToListAsync());
        Assert.NotEmpty(pending);
        Assert.All(pending, name => Assert.DoesNotContain(PdfTools.Compact(name), text));

        // Grouped by institution: the badges of one institution are next to each other on the sheets.
        var order = confirmed.OrderBy(r => r.InstitutionDisplayName, StringComparer.Ordinal).ThenBy(r => r.LatinName, StringComparer.Ordinal).ToList();
        var first = PdfTools.Compact(PdfTools.Text(pdf, page: 1));
        Assert.All(order.Take(4), r => Assert.Contains(PdfTools.Compact(r.LatinName), first));
    }

    [Fact]
    public async Task A_badge_qr_code_opens_that_delegate_at_the_desk_and_one_tap_checks_them_in()
    {
        var delegateRow = (await ConfirmedAsync()).OrderBy(r => r.Id).First();
        var pdf = await staff.GetByteArrayAsync($"/staff/events/{eventId}/badges.pdf?id={delegateRow.Id}&sheet=A6");
        var address = new Uri(Assert.Single(PdfTools.QrCodes(pdf)));
        Assert.Equal($"/staff/events/{eventId}/check-in?id={delegateRow.Id}", address.PathAndQuery);

        var desk = await staff.GetPageAsync(address.PathAndQuery);
        var row = Assert.Single(desk.QuerySelectorAll("tbody tr"));
        Assert.Contains(delegateRow.LatinName, row.TextContent);

        using var checkedIn = await staff.SubmitFormAsync(address.PathAndQuery, new Dictionary<string, string>(), "tbody form");
        var after = await checkedIn.ReadDocumentAsync();
        Assert.Contains($"{delegateRow.LatinName} is checked in.", after.QuerySelector(".notice")!.TextContent);
        // Still the one delegate, ready for the next scan.
        Assert.Contains("✓", Assert.Single(after.QuerySelectorAll("tbody tr")).TextContent);
        Assert.NotNull(await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == delegateRow.Id).Select(r => r.CheckedInAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task The_desk_finds_a_delegate_however_the_name_is_typed_and_prints_just_their_badges()
    {
        foreach (var typed in new[] { "wang wei", "WANG WEI", "王伟", "wang.wei@" })
        {
            var page = await staff.GetPageAsync($"/staff/events/{eventId}/check-in?q={Uri.EscapeDataString(typed)}");
            var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
            Assert.Contains("Wang Wei", row.TextContent);
        }

        // Cyrillic in any case (SQLite's own lower() folds only ASCII), and Kazakh letters typed as they are.
        foreach (var typed in new[] { "жансая әбенова", "ӘБЕНОВА", "Жансая" })
        {
            var page = await staff.GetPageAsync($"/staff/events/{eventId}/check-in?q={Uri.EscapeDataString(typed)}");
            var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
            Assert.Contains("Zhansaya Abenova", row.TextContent);
        }

        var desk = await staff.GetPageAsync($"/staff/events/{eventId}/check-in?q=wang");
        var link = desk.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Badges for these delegates")).GetAttribute("href")!;
        var pdf = await staff.GetByteArrayAsync(link);
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        Assert.Contains("WangWei", text);
        Assert.DoesNotContain("ZhansayaAbenova", text);
    }

    [Fact]
    public async Task Staff_choose_the_language_of_the_badges_words_whatever_the_screens()
    {
        var zhansaya = $"/staff/events/{eventId}/check-in?q={Uri.EscapeDataString("Zhansaya")}";
        var english = await staff.GetPageAsync(zhansaya);
        Assert.Equal("English", english.QuerySelector(".badge-language [aria-current]")!.TextContent.Trim());
        var englishBadge = PdfTools.Compact(PdfTools.Text(await staff.GetByteArrayAsync(
            english.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Badges for these delegates")).GetAttribute("href")!)));
        Assert.Contains("Kazakhstan", englishBadge);
        Assert.DoesNotContain("哈萨克斯坦", englishBadge);
        // The event's short name, in the badge's language: the full one does not fit a badge.
        Assert.Contains(PdfTools.Compact("China–Kazakhstan Rectors' Dialogue"), englishBadge);

        var choose = english.QuerySelectorAll(".badge-language a").Single(a => a.GetAttribute("lang") == "zh-CN").GetAttribute("href")!;
        var chinese = await staff.GetPageAsync(choose);
        Assert.Equal("en", chinese.DocumentElement.GetAttribute("lang"));
        Assert.Single(chinese.QuerySelectorAll("tbody tr"));   // the search is kept
        var chineseBadge = PdfTools.Compact(PdfTools.Text(await staff.GetByteArrayAsync(
            chinese.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Badges for these delegates")).GetAttribute("href")!)));
        Assert.Contains("哈萨克斯坦", chineseBadge);
        Assert.Contains("中哈大学校长对话", chineseBadge);
    }

    [Theory]
    [InlineData("Nguyễn Thị Minh Khai", "nguyen thi minh khai")]
    [InlineData("Nguyễn", "nguyen")]
    [InlineData("ЖАНСАЯ ӘБЕНОВА", "жансая әбенова")]
    [InlineData("Ёлкин", "елкин")]
    [InlineData("王伟", "王伟")]
    [InlineData("  Wang.Wei@Example.EDU ", "wang.wei@example.edu")]
    public void Search_compares_names_without_case_or_accents_in_every_script(string name, string key) =>
        Assert.Equal(key, EventManager.Core.Common.TextNormalization.SearchKey(name));

    [Fact]
    public async Task Badges_are_for_staff_and_only_for_confirmed_delegates_of_the_event()
    {
        var anonymous = app.Client(followRedirects: false);
        using var refused = await anonymous.GetAsync($"/staff/events/{eventId}/badges.pdf");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location!.AbsolutePath);

        var pending = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Pending).Select(r => r.Id).FirstAsync());
        using var notConfirmed = await staff.GetAsync($"/staff/events/{eventId}/badges.pdf?id={pending}");
        Assert.Equal(HttpStatusCode.NotFound, notConfirmed.StatusCode);

        // A search that finds nobody is told, not given an empty PDF.
        using var nobody = await staff.GetAsync($"/staff/events/{eventId}/badges.pdf?q=nobody-has-this-name");
        var page = await nobody.ReadDocumentAsync();
        Assert.Contains("No confirmed delegate to print a badge for.", page.QuerySelector(".notice.problem")!.TextContent);
    }
}
