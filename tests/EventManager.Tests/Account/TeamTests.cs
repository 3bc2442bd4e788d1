using System.Net;
using System.Text.RegularExpressions;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>Organisers invite colleagues, change their role and take their access away; everyone manages their own password.</summary>
public sealed partial class TeamTests : IAsyncLifetime
{
    private const string Colleague = "aigerim.sadykova@guizhou-week.example.org";
    private const string NewPassword = "four words in a row";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 8, 1, 6, 0, 0, TimeSpan.Zero));
    private AppFactory app = default!;
    private HttpClient organiser = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory(clock: clock).With("RateLimits:PublicFormPermits", "1000");
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_invited_colleague_chooses_a_password_from_the_email_and_works_as_staff()
    {
        using var invited = await InviteAsync(Colleague, "Айгерім Садықова", Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var page = await invited.ReadDocumentAsync();
        Assert.Contains($"An invitation is on its way to {Colleague}.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Invited, no password yet", StatusOf(page, Colleague));

        var message = await app.WithDbAsync(db => db.OutgoingMessages.SingleAsync(m => m.RecipientEmail == Colleague));
        Assert.Equal("You are invited to EventManager", message.Subject);
        Assert.Contains("Dear Айгерім Садықова,", message.TextBody);
        var link = LinkIn(message.TextBody);

        var newcomer = app.Client();
        using (var headers = await newcomer.GetAsync(link))
        {
            // The address holds a secret: not cached, not passed on to other sites.
            Assert.True(headers.Headers.CacheControl!.NoStore);
            Assert.Equal("no-referrer", headers.Headers.GetValues("Referrer-Policy").Single());
        }

        var form = await newcomer.GetPageAsync(link);
        Assert.Equal("Choose your password", form.QuerySelector("h1")!.TextContent);
        Assert.Contains(Colleague, form.MainText());

        using var tooShort = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = "short", ["ConfirmPassword"] = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Contains("Choose a password of at least 12 characters. A few words in a row are easy to remember.", (await tooShort.ReadDocumentAsync()).Errors());

        using var different = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword + "!" });
        Assert.Contains("The two passwords are not the same.", (await different.ReadDocumentAsync()).Errors());

        using var chosen = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal("/staff", chosen.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Your password is set and you are signed in.", (await chosen.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        using (var forbidden = await newcomer.GetAsync("/organiser/team"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // The link was for one use.
        var used = await app.Client().GetPageAsync(link, HttpStatusCode.Gone);
        Assert.Contains("This link no longer works", used.MainText());

        var again = app.Client();
        await again.LoginAsync(Colleague, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/staff")).StatusCode);

        // Who invited whom is on record.
        var activity = (await organiser.GetPageAsync("/organiser/activity")).QuerySelector("#activity tbody tr")!.TextContent;
        Assert.Contains(AppFactory.OrganiserEmail, activity);
        Assert.Contains($"invited {Colleague} (Staff)", activity);
        Assert.Equal("Can sign in", StatusOf(await organiser.GetPageAsync("/organiser/team"), Colleague));
    }

    [Fact]
    public async Task An_invitation_is_refused_with_a_reason_and_writes_nothing()
    {
        using var badAddress = await InviteAsync("not an address", null, Roles.Staff);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badAddress.StatusCode);
        Assert.Contains("Enter an email address like name@example.org.", (await badAddress.ReadDocumentAsync()).Errors());

        using var taken = await InviteAsync(AppFactory.OrganiserEmail.ToUpperInvariant(), null, Roles.Staff);
        Assert.Contains($"{AppFactory.OrganiserEmail.ToUpperInvariant()} already has an account.", (await taken.ReadDocumentAsync()).Errors());

        using var noRole = await InviteAsync(Colleague, null, "Administrator");
        Assert.Contains("Choose whether they are an organiser, staff or an observer.", (await noRole.ReadDocumentAsync()).Errors());

        // A NUL in the name is not dropped silently: the form comes back saying so, and nobody is invited.
        using var control = await InviteAsync(Colleague, "Li\0 Na", Roles.Staff);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, control.StatusCode);
        Assert.Contains((await control.ReadDocumentAsync()).Errors(), e => e.StartsWith("This field held an invisible control character (such as U+0000)."));

        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMessages.CountAsync()));
    }

    [Fact]
    public async Task An_invitation_link_stops_working_after_72_hours_and_a_new_one_replaces_it()
    {
        await InviteAsync(Colleague, null, Roles.Organiser);
        var first = LinkIn((await app.WithDbAsync(db => db.OutgoingMessages.SingleAsync())).TextBody);
        clock.Advance(TimeSpan.FromHours(73));
        Assert.Contains("more than 72 hours old", (await app.Client().GetPageAsync(first, HttpStatusCode.Gone)).MainText());

        // Three days on, the organiser signs in again and sends a new invitation.
        organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        using var resent = await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), $"tr[data-email='{Colleague}'] form[action$='/resend']");
        Assert.Contains("A new invitation is on its way", (await resent.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        var second = LinkIn((await app.WithDbAsync(db => db.OutgoingMessages.OrderBy(m => m.Id).LastAsync())).TextBody);
        Assert.NotEqual(first, second);

        var newcomer = app.Client();
        using var chosen = await newcomer.SubmitFormAsync(second, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.StartsWith("/organiser", chosen.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/organiser/team")).StatusCode);
    }

    [Fact]
    public async Task Removing_someones_access_signs_them_out_within_a_minute_and_stops_them_signing_in()
    {
        await app.CreateStaffAsync();
        var staff = app.Client(followRedirects: false);
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/staff")).StatusCode);

        using var removed = await organiser.ConfirmAsync(await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), $"tr[data-email='{AppFactory.StaffEmail}'] form[action$='/remove']"));
        var page = await removed.ReadDocumentAsync();
        Assert.Contains($"{AppFactory.StaffEmail} can no longer sign in.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Access removed", StatusOf(page, AppFactory.StaffEmail));

        clock.Advance(TimeSpan.FromMinutes(2));
        using (var signedOut = await staff.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.StartsWith("/account/login", signedOut.Headers.Location!.PathAndQuery);
        }

        using var refused = await app.Client().SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Email"] = AppFactory.StaffEmail, ["Password"] = AppFactory.StaffPassword });
        Assert.Contains("This account no longer has access. Ask an organiser if you need it again.", (await refused.ReadDocumentAsync()).Errors());

        // "Forgot your password?" does not bring a removed account back.
        await app.Client().SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = AppFactory.StaffEmail });
        await app.PasswordLinksHandledAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMessages.CountAsync()));

        await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string>(), $"tr[data-email='{AppFactory.StaffEmail}'] form[action$='/restore']");
        var back = app.Client();
        await back.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task A_new_role_applies_to_pages_already_open_and_nobody_changes_or_removes_themselves()
    {
        await app.CreateStaffAsync();
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/organiser/events")).StatusCode);

        using var promoted = await organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string> { ["role"] = Roles.Organiser }, $"tr[data-email='{AppFactory.StaffEmail}'] form[action$='/role']");
        Assert.Contains($"{AppFactory.StaffEmail} is now an organiser.", (await promoted.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/organiser/events")).StatusCode);

        // The page offers nothing against yourself, and a forged post is refused.
        var team = await organiser.GetPageAsync("/organiser/team");
        Assert.Empty(team.QuerySelectorAll($"tr[data-email='{AppFactory.OrganiserEmail}'] form"));
        var self = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == AppFactory.OrganiserEmail));
        var token = (await organiser.GetPageAsync("/organiser/team")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (action, expected) in new[] { ("remove", "You cannot remove your own access; ask another organiser."), ("role", "You cannot change your own role; ask another organiser.") })
        {
            using var forged = await organiser.PostAsync($"/organiser/team/{self.Id}/{action}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["role"] = Roles.Staff }));
            Assert.Contains(expected, (await forged.ReadDocumentAsync()).QuerySelector(".notice.problem")!.TextContent);
        }

        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/organiser/team")).StatusCode);
        Assert.Equal("Can sign in", StatusOf(await organiser.GetPageAsync("/organiser/team"), AppFactory.OrganiserEmail));
    }

    [Fact]
    public async Task Forgot_password_says_the_same_for_any_address_and_mails_a_link_only_to_an_account()
    {
        await app.CreateStaffAsync();
        using var stranger = await app.Client().SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.org" });
        using var known = await app.Client().SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = AppFactory.StaffEmail });
        string Notice(AngleSharp.Dom.IDocument page, string email) => page.QuerySelector(".notice")!.TextContent.Replace(email, "…");
        Assert.Equal(Notice(await stranger.ReadDocumentAsync(), "nobody@example.org"), Notice(await known.ReadDocumentAsync(), AppFactory.StaffEmail));
        await app.PasswordLinksHandledAsync();

        var message = await app.WithDbAsync(db => db.OutgoingMessages.SingleAsync());
        Assert.Equal(AppFactory.StaffEmail, message.RecipientEmail);
        Assert.Equal("Choose a new EventManager password", message.Subject);
        var link = LinkIn(message.TextBody);
        Assert.Equal("Choose a new password", (await app.Client().GetPageAsync(link)).QuerySelector("h1")!.TextContent);

        await app.Client().SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        using var old = await app.Client().SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Email"] = AppFactory.StaffEmail, ["Password"] = AppFactory.StaffPassword });
        Assert.Contains("The email or password is wrong.", (await old.ReadDocumentAsync()).Errors());
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task Changing_your_password_needs_the_current_one_and_signs_out_your_other_browsers()
    {
        var otherBrowser = app.Client(followRedirects: false);
        await otherBrowser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);

        using var wrong = await organiser.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not my password", ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("That is not your current password.", (await wrong.ReadDocumentAsync()).Errors());

        using var changed = await organiser.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = AppFactory.OrganiserPassword, ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });
        Assert.Contains("Your password was changed.", (await changed.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/organiser/team")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/organiser/team")).StatusCode);
        var fresh = app.Client();
        await fresh.LoginAsync(AppFactory.OrganiserEmail, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/organiser/team")).StatusCode);
    }

    private Task<HttpResponseMessage> InviteAsync(string email, string? name, string role) =>
        organiser.SubmitFormAsync("/organiser/team", new Dictionary<string, string> { ["Email"] = email, ["Name"] = name ?? "", ["Role"] = role }, "form[action='/organiser/team/invite']");

    private static string StatusOf(AngleSharp.Dom.IDocument page, string email) =>
        page.QuerySelector($"#team tr[data-email='{email}'] td:nth-child(4)")!.TextContent.Trim();

    /// <summary>The set-password link in a message, as a path the test client opens.</summary>
    private static string LinkIn(string body)
    {
        var match = SetPasswordLink().Match(body);
        Assert.True(match.Success, "No set-password link in:\n" + body);
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
