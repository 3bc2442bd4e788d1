using EventManager.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// People first, in Chromium: an organiser adds a keynote speaker who will never register (with a photo), puts her on
/// the agenda and publishes; a visitor follows her name from the public agenda to her page and reads it in Chinese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_adds_a_speaker_who_never_registers_and_the_public_reads_her_page_in_chinese()
    {
        _ = app.ServerAddress;
        int eventId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            eventId = (await scope.ServiceProvider.GetRequiredService<EventService>().SaveAsync(null, new EventInput(
                "Rectors' Dialogue", "dialogue", EventKind.Dialogue, null,
                new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, "Guiyang", null))).Value!.Id;
        }

        var photo = Path.Combine(Path.GetTempPath(), $"portrait-{Guid.NewGuid():N}.png");
        using (var bitmap = new SKBitmap(300, 400))
        {
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(new SKColor(0x30, 0x50, 0x80));
            }

            await File.WriteAllBytesAsync(photo, bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        }

        var page = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a person" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.Locator("#Title").FillAsync("Academician");
        await page.Locator("#LatinName").FillAsync("Zhang Wenhua");
        await page.Locator("#NativeName").FillAsync("张文华");
        await page.Locator("#Position").FillAsync("Chair, China Association for International Education");
        await page.Locator("#Biography").FillAsync("Twenty years of exchanges between Chinese and Central Asian universities.");
        await page.Locator("#Biography-zh").FillAsync("二十年来致力于中国与中亚高校交流。");
        await page.Locator("#photo").SetInputFilesAsync(photo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Zhang Wenhua was saved.");
        await Expect(page.Locator("img.portrait")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "person-form");

        // On the agenda by name, then published.
        await page.GotoAsync($"/organiser/events/{eventId}/agenda");
        await page.GetByRole(AriaRole.Link, new() { Name = "New session" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Keynote: universities along the Silk Road");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Plenary" });
        await page.GetByLabel("Starts").FillAsync("2027-09-14T10:00");
        await page.GetByLabel("Ends").FillAsync("2027-09-14T10:45");
        await page.Locator("#speaker-0").FillAsync("Zhang Wenhua");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was saved.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();

        // A visitor in Chinese follows the name to her page.
        var visitor = await browser.NewPageAsync(app.ServerAddress, locale: "zh-CN", timeZone: "Asia/Shanghai");
        await visitor.GotoAsync("/events/dialogue/agenda?lang=zh-CN");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Zhang Wenhua" }).ClickAsync();
        await Expect(visitor.Locator("#speaker h1")).ToHaveTextAsync("Academician Zhang Wenhua");
        await Expect(visitor.Locator("#speaker")).ToContainTextAsync("二十年来致力于中国与中亚高校交流。");
        await Expect(visitor.Locator("#speaker")).Not.ToContainTextAsync("Twenty years");
        // The photo loads (from the app itself), drawn again at the size the server keeps.
        Assert.True(await visitor.Locator("img.portrait").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 300"));
        await Browser.AssertAccessibleAsync(visitor);
        await Browser.ScreenshotAsync(visitor, "speaker-page-zh");
        File.Delete(photo);
    }
}
