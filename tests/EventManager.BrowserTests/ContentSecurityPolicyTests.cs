using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace EventManager.BrowserTests;

/// <summary>
/// The main pages under the real Content-Security-Policy (default-src 'self', no inline script or style): Chromium
/// reports nothing refused, so nothing a page needs is blocked, and the policy can stay strict.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_main_pages_load_with_the_policy_on_and_nothing_is_refused()
    {
        await app.CreateStaffAsync();
        var dialogue = await app.WithDbAsync(db => db.Events.SingleAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug));
        var ceremony = await app.WithDbAsync(db => db.Sessions.Where(s => s.Kind == Core.Agenda.SessionKind.SigningCeremony).Select(s => s.Id).SingleAsync());
        var slug = dialogue.Slug;

        var page = await browser.NewPageAsync(app.ServerAddress);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy") || message.Text.Contains("Refused to")))
            {
                refused.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => refused.Add($"{page.Url}: {error}");

        async Task VisitAsync(string url)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{url} answered {response?.Status}");
            var policy = await response!.HeaderValueAsync("content-security-policy");
            Assert.Contains("default-src 'self'", policy);
            // Give late resources (styles, the agenda script) their chance to be refused.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        foreach (var url in new[]
                 {
                     "/", $"/events/{slug}", $"/events/{slug}/register", $"/events/{slug}/agenda", $"/events/{slug}/agenda?day=all",
                     "/account/login", "/account/forgot-password", "/verify",
                 })
        {
            await VisitAsync(url);
        }

        // The agenda's "use my time zone" script runs: it is a file of the app's own.
        await page.GotoAsync($"/events/{slug}/agenda");
        Assert.True(await page.Locator("#use-my-zone").IsVisibleAsync(), "agenda.js did not run");

        await Browser.SignInAsync(page, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        foreach (var url in new[]
                 {
                     "/organiser/events", $"/organiser/events/{dialogue.Id}/registrations", $"/organiser/events/{dialogue.Id}/agenda",
                     $"/organiser/ceremonies/{ceremony}", "/organiser/team", "/organiser/messages", "/hangfire",
                     "/staff", $"/staff/ceremonies/{ceremony}/certificates", "/account/two-factor",
                     $"/organiser/events/{dialogue.Id}", "/organiser/institutions",
                 })
        {
            await VisitAsync(url);
        }

        // The timetable's stylesheet and drag script, and the speakers' "add another" script, are files of the app's own.
        await page.GotoAsync($"/organiser/events/{dialogue.Id}/agenda");
        Assert.Equal("grid", await page.Locator("#timetable").EvaluateAsync<string>("t => getComputedStyle(t).display"));
        await page.GotoAsync($"/organiser/events/{dialogue.Id}/agenda/sessions/new");
        Assert.True(await page.Locator("#add-speaker").IsVisibleAsync(), "people.js did not run");
        await page.GotoAsync("/account/two-factor");

        // The authenticator's QR code is an image of the page itself (data:), allowed by img-src.
        Assert.True(await page.Locator("img.qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR code did not show");
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }
}
