using System.Net;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EventManager.Tests;

/// <summary>Organisers print the invitation letters confirmed delegates asked for on the registration form.</summary>
public sealed class VisaLetterTests : IAsyncLifetime
{
    private readonly AppFactory app = new(demoSeed: true);
    private HttpClient organiser = default!;
    private int eventId;

    public async Task InitializeAsync()
    {
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Every_confirmed_delegate_who_asked_gets_a_letter_with_their_passport_name_and_travel_dates()
    {
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations");
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Visa invitation letters")).GetAttribute("href")!;
        var pdf = await organiser.GetByteArrayAsync(link);

        var registrations = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId).ToListAsync());
        var asked = registrations.Where(r => r.NeedsVisaLetter && r.Status == RegistrationStatus.Confirmed).OrderBy(r => r.Sequence).ToList();
        Assert.NotEmpty(asked);
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Equal(asked.Count, document.NumberOfPages);
        }

        var first = PdfTools.Compact(PdfTools.Text(pdf, 1));
        Assert.Contains(PdfTools.Compact("Invitation letter"), first);
        Assert.Contains(PdfTools.Compact($"{asked[0].LatinName} ({asked[0].NativeName})"), first);
        Assert.Contains(PdfTools.Compact(asked[0].ArrivalDate!.Value.ToDateTime(TimeOnly.MinValue).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"))), first);
        // The formal date, whole on its line (no weekday that wrapped it), and "the" before the event's name.
        var lines = PdfTools.Text(pdf, 1).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Issued on \d{1,2} [A-Z][a-z]+ \d{4}$"));
        Assert.Contains(PdfTools.Compact("to take part in the First China–Kazakhstan"), first);
        Assert.Contains(PdfTools.Compact("First China–Kazakhstan University Rectors' Cooperation Dialogue"), first);

        // Nobody who did not ask, and nobody not yet confirmed.
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        Assert.All(registrations.Where(r => !asked.Contains(r)), r => Assert.DoesNotContain(PdfTools.Compact(r.LatinName) + "(", text));
        var pending = registrations.First(r => r.Status == RegistrationStatus.Pending);
        using var notYet = await organiser.GetAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={pending.Id}");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
    }

    [Fact]
    public async Task A_letter_can_be_written_in_chinese_and_only_organisers_print_them()
    {
        var asked = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId && r.NeedsVisaLetter && r.Status == RegistrationStatus.Confirmed && r.CountryCode == "KZ").Select(r => r.Id).FirstAsync());
        var pdf = await organiser.GetByteArrayAsync($"/organiser/events/{eventId}/visa-letters.pdf?id={asked}&language=zh-CN");
        var text = PdfTools.Compact(PdfTools.Text(pdf));
        Assert.Contains("邀请函", text);
        Assert.Contains("哈萨克斯坦", text);
        // The event's own texts as the organisers wrote them in Chinese: its name and where it is held.
        Assert.Contains(PdfTools.Compact("首届中国—哈萨克斯坦大学校长合作对话"), text);
        Assert.Contains(PdfTools.Compact("贵阳国际生态会议中心，贵阳"), text);
        Assert.DoesNotContain("Eco-Conference", text);

        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var denied = await staff.GetAsync($"/organiser/events/{eventId}/visa-letters.pdf");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
