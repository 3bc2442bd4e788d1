using EventManager.Core.Agenda;
using EventManager.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AgendaJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_sees_a_clash_fixes_it_publishes_and_the_public_agenda_shows_both_sessions()
    {
        _ = app.ServerAddress;
        int eventId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ev = (await scope.ServiceProvider.GetRequiredService<EventService>().SaveAsync(null, new EventInput(
                "Rectors' Dialogue", "dialogue", EventKind.Dialogue, null,
                new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, "Guiyang", null))).Value!;
            var agenda = scope.ServiceProvider.GetRequiredService<AgendaRooms>();
            await agenda.SaveRoomAsync(ev.Id, null, new RoomInput("Hall A", null, 300));
            await agenda.SaveRoomAsync(ev.Id, null, new RoomInput("Hall B", null, 120));
            eventId = ev.Id;
        }

        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/events/{eventId}/agenda");

        async Task AddAsync(string title, string starts, string ends)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "New session" }).ClickAsync();
            await page.GetByLabel("Title").FillAsync(title);
            await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Dialogue round" });
            await page.GetByLabel("Starts").FillAsync(starts);
            await page.GetByLabel("Ends").FillAsync(ends);
            await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Hall A (300)" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{title} was saved.");
        }

        await AddAsync("Round on joint programmes", "2027-09-14T10:00", "2027-09-14T11:30");
        await AddAsync("Round on mobility", "2027-09-14T11:00", "2027-09-14T12:00");

        var clashes = page.Locator("#clash-list");
        await Expect(clashes).ToContainTextAsync("Hall A is booked twice: Round on joint programmes and Round on mobility overlap.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "agenda-clash");
        await Browser.AssertAccessibleAsync(page);

        // Fix it: move the mobility round to Hall B.
        var mobility = page.Locator("article.session", new() { HasText = "Round on mobility" });
        await mobility.GetByText("Move").First.ClickAsync();
        await mobility.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Hall B" });
        await mobility.GetByRole(AriaRole.Button, new() { Name = "Move Round on mobility" }).ClickAsync();
        await Expect(page.Locator("#clash-list")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");

        var visitor = await browser.NewPageAsync(app.ServerAddress, timeZone: "America/New_York");
        await visitor.GotoAsync("/events/dialogue/agenda");
        await Expect(visitor.Locator(".agenda-column", new() { HasText = "Hall A" })).ToContainTextAsync("Round on joint programmes");
        await Expect(visitor.Locator(".agenda-column", new() { HasText = "Hall B" })).ToContainTextAsync("Round on mobility");
        await Browser.AssertAccessibleAsync(visitor);

        // The visitor's own zone is one click away: 10:00 in Guiyang is 22:00 the evening before in New York.
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Use my time zone (America/New_York)" }).ClickAsync();
        await Expect(visitor.Locator(".zone-note")).ToContainTextAsync("America/New_York");
        await Expect(visitor.Locator(".agenda-day:not([hidden]) h2")).ToHaveTextAsync("Monday, September 13, 2027");
        await Expect(visitor.Locator(".agenda-column", new() { HasText = "Hall A" }).Locator(".when")).ToContainTextAsync("22:00–23:30");
        await Browser.ScreenshotAsync(visitor, "agenda-new-york");
    }
}
