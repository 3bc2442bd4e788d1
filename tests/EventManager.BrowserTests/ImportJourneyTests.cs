using System.Text;
using EventManager.Core.Events;
using EventManager.Core.Institutions;
using EventManager.Core.Registrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ImportJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true, jobServer: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_organiser_imports_five_thousand_delegates_and_watches_the_bar_fill_without_a_reload_then_reads_the_summary()
    {
        _ = app.ServerAddress;
        int eventId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ev = (await scope.ServiceProvider.GetRequiredService<EventService>().SaveAsync(null, new EventInput(
                "Rectors' Dialogue", "dialogue", EventKind.Dialogue, null,
                new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 18, 0, 0), "Asia/Shanghai", null, "Guiyang", null))).Value!;
            await scope.ServiceProvider.GetRequiredService<RegistrationPolicies>().SaveAsync(ev.Id, new RegistrationPolicyInput(true, null, null, 4500, null, false));
            await scope.ServiceProvider.GetRequiredService<InstitutionService>().SaveAsync(null, new InstitutionInput("Guizhou University", "贵州大学", "CN", "Guiyang"));
            eventId = ev.Id;
        }

        var csv = new StringBuilder("latin_name,native_name,email,institution,country\n");
        for (var i = 0; i < 4999; i++)
        {
            csv.Append($"Delegate {i},代表{i},d{i:D5}@import.example,Guizhou University,CN\n");
        }

        csv.Append("No Address,,,Guizhou University,CN\n");
        var page = await browser.NewPageAsync(app.ServerAddress);
        // Every value the progress bar takes, with the document it was in (a reload starts a new one): recorded by the
        // page itself as it happens, so how long the test takes to look (axe, a busy machine) cannot miss the moment.
        await page.AddInitScriptAsync(@"document.addEventListener('DOMContentLoaded', () => {
            const bar = document.getElementById('import-progress');
            if (!bar) return;
            const record = moved => {
                const seen = JSON.parse(sessionStorage.getItem('bar') || '[]');
                seen.push([performance.timeOrigin, Number(bar.value), moved]);
                sessionStorage.setItem('bar', JSON.stringify(seen));
            };
            record(0);
            new MutationObserver(() => record(1)).observe(bar, { attributes: true, attributeFilter: ['value'] });
        });");
        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.GotoAsync($"/organiser/events/{eventId}/registrations/import");
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "delegates.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Expect(page.Locator("#import-summary")).ToHaveTextAsync("4,999 rows ready to import; 1 with problems, which will be skipped.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 4,999 delegates" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importing delegates");
        await Browser.AssertAccessibleAsync(page);
        await Expect(page.Locator("#import-done")).ToContainTextAsync("of 5000 rows done");

        // At the end the page shows the summary (it reloads once, to show the skipped rows).
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import finished", new() { Timeout = 30_000 });
        await Expect(page.Locator("#import-result")).ToHaveTextAsync("Imported 4,999 delegates: 4500 confirmed, 499 on the waiting list; 1 row skipped.");
        await Expect(page.Locator("#import-skipped-rows")).ToContainTextAsync("Enter an email address.");
        // The bar moved (not as served, but updated by the page) part way, in the document it started in: without a reload.
        var seen = await page.EvaluateAsync<double[][]>("() => JSON.parse(sessionStorage.getItem('bar') || '[]')");
        var first = seen.First()[0];
        Assert.Contains(seen, v => v[0] == first && v[2] == 1 && v[1] > 0 && v[1] < 5000);
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "import-finished");
    }
}
