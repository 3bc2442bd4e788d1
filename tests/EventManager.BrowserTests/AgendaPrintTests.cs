using Microsoft.Playwright;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AgendaPrintTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_printed_agenda_fits_the_width_of_an_A4_page()
    {
        var page = await browser.NewPageAsync(app.ServerAddress);
        // A4 is 210 mm wide; less the 12 mm margins of the print style that leaves 186 mm, about 703 CSS pixels.
        await page.SetViewportSizeAsync(703, 1000);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.GotoAsync("/events/china-kazakhstan-rectors-dialogue/agenda?day=all");

        Assert.Equal(2, await page.Locator(".agenda-day").CountAsync());
        var overflow = await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.agenda-grid')].some(g => g.scrollWidth > g.clientWidth + 1)");
        Assert.False(overflow, "A day of the agenda is wider than an A4 page.");
        Assert.False(await page.Locator(".zone-switch").IsVisibleAsync());
        Assert.False(await page.Locator(".day-links").IsVisibleAsync());
        Assert.False(await page.Locator("header").IsVisibleAsync());

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 1000);
        // Every page of the file is A4 (595 × 842 points), and each day starts a page of its own.
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var pages = document.GetPages().ToList();
            Assert.True(pages.Count >= 2, $"{pages.Count} page(s) for two days");
            Assert.All(pages, p => Assert.True(Math.Abs(p.Width - 595.3) < 1 && Math.Abs(p.Height - 841.9) < 1, $"page {p.Number} is {p.Width} × {p.Height} points"));
        }

        await Browser.SaveAsync("agenda-print.pdf", pdf);
    }
}
