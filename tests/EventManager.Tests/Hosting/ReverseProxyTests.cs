using System.Net;

namespace EventManager.Tests;

/// <summary>
/// The app behind a reverse proxy, on a real port (TestServer requests have no client address, so a per-address rule
/// proves nothing there). The test plays the proxy on loopback and says which visitor it forwards.
/// </summary>
public sealed class ReverseProxyTests
{
    /// <summary>A browser behind the proxy: its own cookies, and the visitor address the proxy forwards for it.</summary>
    internal static HttpClient Visitor(AppFactory app, string? forwardedFor, string? forwardedProto = null, bool followRedirects = false)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects, UseCookies = true })
        {
            BaseAddress = app.ServerAddress,
        };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client;
    }

    [Fact]
    public async Task Two_visitors_behind_the_proxy_have_separate_rate_limit_buckets()
    {
        await using var app = new AppFactory(kestrel: true).With("RateLimits:PublicFormPermits", "2").With("RateLimits:PublicFormWindow", "00:10:00");
        var ev = await app.CreateEventAsync("behind-proxy");
        var first = Visitor(app, "203.0.113.10", followRedirects: true);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await first.RegisterAsync("behind-proxy", RegistrationSupport.Delegate($"first{i}@example.edu"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Another visitor through the same proxy is not held back by the first.
        using var second = await Visitor(app, "203.0.113.11", followRedirects: true).RegisterAsync("behind-proxy", RegistrationSupport.Delegate("second@example.edu"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(3, (await app.RegistrationsAsync(ev.Id)).Count);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_unknown_proxy_is_ignored_and_gets_no_fresh_bucket()
    {
        // The only trusted proxy is elsewhere: this loopback client is a stranger naming addresses of its choice.
        await using var app = new AppFactory(kestrel: true).With("RateLimits:PublicFormPermits", "2").With("RateLimits:PublicFormWindow", "00:10:00")
            .With("ReverseProxy:KnownProxies:0", "10.9.9.9");
        await app.CreateEventAsync("spoofed");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await Visitor(app, $"203.0.113.{20 + i}", followRedirects: true).RegisterAsync("spoofed", RegistrationSupport.Delegate($"spoof{i}@example.edu"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await Visitor(app, "203.0.113.99").RegisterAsync("spoofed", RegistrationSupport.Delegate("fresh@example.edu"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.TryParse(refused.Headers.GetValues("Retry-After").Single(), out var wait) && wait is > 0 and <= 600);
        var page = await refused.ReadDocumentAsync();
        Assert.Equal("Too many requests", page.QuerySelector("h1")!.TextContent);
        Assert.Matches(@"Wait \d+ seconds and try again\.", page.MainText());
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_when_the_proxy_forwards_https_and_only_then()
    {
        await using var app = new AppFactory(kestrel: true).With("ReverseProxy:KnownNetworks:0", "127.0.0.0/8");

        Assert.Contains("; secure", await SignInCookieAsync(app, "https"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", await SignInCookieAsync(app, null), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Signs in through the "proxy" and returns the sign-in cookie as the app set it. Cookies are carried by hand: the
    /// test talks plain http to the app, where a cookie store would withhold the Secure antiforgery cookie that a browser
    /// on the proxy's https address sends.
    /// </summary>
    private static async Task<string> SignInCookieAsync(AppFactory app, string? forwardedProto)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.5");
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var form = await client.GetAsync("/account/login");
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = (await form.ReadDocumentAsync()).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = AppFactory.OrganiserEmail, ["Password"] = AppFactory.OrganiserPassword,
            }),
        };
        post.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("EventManager.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stranger_cannot_claim_https_through_an_untrusted_connection()
    {
        await using var app = new AppFactory(kestrel: true).With("ReverseProxy:KnownProxies:0", "10.9.9.9");
        Assert.DoesNotContain("; secure", await SignInCookieAsync(app, "https"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_an_https_public_address_plain_http_is_redirected_hsts_is_sent_and_every_cookie_is_secure()
    {
        await using var app = new AppFactory().With("App:PublicBaseUrl", "https://events.example.org");
        var plain = app.Client(followRedirects: false);
        plain.BaseAddress = new Uri("http://events.example.org/");
        using var redirected = await plain.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://events.example.org/account/login", redirected.Headers.Location!.ToString());

        var secure = app.Client(followRedirects: false);
        secure.BaseAddress = new Uri("https://events.example.org/");
        using var page = await secure.GetAsync("/account/login");
        Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_an_https_address_cookies_are_secure_even_when_a_request_arrives_as_plain_http()
    {
        // A proxy that terminates TLS but does not forward the scheme: the browser still talks https, so cookies stay Secure.
        await using var app = new AppFactory().With("App:PublicBaseUrl", "https://events.example.org").With("Https:Redirect", "false");
        var plain = app.Client(followRedirects: false);
        plain.BaseAddress = new Uri("http://events.example.org/");
        using var page = await plain.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Each_https_measure_can_be_left_to_the_proxy()
    {
        await using var app = new AppFactory().With("App:PublicBaseUrl", "https://events.example.org")
            .With("Https:Redirect", "false").With("Https:Hsts", "false").With("Https:SecureCookies", "false");
        var plain = app.Client(followRedirects: false);
        plain.BaseAddress = new Uri("http://events.example.org/");
        using var page = await plain.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
