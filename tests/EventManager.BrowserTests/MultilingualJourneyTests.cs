using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// A bilingual dialogue, bilingual everywhere: an organiser gives the event, its venue, a room and a session Chinese
/// and Kazakh texts through the forms, and a delegate whose browser reads Chinese sees them, with English only where
/// no Chinese was given.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MultilingualJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_writes_the_event_in_three_languages_and_a_chinese_delegate_reads_it_in_chinese()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync("/organiser/events/new");

        // Choose the languages first: the form then has a field for each, side by side.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "中文" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Қазақ тілі" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show fields for these languages" }).ClickAsync();
        var name = page.GetByRole(AriaRole.Group, new() { Name = "Name", Exact = true });
        await Expect(name.GetByRole(AriaRole.Textbox)).ToHaveCountAsync(3);
        await name.GetByLabel("English").FillAsync("Rectors' Cooperation Dialogue");
        await name.GetByLabel("中文").FillAsync("大学校长合作对话");
        await name.GetByLabel("Қазақ тілі").FillAsync("Ректорлардың ынтымақтастық диалогы");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Dialogue" });
        await page.GetByLabel("Starts").FillAsync("2027-09-14T09:00");
        await page.GetByLabel("Ends").FillAsync("2027-09-15T17:30");
        await page.GetByLabel("Time zone").SelectOptionAsync("Asia/Shanghai");
        var venue = page.GetByRole(AriaRole.Group, new() { Name = "Venue", Exact = true });
        await venue.GetByLabel("English").FillAsync("Guiyang International Eco-Conference Center");
        await venue.GetByLabel("中文").FillAsync("贵阳国际生态会议中心");
        await venue.GetByLabel("Қазақ тілі").FillAsync("Гуйян халықаралық эко-конференция орталығы");
        // The city is left in English only: the form says which languages it lacks.
        await page.GetByRole(AriaRole.Group, new() { Name = "City", Exact = true }).GetByLabel("English").FillAsync("Guiyang");
        await Expect(page.Locator("label[for='City-zh'] .missing")).ToBeVisibleAsync();
        // A field typed into stops saying its language is missing, before anything is saved.
        await Expect(page.Locator("label[for='City'] .missing")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "City", Exact = true }).GetByLabel("中文").FillAsync("贵");
        await Expect(page.Locator("label[for='City-zh'] .missing")).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "City", Exact = true }).GetByLabel("中文").FillAsync("");
        await Expect(page.Locator("label[for='City-zh'] .missing")).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "event-form-three-languages");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save event" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The event was created.");
        var eventPath = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync($"{eventPath}/rooms");
        var roomName = page.GetByRole(AriaRole.Group, new() { Name = "Name", Exact = true });
        await roomName.GetByLabel("English").FillAsync("Hall A");
        await roomName.GetByLabel("中文").FillAsync("A厅");
        await roomName.GetByLabel("Қазақ тілі").FillAsync("A залы");
        await page.GetByLabel("Capacity").FillAsync("300");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save room" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Hall A was saved.");

        await page.GotoAsync($"{eventPath}/agenda/sessions/new");
        var title = page.GetByRole(AriaRole.Group, new() { Name = "Title", Exact = true });
        await title.GetByLabel("English").FillAsync("Opening plenary");
        await title.GetByLabel("中文").FillAsync("开幕全体会议");
        await title.GetByLabel("Қазақ тілі").FillAsync("Ашылу пленарлық отырысы");
        await page.GetByLabel("Starts").FillAsync("2027-09-14T09:00");
        await page.GetByLabel("Ends").FillAsync("2027-09-14T10:00");
        await page.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Hall A (300)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opening plenary was saved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Version 1 is published.");

        // What is still missing, per language, with a file for a translator.
        await page.GotoAsync($"{eventPath}/translations");
        var chineseMissing = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "中文" }) });
        await Expect(chineseMissing).ToContainTextAsync("1 text is missing");
        await chineseMissing.GetByText("Show the missing texts").ClickAsync();
        await Expect(chineseMissing.Locator(".missing-texts")).ToContainTextAsync("City: Guiyang");
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "translations-page");

        var delegatePage = await browser.NewPageAsync(app.ServerAddress, locale: "zh-CN", timeZone: "Asia/Shanghai");
        await delegatePage.GotoAsync("/");
        await delegatePage.GetByRole(AriaRole.Link, new() { Name = "大学校长合作对话" }).ClickAsync();
        await Expect(delegatePage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("大学校长合作对话");
        var facts = delegatePage.Locator("main");
        await Expect(facts).ToContainTextAsync("贵阳国际生态会议中心");
        await Expect(facts).Not.ToContainTextAsync("Eco-Conference Center");
        // No Chinese city was given: the English one, not nothing.
        await Expect(facts).ToContainTextAsync("Guiyang");
        await Browser.ScreenshotAsync(delegatePage, "event-page-chinese-content");

        await delegatePage.GotoAsync($"{new Uri(delegatePage.Url).AbsolutePath}/agenda");
        await Expect(delegatePage.Locator(".agenda-column .room")).ToHaveTextAsync("A厅");
        await Expect(delegatePage.Locator("article.session")).ToContainTextAsync("开幕全体会议");
        await Expect(delegatePage.Locator("main")).Not.ToContainTextAsync("Opening plenary");
        await Browser.AssertAccessibleAsync(delegatePage);
        await Browser.ScreenshotAsync(delegatePage, "agenda-chinese-content");

        // The calendar feed the page offers speaks the reader's language too: the session and its place in Chinese.
        var feedLink = await delegatePage.Locator("a[href*='agenda.ics']").First.GetAttributeAsync("href");
        Assert.Contains("lang=zh-CN", feedLink);
        var feed = await (await delegatePage.APIRequest.GetAsync(feedLink!)).TextAsync();
        Assert.Contains("SUMMARY:开幕全体会议", feed);
        Assert.Contains("LOCATION:A厅，贵阳国际生态会议中心", feed);
        Assert.DoesNotContain("Opening plenary", feed);
    }
}
