using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class OrganiserJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task SignInAsync(IPage page, string locale = "en-GB")
    {
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = locale == "zh-CN" ? "管理活动" : "Manage events" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_organiser_creates_an_event_and_sees_it_on_its_public_page()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await SignInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "New event" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Astana Rectors' Forum on Digital Universities");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Forum" });
        await page.GetByLabel("Starts").FillAsync("2027-05-20T09:30");
        await page.GetByLabel("Ends").FillAsync("2027-05-21T17:00");
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Almaty");
        await page.GetByLabel("Venue").FillAsync("Nazarbayev University, Block C3");
        await page.GetByLabel("City").FillAsync("Astana");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save event" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The event was created.");
        // The new event's home: nothing registered yet, so the first thing to do is to open registration.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Astana Rectors' Forum on Digital Universities");
        await Expect(page.Locator("#next-steps")).ToContainTextAsync("Registration is closed: open it when the event is ready");
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Public page", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/events/astana-rectors-forum-on-digital-universities$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Astana Rectors' Forum on Digital Universities");
        var when = page.Locator(".facts time");
        await Expect(when).ToContainTextAsync("Thursday, May 20, 2027");
        await Expect(when).ToHaveAttributeAsync("datetime", "2027-05-20T04:30:00Z");
        await Expect(page.Locator(".facts")).ToContainTextAsync("Asia/Almaty");
        await Browser.ScreenshotAsync(page, "public-event");

        // The same page, seen by a visitor who is not signed in, is accessible.
        var visitor = await browser.NewPageAsync(app.ServerAddress);
        await visitor.GotoAsync("/events/astana-rectors-forum-on-digital-universities");
        await Browser.AssertAccessibleAsync(visitor);
    }

    [Fact]
    public async Task A_mistake_on_the_form_is_explained_next_to_the_field()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await SignInAsync(page);
        await page.GotoAsync("/organiser/events/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Backwards Forum");
        await page.GetByLabel("Starts").FillAsync("2027-05-21T09:00");
        await page.GetByLabel("Ends").FillAsync("2027-05-20T17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save event" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The event must end after it starts.");
        await Expect(page.GetByLabel("Ends")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#EndsLocal-error")).ToHaveTextAsync("The event must end after it starts.");
        // What was typed is kept.
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Backwards Forum");
        await Browser.ScreenshotAsync(page, "event-form-error");
        // The form comes back with 422 Unprocessable Entity: that page, not an error page, is what axe checks.
        await Browser.AssertAccessibleAsync(page, expectedStatus: 422);
    }

    [Fact]
    public async Task An_organiser_writes_a_reminder_in_chinese_beside_the_english_and_takes_it_back()
    {
        var eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
        var page = await browser.NewPageAsync(app.ServerAddress);
        await SignInAsync(page);
        await page.GotoAsync($"/organiser/events/{eventId}/reminders");
        var row = page.Locator("#rules tbody tr").Filter(new() { HasText = "An hour before each session" });
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("English");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit An hour before each session, to its speakers and chair" }).ClickAsync();

        // One field per event language, side by side; the ones not written yet say so.
        var subject = page.GetByRole(AriaRole.Group, new() { Name = "Subject", Exact = true });
        var message = page.GetByRole(AriaRole.Group, new() { Name = "Message", Exact = true });
        await Expect(subject.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(4);
        await Expect(page.Locator("label[for='Subject-zh'] .missing")).ToBeVisibleAsync();
        await subject.GetByLabel("中文").FillAsync("一小时后：{session}");
        await message.GetByLabel("中文").FillAsync("尊敬的{name}：\n\n{session}将于{start}在{room}开始。\n\n您的日程：{link}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("English, 中文");
        await Browser.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit An hour before each session, to its speakers and chair" }).ClickAsync();
        await Expect(subject.GetByLabel("中文")).ToHaveValueAsync("一小时后：{session}");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "reminder-languages");

        // Emptied, the Chinese is gone: its readers get the English again.
        await subject.GetByLabel("中文").FillAsync("");
        await message.GetByLabel("中文").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("English");
    }

    [Fact]
    public async Task The_desks_and_messages_have_no_serious_accessibility_violations_in_english_or_chinese()
    {
        var eventId = await app.WithDbAsync(db => db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync());
        var ceremonyId = await app.WithDbAsync(db => db.Sessions.Where(s => s.EventId == eventId && s.Kind == EventManager.Core.Agenda.SessionKind.SigningCeremony).Select(s => s.Id).FirstAsync());
        var registrationId = await app.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        var sessionId = await app.WithDbAsync(db => db.Sessions.Where(s => s.EventId == eventId).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        // A message to open: the private link sent again to a delegate.
        Assert.True(await app.WithServiceAsync<EventManager.Core.Registrations.RegistrationAdministration, bool>(async a => (await a.ResendLinkAsync(eventId, registrationId)).Succeeded));
        var messageId = await app.WithDbAsync(db => db.OutgoingMessages.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        foreach (var locale in new[] { "en-GB", "zh-CN" })
        {
            var page = await browser.NewPageAsync(app.ServerAddress, locale);
            await SignInAsync(page, locale);
            foreach (var url in new[]
            {
                $"/staff/events/{eventId}/check-in", $"/staff/ceremonies/{ceremonyId}/certificates", "/organiser/messages", $"/organiser/ceremonies/{ceremonyId}",
                $"/organiser/events/{eventId}/registrations", $"/organiser/events/{eventId}/questions", "/organiser/team", "/organiser/activity",
                $"/organiser/events/{eventId}", $"/organiser/events/{eventId}/registrations/{registrationId}", $"/organiser/events/{eventId}/agenda",
            }.Concat(locale == "en-GB"
                // The rest of the organiser's pages once, in English: the same layout and components as those above.
                ? [$"/organiser/events/{eventId}/registrations/{registrationId}/edit", $"/organiser/messages/{messageId}", "/organiser/institutions", $"/organiser/events/{eventId}/agenda/sessions/{sessionId}/edit"]
                : []))
            {
                await page.GotoAsync(url);
                await Browser.AssertAccessibleAsync(page);
                await Browser.ScreenshotAsync(page, $"{locale}{url.Replace('/', '-')}");
            }
        }
    }

    [Fact]
    public async Task An_organiser_invites_a_colleague_who_sets_a_password_from_the_email_and_reaches_the_desk()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("nurlan.abenov@kaznu.example.kz");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Нұрлан Әбенов");
        await page.GetByLabel("Staff: check-in desk, badges, certificates").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("An invitation is on its way to nurlan.abenov@kaznu.example.kz.");
        var row = page.Locator("#team tbody tr").Filter(new() { HasText = "nurlan.abenov@kaznu.example.kz" });
        await Expect(row).ToContainTextAsync("Invited, no password yet");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "team");

        var invitation = await app.WithDbAsync(db => db.OutgoingMessages.SingleAsync(m => m.RecipientEmail == "nurlan.abenov@kaznu.example.kz"));
        var link = System.Text.RegularExpressions.Regex.Match(invitation.TextBody, @"http\S+/account/set-password\S+").Value;
        var newcomer = await browser.NewPageAsync(app.ServerAddress);
        await newcomer.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(newcomer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose your password");
        await Browser.AssertAccessibleAsync(newcomer);
        await newcomer.GetByLabel("New password").FillAsync("steppe wind over astana");
        await newcomer.GetByLabel("The same password again").FillAsync("steppe wind over astana");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Save the password and sign in" }).ClickAsync();

        await Expect(newcomer.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set and you are signed in.");
        await Expect(newcomer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staff"));
        await Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(row).ToContainTextAsync("Can sign in");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/account/forgot-password")]
    [InlineData("/events/china-kazakhstan-rectors-dialogue/register")]
    [InlineData("/events/china-kazakhstan-rectors-dialogue")]
    [InlineData("/events/no-such-event", 404)]
    public async Task Public_pages_have_no_serious_accessibility_violations(string url, int status = 200)
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.GotoAsync(url);
        await Browser.AssertAccessibleAsync(page, status);
        await Browser.ScreenshotAsync(page, "public" + url.Replace('/', '-'));
    }

    [Fact]
    public async Task Organiser_screens_have_no_serious_accessibility_violations()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await SignInAsync(page);
        foreach (var url in new[] { "/organiser/events", "/organiser/events/new", "/organiser/institutions", "/organiser/institutions/new" })
        {
            await page.GotoAsync(url);
            await Browser.AssertAccessibleAsync(page);
            await Browser.ScreenshotAsync(page, "organiser" + url.Replace('/', '-'));
        }
    }
}
