using System.Net;

namespace EventManager.Tests;

/// <summary>Sign-in that strangers cannot abuse: no lock-out of others, no telling which accounts exist, a limit per address.</summary>
public sealed class SignInTests
{
    private static Dictionary<string, string> Credentials(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    [Fact]
    public async Task Wrong_passwords_from_a_stranger_never_lock_the_organiser_out()
    {
        await using var app = new AppFactory(kestrel: true);
        var stranger = ReverseProxyTests.Visitor(app, "198.51.100.7");
        var answers = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await stranger.SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, $"guess number {i} of many"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            answers.Add(string.Join(" ", (await response.ReadDocumentAsync()).Errors()));
        }

        Assert.All(answers.Take(5), a => Assert.Contains("The email or password is wrong.", a));
        Assert.Contains("Too many failed attempts for this account from your address.", answers[^1]);
        // Even the right password waits, from that address.
        using (var paused = await stranger.SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, paused.StatusCode);
        }

        // The organiser, from their own desk, signs in as usual.
        using var organiser = await ReverseProxyTests.Visitor(app, "198.51.100.8").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword));
        Assert.Equal(HttpStatusCode.Redirect, organiser.StatusCode);
        Assert.Equal("/organiser", organiser.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_addresses_of_one_ipv6_network_count_as_one_client()
    {
        await using var app = new AppFactory(kestrel: true).With("RateLimits:SignInPermits", "1000");
        var answers = new List<string>();
        for (var i = 1; i <= 7; i++)
        {
            // A new address of the same /64 for every guess, as anyone with an IPv6 network can.
            using var response = await ReverseProxyTests.Visitor(app, $"2001:db8:1:2::{i:x}").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, $"guess {i}"));
            answers.Add(string.Join(" ", (await response.ReadDocumentAsync()).Errors()));
        }

        Assert.All(answers.Take(5), a => Assert.Contains("The email or password is wrong.", a));
        Assert.All(answers.Skip(5), a => Assert.Contains("Too many failed attempts for this account from your address.", a));
        // Another network signs in.
        using var organiser = await ReverseProxyTests.Visitor(app, "2001:db8:1:3::1").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword));
        Assert.Equal(HttpStatusCode.Redirect, organiser.StatusCode);
    }

    [Fact]
    public async Task Guesses_from_many_addresses_slow_the_account_but_never_lock_its_owner_out()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AppFactory(kestrel: true, clock: clock).With("RateLimits:SignInPermits", "1000");
        for (var i = 1; i <= 20; i++)
        {
            using var guess = await ReverseProxyTests.Visitor(app, $"203.0.113.{i}").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, $"guess {i}"));
            Assert.Contains("The email or password is wrong.", (await guess.ReadDocumentAsync()).Errors());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Past the ceiling, every address waits a moment after the last failure, the owner's too.
        using (var slowed = await ReverseProxyTests.Visitor(app, "198.51.100.99").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword)))
        {
            Assert.Contains((await slowed.ReadDocumentAsync()).Errors(), e => e.StartsWith("This account has had many failed attempts in the last hour. Wait "));
        }

        clock.Advance(TimeSpan.FromSeconds(4));
        using var owner = await ReverseProxyTests.Visitor(app, "198.51.100.99").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword));
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task A_pause_earned_on_one_instance_holds_on_another()
    {
        await using var first = new AppFactory(kestrel: true).With("RateLimits:SignInPermits", "1000");
        for (var i = 0; i < 5; i++)
        {
            (await ReverseProxyTests.Visitor(first, "198.51.100.50").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, $"guess {i}"))).Dispose();
        }

        await using var second = new AppFactory(first.DataDirectory, kestrel: true).With("RateLimits:SignInPermits", "1000");
        using var paused = await ReverseProxyTests.Visitor(second, "198.51.100.50").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword));
        Assert.Contains("Too many failed attempts for this account from your address.", string.Join(" ", (await paused.ReadDocumentAsync()).Errors()));
    }

    [Fact]
    public async Task After_many_tries_the_answer_does_not_tell_whether_the_account_exists()
    {
        await using var app = new AppFactory(kestrel: true);
        async Task<List<string>> TryAsync(string email, string address)
        {
            var client = ReverseProxyTests.Visitor(app, address);
            var answers = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                using var response = await client.SubmitFormAsync("/account/login", Credentials(email, "not the password at all"));
                answers.Add(response.StatusCode + " " + string.Join(" ", (await response.ReadDocumentAsync()).Errors()));
            }

            return answers;
        }

        Assert.Equal(await TryAsync(AppFactory.OrganiserEmail, "198.51.100.20"), await TryAsync("nobody@example.org", "198.51.100.21"));
    }

    [Fact]
    public async Task Sign_in_and_forgot_password_posts_are_limited_per_address_with_a_retry_after()
    {
        await using var app = new AppFactory(kestrel: true).With("RateLimits:SignInPermits", "3").With("RateLimits:SignInWindow", "00:05:00");
        var busy = ReverseProxyTests.Visitor(app, "198.51.100.30");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await busy.SubmitFormAsync("/account/login", Credentials($"someone{i}@example.org", "wrong password here"));
            statuses.Add(response.StatusCode);
        }

        using var limited = await busy.SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = AppFactory.OrganiserEmail });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.TryParse(limited.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is > 0 and <= 300);
        Assert.Equal("Too many requests", (await limited.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);

        using var other = await ReverseProxyTests.Visitor(app, "198.51.100.31").SubmitFormAsync("/account/login", Credentials(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }
}
