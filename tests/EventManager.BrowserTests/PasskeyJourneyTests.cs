using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventManager.BrowserTests;

/// <summary>
/// A staff member adds a passkey and signs in with it, in Chromium with a virtual authenticator (WebAuthn through the
/// DevTools protocol). WebAuthn needs a domain, not an IP address: the app is reached as http://localhost.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyJourneyTests(Browser browser) : IAsyncLifetime
{
    private AppFactory app = default!;
    private Uri address = default!;

    public Task InitializeAsync()
    {
        app = new AppFactory(kestrel: true);
        address = new Uri($"http://localhost:{app.Port}");
        app.With("App:PublicBaseUrl", address.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static async Task AddAuthenticatorAsync(IPage page)
    {
        var devtools = await page.Context.NewCDPSessionAsync(page);
        await devtools.SendAsync("WebAuthn.enable");
        await devtools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
    }

    [Fact]
    public async Task A_staff_member_adds_a_passkey_and_signs_in_with_it_without_password_or_code()
    {
        _ = app.ServerAddress;
        await app.CreateStaffAsync();
        var page = await browser.NewPageAsync(address);
        await AddAuthenticatorAsync(page);
        await Browser.SignInAsync(page, AppFactory.StaffEmail, AppFactory.StaffPassword);

        await page.GotoAsync("/account/two-factor");
        await Expect(page.Locator("#no-passkeys")).ToBeVisibleAsync();
        await page.GetByLabel("Name of the device").FillAsync("Desk laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey is added.");
        await Expect(page.Locator(".passkey-list")).ToContainTextAsync("Desk laptop");
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>>().CountAsync()));
        await Browser.AssertAccessibleAsync(page);
        await Browser.ScreenshotAsync(page, "passkeys");

        // Signed out, the same browser (and its authenticator) signs in with the passkey alone.
        await page.Locator("form[action='/account/logout'] button").ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/staff", StringComparison.Ordinal));
        await Expect(page.Locator("header .who")).ToHaveTextAsync(AppFactory.StaffEmail);

        // Removed, it signs nobody in.
        await page.GotoAsync("/account/two-factor");
        await page.Locator(".passkey-list form button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The passkey is removed");
        await page.Locator("form[action='/account/logout'] button").ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page.Locator(".notice.problem")).ToContainTextAsync("That passkey does not sign anyone in here.");
        Assert.EndsWith("/account/login", page.Url);
    }
}
