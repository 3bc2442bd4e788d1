using System.Net;

namespace EventManager.Tests;

public sealed class PublicFormProtectionTests
{
    [Fact]
    public async Task The_registration_form_is_rate_limited_per_client_address()
    {
        await using var app = new AppFactory().With("RateLimits:PublicFormPermits", "5").With("RateLimits:PublicFormWindow", "00:10:00");
        var ev = await app.CreateEventAsync("limited");
        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.RegisterAsync("limited", RegistrationSupport.Delegate($"person{i}@example.edu"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(5, (await app.RegistrationsAsync(ev.Id)).Count);

        using var limited = await client.RegisterAsync("limited", RegistrationSupport.Delegate("late@example.edu"));
        Assert.Equal("Too many requests", (await limited.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_registration_form_refuses_a_post_without_its_antiforgery_token()
    {
        await using var app = new AppFactory();
        var ev = await app.CreateEventAsync("forged");
        using var response = await app.Client().PostAsync("/events/forged/register", new FormUrlEncodedContent(RegistrationSupport.Delegate("forged@example.edu")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await app.RegistrationsAsync(ev.Id));
    }
}
