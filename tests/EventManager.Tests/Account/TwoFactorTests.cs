using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Two-factor sign-in with an authenticator app and recovery codes, and the organisers' "required for everyone".</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private AppFactory app = default!;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        app = new AppFactory(clock: clock).With("RateLimits:SignInPermits", "1000");
        await app.CreateStaffAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>What an authenticator app shows now for a base32 key (RFC 6238: HMAC-SHA1, 30-second steps, six digits).</summary>
    internal static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32(base32Key.Replace(" ", "").ToUpperInvariant());
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The code the app shows half a minute later: each code is good once, so each use waits for the next.</summary>
    private string Next(string key)
    {
        clock.Advance(TimeSpan.FromSeconds(30));
        return Totp(key, clock.GetUtcNow());
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    /// <summary>Signs in and turns two-factor on from the page, as a person with a phone would; returns the key and the recovery codes.</summary>
    private async Task<(string Key, List<string> Codes)> TurnOnAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/account/two-factor");
        Assert.StartsWith("data:image/svg+xml;base64,", page.QuerySelector("img.qr")!.GetAttribute("src"));
        var key = page.QuerySelector("#shared-key")!.TextContent;
        using var wrong = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = "000000" == Totp(key, clock.GetUtcNow()) ? "111111" : "000000" }, "form[action$='/enable']");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);

        using var enabled = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = Next(key) }, "form[action$='/enable']");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var done = await enabled.ReadDocumentAsync();
        Assert.True(enabled.Headers.CacheControl?.NoStore, "recovery codes must not be kept by a cache");
        var codes = done.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Contains("Two-factor sign-in is on. Recovery codes left: 10.", done.QuerySelector("#two-factor-state")!.TextContent);
        return (key, codes);
    }

    private async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email, string password) =>
        await client.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    [Fact]
    public async Task With_two_factor_on_the_password_alone_no_longer_signs_in_a_code_or_a_recovery_code_does_once()
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var (key, codes) = await TurnOnAsync(staff);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == AppFactory.StaffEmail).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // The password leads to the code page, not in.
        var phone = app.Client(followRedirects: false);
        using (var password = await PasswordAsync(phone, AppFactory.StaffEmail, AppFactory.StaffPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.StartsWith("/account/login/two-factor", password.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/staff")).StatusCode);
        using (var wrong = await phone.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string> { ["code"] = "12345" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            Assert.Contains("That code is not right.", string.Join(" ", (await wrong.ReadDocumentAsync()).Errors()));
        }

        using (var right = await phone.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string> { ["code"] = Next(key) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Equal("/staff", right.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/staff")).StatusCode);

        // Without the phone: a recovery code works once.
        var laptop = app.Client(followRedirects: false);
        (await PasswordAsync(laptop, AppFactory.StaffEmail, AppFactory.StaffPassword)).Dispose();
        using (var recovered = await laptop.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string> { ["code"] = codes[3] }))
        {
            Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        }

        var again = app.Client(followRedirects: false);
        (await PasswordAsync(again, AppFactory.StaffEmail, AppFactory.StaffPassword)).Dispose();
        using (var reused = await again.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string> { ["code"] = codes[3] }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        }

        Assert.Contains("Recovery codes left: 9.", (await phone.GetPageAsync("/account/two-factor")).QuerySelector("#two-factor-state")!.TextContent);
        // The code page cannot be used without the password first.
        using var skipped = await app.Client(followRedirects: false).GetAsync("/account/login/two-factor");
        Assert.Equal("/account/login", skipped.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_an_older_one_never_after_it_and_recovery_codes_forgive_case_and_spaces()
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var (key, codes) = await TurnOnAsync(staff);

        async Task<HttpStatusCode> CodeAsync(string code)
        {
            var client = app.Client(followRedirects: false);
            (await PasswordAsync(client, AppFactory.StaffEmail, AppFactory.StaffPassword)).Dispose();
            using var response = await client.SubmitFormAsync("/account/login/two-factor", new Dictionary<string, string> { ["code"] = code });
            return response.StatusCode;
        }

        var earlier = Next(key);
        var code = Next(key);
        Assert.Equal(HttpStatusCode.Redirect, await CodeAsync(code));
        // The same code a second later, on another device (or from someone who saw it): refused.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await CodeAsync(code));
        // A code from half a minute before, still within the drift allowed: refused, it is older than the one used.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await CodeAsync(earlier));
        Assert.Equal(HttpStatusCode.Redirect, await CodeAsync(Next(key)));

        // A recovery code typed in lower case, with spaces and without its hyphen is the same code.
        Assert.Equal(HttpStatusCode.Redirect, await CodeAsync(" " + codes[5].Replace("-", " ").ToLowerInvariant() + " "));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await CodeAsync(codes[5]));
    }

    [Fact]
    public async Task When_organisers_require_two_factor_everyone_without_it_is_led_to_set_it_up_and_cannot_turn_it_off()
    {
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        // The same organiser in another browser, signed in before any of this.
        var otherOrganiser = app.Client();
        await otherOrganiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var staff = app.Client(followRedirects: false);
        (await PasswordAsync(staff, AppFactory.StaffEmail, AppFactory.StaffPassword)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/staff")).StatusCode);

        // Only an organiser signed in with two factors may require them.
        using (var notYet = await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), "form[action='/organiser/team/two-factor']"))
        {
            Assert.Contains("Turn on two-factor sign-in for yourself first", (await notYet.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
        }

        await TurnOnAsync(organiser);

        using (var required = await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), "form[action='/organiser/team/two-factor']"))
        {
            Assert.Contains("Everyone on the team now signs in with a code", (await required.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        }

        Assert.Contains("required two-factor sign-in for the whole team", (await organiser.GetPageAsync("/organiser/activity")).QuerySelector("#activity tbody tr")!.TextContent);

        // Staff already signed in, and a second organiser session without a code, are led to set it up before anything else.
        using (var led = await staff.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, led.StatusCode);
            Assert.Equal("/account/two-factor", led.Headers.Location!.OriginalString);
        }

        using var organiserResponse = await otherOrganiser.GetAsync("/organiser/events");
        Assert.Equal("/account/two-factor", organiserResponse.RequestMessage!.RequestUri!.AbsolutePath);
        var organiserPage = await organiserResponse.ReadDocumentAsync();
        Assert.Contains("The organisers require two-factor sign-in. Sign out and sign in again with a code from your app.", organiserPage.QuerySelector(".notice.problem")!.TextContent);

        var followingStaff = app.Client();
        (await PasswordAsync(followingStaff, AppFactory.StaffEmail, AppFactory.StaffPassword)).Dispose();
        Assert.Contains("The organisers require two-factor sign-in for the whole team. Set it up here to go on.",
            (await followingStaff.GetPageAsync("/staff")).QuerySelector(".notice.problem")!.TextContent);
        var (key, _) = await TurnOnAsync(followingStaff);
        Assert.Equal(HttpStatusCode.OK, (await followingStaff.GetAsync("/staff")).StatusCode);
        Assert.Null((await followingStaff.GetPageAsync("/account/two-factor")).QuerySelector("form[action$='/disable']"));

        // A forged post to turn it off is refused while it is required.
        var token = (await followingStaff.GetPageAsync("/account/two-factor")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (await followingStaff.PostAsync("/account/two-factor/disable", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["code"] = Next(key) })))
        {
        }

        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == AppFactory.StaffEmail).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Without_the_requirement_a_member_turns_two_factor_off_with_a_code()
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        var (key, _) = await TurnOnAsync(staff);
        using (var wrong = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = "99999" }, "form[action$='/disable']"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }

        using var off = await staff.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["code"] = Next(key) }, "form[action$='/disable']");
        Assert.Contains("Two-factor sign-in is off.", (await off.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var next = app.Client(followRedirects: false);
        using var password = await PasswordAsync(next, AppFactory.StaffEmail, AppFactory.StaffPassword);
        Assert.Equal("/staff", password.Headers.Location!.OriginalString);
    }
}
