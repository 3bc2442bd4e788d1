using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>An organiser writes to every confirmed delegate in two languages, sees who reads which, and sends it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageToEveryoneJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_previews_the_message_in_each_language_with_its_readers_and_sends_it()
    {
        var (eventId, confirmed, kazakh) = await app.WithDbAsync(async db =>
        {
            var ev = await db.Events.SingleAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug);
            var languages = await db.Registrations.Where(r => r.EventId == ev.Id && r.Status == Core.Registrations.RegistrationStatus.Confirmed)
                .Select(r => r.PreferredLanguage).ToListAsync();
            return (ev.Id, languages.Count, languages.Count(l => l != null && l.StartsWith("kk")));
        });
        Assert.True(kazakh > 0 && confirmed > kazakh);

        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/events/{eventId}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Event: First China–Kazakhstan University Rectors' Cooperation Dialogue" })
            .GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Message to everyone" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Message to everyone");

        await page.Locator("#Subject").FillAsync("{event}: the buses leave at 08:00");
        await page.Locator("#Body").FillAsync("Dear {name},\n\nThe buses leave the hotel at 08:00.\n\n{link}");
        await page.Locator("#Subject-kk").FillAsync("{event}: автобустар 08:00-де жүреді");
        await page.Locator("#Body-kk").FillAsync("Құрметті {name}!\n\nАвтобустар қонақүйден 08:00-де жүреді.\n\n{link}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview: who gets it and what they read" }).ClickAsync();

        await Expect(page.Locator("#preview-count")).ToHaveTextAsync($"It goes to {confirmed} people.");
        await Expect(page.Locator("#preview-en .preview-readers")).ToHaveTextAsync($"{confirmed - kazakh} people read it in this language");
        await Expect(page.Locator("#preview-kk .preview-readers")).ToHaveTextAsync(kazakh == 1 ? "1 person reads it in this language" : $"{kazakh} people read it in this language");
        await Expect(page.Locator("#preview-kk .message-text")).ToContainTextAsync("Автобустар қонақүйден 08:00-де жүреді.");
        await Expect(page.Locator("#preview-kk [lang='kk-KZ'] strong")).ToContainTextAsync("автобустар 08:00-де жүреді");
        await Expect(page.Locator("#preview-zh")).ToHaveCountAsync(0);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "message-to-everyone-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{confirmed} messages were queued; they go out within two minutes.");
        await Expect(page.Locator("#messages tbody tr")).ToHaveCountAsync(Math.Min(confirmed, 50));
        Assert.Equal(kazakh, await app.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Subject.EndsWith("автобустар 08:00-де жүреді"))));
    }
}
