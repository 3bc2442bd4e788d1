using System.Net;
using EventManager.Core.Data;
using EventManager.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

public sealed class AccessTests : IAsyncLifetime
{
    private AppFactory app = default!;

    public async Task InitializeAsync()
    {
        app = new AppFactory();
        await app.CreateStaffAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/organiser/events")]
    [InlineData("/organiser/events/new")]
    [InlineData("/organiser/institutions")]
    [InlineData("/organiser/team")]
    [InlineData("/account/password")]
    [InlineData("/hangfire")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var response = await app.Client(followRedirects: false).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains(Uri.EscapeDataString(url), response.Headers.Location!.Query);
    }

    [Theory]
    [InlineData("/organiser/events")]
    [InlineData("/organiser/institutions")]
    [InlineData("/organiser/team")]
    [InlineData("/organiser/activity")]
    [InlineData("/organiser/system")]
    [InlineData("/hangfire")]
    public async Task Staff_may_not_open_organiser_pages_or_the_jobs_dashboard(string url)
    {
        var staff = app.Client();
        await staff.LoginAsync(AppFactory.StaffEmail, AppFactory.StaffPassword);
        using var response = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Not allowed", (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task No_page_can_be_framed_by_another_site_or_sniffed(string url)
    {
        using var response = await app.Client().GetAsync(url);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain(csp, d => d.Contains("unsafe-inline") || d.Contains("unsafe-eval") || d.StartsWith("script-src"));
        Assert.False(response.Headers.Contains("Server"), "The Server header tells attackers what runs here.");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Organisers_open_the_jobs_dashboard()
    {
        var organiser = app.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var response = await organiser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("EventManager jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var response = await app.Client().SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = AppFactory.OrganiserEmail,
            ["Password"] = "not-the-password",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("The email or password is wrong.", page.Errors());
        Assert.Equal("", page.QuerySelector("#Password")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_and_never_to_another_site()
    {
        var client = app.Client(followRedirects: false);
        using var back = await client.SubmitFormAsync("/account/login?returnUrl=%2Forganiser%2Finstitutions", new Dictionary<string, string>
        {
            ["Email"] = AppFactory.OrganiserEmail,
            ["Password"] = AppFactory.OrganiserPassword,
        });
        Assert.Equal("/organiser/institutions", back.Headers.Location!.OriginalString);

        var other = app.Client(followRedirects: false);
        using var evil = await other.SubmitFormAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Email"] = AppFactory.OrganiserEmail,
            ["Password"] = AppFactory.OrganiserPassword,
        });
        Assert.Equal("/organiser", evil.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = app.Client();
        await client.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        using var signedOut = await client.SubmitFormAsync("/", new Dictionary<string, string>(), "header form");
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        using var again = await client.GetAsync("/organiser/events");
        Assert.EndsWith("/account/login", again.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Without_the_demo_switch_no_demo_account_or_data_exists()
    {
        using var response = await app.Client().SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Email"] = AccountSetup.DemoOrganiserEmail,
            ["Password"] = AccountSetup.DemoOrganiserPassword,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task The_create_user_command_makes_an_account_that_can_sign_in()
    {
        Environment.SetEnvironmentVariable("EVENTMANAGER_PASSWORD", "Another-Organiser-Password");
        try
        {
            var exit = await AccountCommand.RunAsync(app.Services, ["create-user", "--email", "second@test.eventmanager.test", "--role", Roles.Staff]);
            Assert.Equal(0, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EVENTMANAGER_PASSWORD", null);
        }

        var client = app.Client();
        await client.LoginAsync("second@test.eventmanager.test", "Another-Organiser-Password");
        using var response = await client.GetAsync("/organiser/events");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(2, await AccountCommand.RunAsync(app.Services, ["create-user", "--role", "Admin"]));
    }
}
