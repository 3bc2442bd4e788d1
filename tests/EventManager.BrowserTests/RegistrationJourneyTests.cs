using System.Text.RegularExpressions;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class RegistrationJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(demoSeed: true, kestrel: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<int> EventAsync(string slug, bool approval)
    {
        _ = app.ServerAddress;
        await using var scope = app.Services.CreateAsyncScope();
        var ev = (await scope.ServiceProvider.GetRequiredService<EventService>().SaveAsync(null, new EventInput(
            "Almaty Rectors' Round Table", slug, EventKind.Dialogue, null,
            new DateTime(2027, 9, 14, 9, 0, 0), new DateTime(2027, 9, 14, 17, 0, 0), "Asia/Almaty", "Al-Farabi University", "Almaty", null))).Value!;
        var saved = await scope.ServiceProvider.GetRequiredService<RegistrationPolicies>().SaveAsync(ev.Id, new RegistrationPolicyInput(true, null, null, 40, null, approval));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return ev.Id;
    }

    private static async Task FillRegistrationAsync(IPage page, string email)
    {
        await page.GetByLabel("Name in Latin letters", new() { Exact = true }).FillAsync("Gulnara Kassymova");
        await page.GetByLabel("Name in your own script", new() { Exact = true }).FillAsync("Гүлнара Қасымова");
        await page.GetByLabel("Position", new() { Exact = true }).FillAsync("Rector");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Language for messages").SelectOptionAsync("kk-KZ");
        await page.GetByLabel("Institution", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Satbayev University — Сәтбаев университеті" });
        await page.GetByLabel("Country").SelectOptionAsync("KZ");
        await page.GetByLabel("Arrival date").FillAsync("2027-09-13");
        await page.GetByLabel("Departure date").FillAsync("2027-09-15");
        // The passport's details are asked only of someone who wants a letter: the fields appear with the tick (CSS alone).
        await Expect(page.GetByLabel("Passport number")).ToBeHiddenAsync();
        await page.GetByLabel("I need an invitation letter for a visa").CheckAsync();
        await page.GetByLabel("Passport number").FillAsync("N 1234 5678");
        await page.GetByLabel("Date of birth").FillAsync("1966-05-17");
        await page.GetByLabel("Nationality (as in the passport)").SelectOptionAsync("KZ");
    }

    [Fact]
    public async Task A_delegate_registers_opens_the_link_from_the_message_and_cancels()
    {
        await EventAsync("round-table", approval: false);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.GotoAsync("/events/round-table");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await Browser.AssertAccessibleAsync(page);
        await FillRegistrationAsync(page, "gulnara@satbayev.example");
        await Browser.ScreenshotAsync(page, "register-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send registration" }).ClickAsync();

        // The answer is the same for a new address and a registered one: the private link goes by mail only.
        await Expect(page.Locator("#registration-sent")).ToContainTextAsync("We have sent a message to gulnara@satbayev.example.");
        await Browser.ScreenshotAsync(page, "registration-outcome");
        await Browser.AssertAccessibleAsync(page);

        // Later, from another browser: the link in the confirmation message.
        var link = await LinkSentToAsync("gulnara@satbayev.example");
        var later = await browser.NewPageAsync(app.ServerAddress);
        await later.GotoAsync(link);
        await Expect(later.Locator("#registration-status .status")).ToHaveTextAsync("Confirmed");
        await Expect(later.GetByLabel("Name in your own script")).ToHaveValueAsync("Гүлнара Қасымова");

        await later.GetByLabel("Yes, cancel my registration").CheckAsync();
        await later.GetByRole(AriaRole.Button, new() { Name = "Cancel registration" }).ClickAsync();
        await Expect(later.Locator("#registration-status .status")).ToHaveTextAsync("Cancelled");
        await Expect(later.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your registration is cancelled.");
    }

    [Fact]
    public async Task An_organiser_approves_a_pending_registration()
    {
        var eventId = await EventAsync("approval", approval: true);
        var delegatePage = await browser.NewPageAsync(app.ServerAddress);
        await delegatePage.GotoAsync("/events/approval/register");
        await FillRegistrationAsync(delegatePage, "pending@satbayev.example");
        await delegatePage.GetByRole(AriaRole.Button, new() { Name = "Send registration" }).ClickAsync();
        await Expect(delegatePage.Locator("#registration-sent")).ToBeVisibleAsync();
        var selfService = await LinkSentToAsync("pending@satbayev.example");
        await delegatePage.GotoAsync(selfService);
        await Expect(delegatePage.Locator("#registration-status .status")).ToHaveTextAsync("Awaiting approval");

        var organiser = await browser.NewPageAsync(app.ServerAddress);
        await Browser.SignInAsync(organiser, AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await organiser.GetByRole(AriaRole.Row, new() { Name = "Almaty Rectors' Round Table" }).GetByRole(AriaRole.Link, new() { Name = "Registrations" }).ClickAsync();
        await organiser.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Pending");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Browser.AssertAccessibleAsync(organiser);
        await organiser.GetByLabel("Select Gulnara Kassymova").CheckAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Approve selected" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Status)).ToContainTextAsync("1 approved.");
        await Browser.ScreenshotAsync(organiser, "registrations-approved");

        await delegatePage.GotoAsync(selfService);
        await Expect(delegatePage.Locator("#registration-status .status")).ToHaveTextAsync("Confirmed");
        Assert.True(eventId > 0);
    }

    /// <summary>The private link in the first message sent to an address, as the delegate finds it in their mail.</summary>
    private async Task<string> LinkSentToAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var body = scope.ServiceProvider.GetRequiredService<EventManager.Core.Data.EventManagerDbContext>().OutgoingMessages
            .Where(m => m.RecipientEmail == email).OrderBy(m => m.Id).First().TextBody;
        return Regex.Match(body, @"http://\S+/r/[A-Za-z0-9_-]{43}").Value;
    }
}
