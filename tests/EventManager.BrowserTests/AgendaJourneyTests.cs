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
            await agenda.SaveRoomAsync(ev.Id, null, new RoomInput("Meeting room 1", null, 20));
            await agenda.SaveRoomAsync(ev.Id, null, new RoomInput("Meeting room 2", null, 20));
            eventId = ev.Id;
        }

        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/events/{eventId}/agenda");

        async Task AddAsync(string title, string starts, string ends, string room = "Hall A (300)")
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "New session" }).ClickAsync();
            await page.GetByLabel("Title").FillAsync(title);
            await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Dialogue round" });
            await page.GetByLabel("Starts").FillAsync(starts);
            await page.GetByLabel("Ends").FillAsync(ends);
            await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = room });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{title} was saved.");
        }

        await AddAsync("Round on joint programmes", "2027-09-14T10:00", "2027-09-14T11:30");
        await AddAsync("Round on mobility", "2027-09-14T11:00", "2027-09-14T12:00");

        var clashes = page.Locator("#clash-list");
        await Expect(clashes).ToContainTextAsync("Hall A is booked twice: Round on joint programmes and Round on mobility overlap.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "agenda-clash");
        // WCAG 2.2 too: every link and button of the timetable is a target of 24 px at least.
        await Browser.AssertAccessibleAsync(page, targetSize: true);
        // The grid lines up with the header above it, at a width where both are held by the page's wrap.
        var edges = await page.EvaluateAsync<double[]>(@"() => {
            const wrap = document.querySelector('.site-header .wrap');
            return [wrap.getBoundingClientRect().left + parseFloat(getComputedStyle(wrap).paddingLeft), document.querySelector('.timetable-scroll').getBoundingClientRect().left];
        }");
        Assert.InRange(Math.Abs(edges[0] - edges[1]), 0, 1);
        // A clashing tile leads to its line in the list, and the line to the other session.
        await page.Locator("article.session").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Edit Round on mobility", Exact = true }) })
            .Locator(".field-error a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#issue-0$"));
        await Expect(page.Locator("#issue-0 a.issue-session")).ToHaveTextAsync(["Round on joint programmes", "Round on mobility"]);

        // Fix it: move the mobility round to Hall B.
        var mobility = page.Locator("article.session").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Edit Round on mobility", Exact = true }) });
        await mobility.GetByText("Move").First.ClickAsync();
        await mobility.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Hall B" });
        await mobility.GetByRole(AriaRole.Button, new() { Name = "Move Round on mobility" }).ClickAsync();
        await Expect(page.Locator("#clash-list")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");

        // The timetable: drag the joint programmes round to Hall B at 14:00. The drop sends the session's Move form,
        // so the server checks clashes as it does for the form.
        // (A tall window, so the start and the end of the drag are both on the screen, as they are for a person.)
        await page.SetViewportSizeAsync(1280, 2000);
        var joint = page.Locator("#timetable article.session", new() { HasText = "Round on joint programmes" });
        var drop = await page.EvaluateAsync<double[]>(@"() => {
            const grid = document.getElementById('timetable').getBoundingClientRect();
            const hall = [...document.querySelectorAll('.tt-room')].find(h => h.textContent.includes('Hall B')).getBoundingClientRect();
            const two = [...document.querySelectorAll('.tt-hour')].find(h => h.textContent.trim() === '14:00').getBoundingClientRect();
            return [hall.left + hall.width / 2 - grid.left, two.top - grid.top + 6];
        }");
        await joint.DragToAsync(page.Locator("#timetable"), new()
        {
            SourcePosition = new() { X = 40, Y = 6 },
            TargetPosition = new() { X = (float)drop[0], Y = (float)drop[1] },
        });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Round on joint programmes was moved.");
        var moved = page.Locator("#timetable article.session", new() { HasText = "Round on joint programmes" });
        await Expect(moved.Locator(".when")).ToContainTextAsync("14:00–15:30");
        Assert.Equal(await page.Locator("#timetable .tt-room", new() { HasText = "Hall B" }).EvaluateAsync<string>("h => getComputedStyle(h).gridColumnStart"),
            await moved.EvaluateAsync<string>("s => getComputedStyle(s).gridColumnStart"));
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "agenda-timetable");

        // The same move by keyboard, through the session's Move form: back to 10:00 in Hall A.
        await moved.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await moved.GetByLabel("New start").FillAsync("2027-09-14T10:00");
        await moved.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Hall A" });
        await moved.GetByRole(AriaRole.Button, new() { Name = "Move Round on joint programmes" }).PressAsync("Enter");
        await Expect(page.Locator("#timetable article.session", new() { HasText = "Round on joint programmes" }).Locator(".when")).ToContainTextAsync("10:00–11:30");
        // Back where version 1 has it: nothing to publish, and no empty version is offered.
        await Expect(page.Locator("#pending-changes")).ToHaveTextAsync("The draft has no changes since the last version.");

        // On a phone the timetable scrolls inside its box; nothing in it (a short session's hidden time included)
        // widens the page.
        await page.SetViewportSizeAsync(390, 844);
        await AddAsync("Coffee", "2027-09-14T12:30", "2027-09-14T12:45", "Meeting room 2 (20)");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the agenda editor is wider than a 390 px screen");
        await Browser.ScreenshotAsync(page, "agenda-timetable-390");

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
