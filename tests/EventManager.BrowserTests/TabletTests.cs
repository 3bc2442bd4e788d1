using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.BrowserTests;

/// <summary>
/// Organisers and staff work on laptops and tablets at the venue: every page of theirs, on the demo dialogue, fits a
/// 768 px screen without the page scrolling sideways (a wide table scrolls inside its own box), in English and Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TabletTests(Browser browser) : IAsyncLifetime
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
    public async Task Organiser_and_staff_pages_fit_a_768_px_tablet_without_sideways_scrolling(string locale)
    {
        _ = app.ServerAddress;
        var (eventId, registrationId, ceremonyId) = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == DemoData.DialogueSlug);
            var registration = await db.Registrations.Where(r => r.EventId == ev.Id).Select(r => r.Id).FirstAsync();
            var ceremony = await db.Agreements.Where(a => a.Session!.EventId == ev.Id).Select(a => a.SessionId).FirstAsync();
            return (ev.Id, registration, ceremony);
        });
        var pages = new[]
        {
            "/organiser", "/organiser/events", $"/organiser/events/{eventId}", $"/organiser/events/{eventId}/edit",
            $"/organiser/events/{eventId}/registrations", $"/organiser/events/{eventId}/registrations/{registrationId}",
            $"/organiser/events/{eventId}/registration-settings", $"/organiser/events/{eventId}/questions",
            $"/organiser/events/{eventId}/agenda", $"/organiser/events/{eventId}/rooms", $"/organiser/events/{eventId}/reminders",
            $"/organiser/events/{eventId}/translations", $"/organiser/events/{eventId}/ceremonies", $"/organiser/ceremonies/{ceremonyId}",
            $"/organiser/events/{eventId}/partnerships", "/organiser/team", "/organiser/activity",
            $"/organiser/events/{eventId}/registrations/import", "/organiser/messages", $"/organiser/messages?eventId={eventId}",
            $"/organiser/events/{eventId}/messages/new", "/organiser/system", $"/organiser/ceremonies/{ceremonyId}/run-sheet",
            $"/organiser/events/{eventId}/registrations/{registrationId}/edit", $"/organiser/events/{eventId}/agenda/sessions/new",
            "/staff", "/staff/ceremonies", $"/staff/ceremonies/{ceremonyId}/certificates", $"/staff/events/{eventId}/check-in",
        };

        var page = await browser.NewPageAsync(app.ServerAddress, locale);
        await page.SetViewportSizeAsync(768, 1024);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var wide = await Browser.TooWideAsync(page, pages, url => Browser.ScreenshotAsync(page, $"tablet-{locale}{url.Replace('/', '-')}"));

        Assert.True(wide.Count == 0, "Wider than a 768 px tablet:\n" + string.Join("\n", wide));
    }

    /// <summary>The people-first screens (directory, import, invitations, planning an agreement) in all four languages.</summary>
    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    [InlineData("kk-KZ")]
    [InlineData("ru-RU")]
    public async Task People_and_invitation_screens_fit_a_768_px_tablet_in_every_language(string locale)
    {
        _ = app.ServerAddress;
        var (eventId, ceremonyId, personId) = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == DemoData.DialogueSlug);
            var ceremony = await db.Agreements.Where(a => a.Session!.EventId == ev.Id).Select(a => a.SessionId).FirstAsync();
            var person = await db.Delegates.Where(d => d.Title != null && d.Biography != null).Select(d => d.Id).FirstAsync();
            return (ev.Id, ceremony, person);
        });
        var pages = new[]
        {
            "/organiser/people", "/organiser/people/new", $"/organiser/people/{personId}", "/organiser/people/import",
            $"/organiser/events/{eventId}/invitations", $"/organiser/ceremonies/{ceremonyId}/agreements/new", $"/organiser/events/{eventId}/visa-letters",
        };

        var page = await browser.NewPageAsync(app.ServerAddress, locale);
        await page.SetViewportSizeAsync(768, 1024);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var wide = await Browser.TooWideAsync(page, pages, async url =>
        {
            if (locale == "kk-KZ")
            {
                await Browser.AssertAccessibleAsync(page);
                await Browser.ScreenshotAsync(page, $"tablet-{locale}{url.Replace('/', '-')}");
            }
        });

        Assert.True(wide.Count == 0, "Wider than a 768 px tablet:\n" + string.Join("\n", wide));
    }

    /// <summary>The demo dialogue's full timetable (short tiles, parallel rooms) meets WCAG 2.2's target size.</summary>
    [Fact]
    public async Task The_timetable_of_a_full_day_passes_the_wcag_2_2_target_size_rule()
    {
        _ = app.ServerAddress;
        var (eventId, day) = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == DemoData.DialogueSlug);
            var first = await db.Sessions.Where(s => s.EventId == ev.Id).OrderBy(s => s.StartsAtUtc).Select(s => s.StartsAtUtc).FirstAsync();
            return (ev.Id, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(first, TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZoneId))));
        });
        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/events/{eventId}/agenda?day={day:yyyy-MM-dd}");
        Assert.True(await page.Locator("#timetable article.session").CountAsync() >= 4);
        await Browser.AssertAccessibleAsync(page, targetSize: true);
    }
}
