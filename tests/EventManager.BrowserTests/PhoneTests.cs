using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EventManager.BrowserTests;

/// <summary>
/// Every public and delegate page on a phone (390 px wide), in English and in Chinese: nothing wider than the screen,
/// so nobody scrolls sideways to read a line, and axe finds nothing serious.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    [InlineData("kk-KZ")]
    [InlineData("ru-RU")]
    public async Task Public_and_delegate_pages_fit_a_390_px_phone_without_sideways_scrolling(string locale)
    {
        _ = app.ServerAddress;
        var (token, code) = await app.WithDbAsync(async db => (
            await db.Registrations.Where(r => r.Event!.Slug == DemoData.DialogueSlug && r.Status == Core.Registrations.RegistrationStatus.Confirmed).Select(r => r.Token).FirstAsync(),
            await db.Certificates.Select(c => c.VerificationCode).FirstOrDefaultAsync()));
        // An open invitation (the form bound to its person, and declining), and the keynote speaker's public page.
        var (invitation, speaker) = await app.WithDbAsync(async db => (
            await db.Invitations.Where(i => i.Status == Core.Invitations.InvitationStatus.Sent && i.ExpiresAtUtc == null && i.Kind == Core.Invitations.InvitationKind.Delegation).Select(i => i.Token).FirstAsync(),
            await db.SessionPeople.Where(p => p.Delegate!.Email == null).Select(p => p.DelegateId).FirstAsync()));
        // A message the organisers sent the delegate, in Kazakh: the hub lists it and it reads on the phone.
        var (messageOwner, eventId, email) = await app.WithDbAsync(db => db.Registrations.Where(r => r.Token == token).Select(r => new { r.Token, r.EventId, r.Email }).SingleAsync())
            is var x ? (x.Token, x.EventId, x.Email) : default;
        await app.WithServiceAsync<Core.Mail.Outbox, int>(o => o.QueueAsync([new Core.Mail.NewMessage("phone-test", "Announcement", eventId, email, null,
            "Қонақүйге трансфер туралы хабарлама", "Құрметті делегат, трансфер автобустары 14 қыркүйекте сағат 08:00-де Sheraton Guiyang қонақүйінің алдынан жүреді.")]));
        await app.WithServiceAsync<Core.Mail.MailSender, Core.Mail.SendReport>(s => s.SendDueAsync("phone-test"));
        var message = await app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.DeduplicationKey == "phone-test").Select(m => m.Id).SingleAsync());
        var pages = new List<string>
        {
            "/",
            $"/events/{DemoData.WeekSlug}",
            $"/events/{DemoData.DialogueSlug}",
            $"/events/{DemoData.DialogueSlug}/agenda",
            $"/events/{DemoData.DialogueSlug}/register",
            $"/events/{DemoData.DialogueSlug}/register/sent",
            $"/r/{token}",
            $"/r/{token}/agenda",
            $"/r/{messageOwner}/messages/{message}",
            $"/i/{invitation}",
            $"/i/{invitation}/decline",
            $"/events/{DemoData.DialogueSlug}/people/{speaker}",
            "/verify",
            "/account/login",
            "/account/forgot-password",
        };
        if (code is not null)
        {
            pages.Add($"/verify/{code}");
        }

        var page = await browser.NewPageAsync(app.ServerAddress, locale);
        await page.SetViewportSizeAsync(390, 844);
        var wide = await Browser.TooWideAsync(page, pages, async url =>
        {
            // axe once per page, on the Chinese run (the English pages are checked on a wide screen elsewhere).
            if (locale == "zh-CN")
            {
                await Browser.AssertAccessibleAsync(page);
                await Browser.ScreenshotAsync(page, $"phone-{locale}{url.Replace('/', '-')}");
            }
        });

        Assert.True(wide.Count == 0, "Wider than a 390 px phone:\n" + string.Join("\n", wide));
    }

    [Fact]
    public async Task On_a_phone_the_agenda_reads_by_time_with_parallel_sessions_together_each_saying_its_room()
    {
        var page = await browser.NewPageAsync(app.ServerAddress, "en-GB");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/events/{DemoData.DialogueSlug}/agenda");
        var day = page.Locator(".agenda-day").First;
        // Top to bottom as the reader sees them: start times never go back, and a session's room is on it.
        var shown = await day.Locator("article.session").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [String(e.getBoundingClientRect().top), e.querySelector('time').getAttribute('datetime'), getComputedStyle(e.querySelector('.room-label')).display])");
        var byPosition = shown.OrderBy(s => double.Parse(s[0], System.Globalization.CultureInfo.InvariantCulture)).Select(s => s[1]).ToList();
        Assert.True(byPosition.Count >= 5, $"{byPosition.Count} sessions");
        Assert.Equal(byPosition.Order(StringComparer.Ordinal), byPosition);
        Assert.All(shown, s => Assert.Equal("inline", s[2]));
        Assert.False(await day.Locator(".agenda-column .room").First.IsVisibleAsync());

        // A wide screen keeps the rooms side by side, under their headings.
        await page.SetViewportSizeAsync(1280, 900);
        Assert.True(await day.Locator(".agenda-column .room").First.IsVisibleAsync());
    }
}
