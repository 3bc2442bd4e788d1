using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>A wrong setting stops the start and names the setting and what is wrong with it.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Mail:Security", "StartTLS-please", "Mail:Security takes one of: None, StartTls, Tls")]
    [InlineData("Mail:Port", "0", "Mail:Port")]
    [InlineData("Mail:Port", "five", "Mail:Port")]
    [InlineData("Mail:FromAddress", "not an address", "Mail:FromAddress")]
    [InlineData("Jobs:PollInterval", "soon", "Jobs:PollInterval")]
    [InlineData("Jobs:WorkerCount", "0", "Jobs:WorkerCount")]
    [InlineData("RateLimits:SignInPermits", "0", "RateLimits:SignInPermits")]
    [InlineData("RateLimits:PublicFormWindow", "00:00:00", "RateLimits:PublicFormWindow")]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.0.300", "ReverseProxy:KnownProxies")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/99", "ReverseProxy:KnownNetworks")]
    [InlineData("Https:HstsMaxAge", "00:00:01", "Https:HstsMaxAge")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider takes one of: Sqlite, SqlServer")]
    [InlineData("Bootstrap:OrganiserEmail", "first organiser", "Bootstrap:OrganiserEmail")]
    [InlineData("Demo:Seed", "perhaps", "Demo:Seed")]
    public void A_wrong_setting_stops_the_start_and_says_which_and_why(string key, string value, string expected)
    {
        using var app = new AppFactory().With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains(expected, PublicAddressTests.Flatten(error));
    }

    [Fact]
    public async Task An_operator_starting_the_app_with_a_wrong_setting_reads_which_one_and_the_app_exits()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-settings-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(folder, new Dictionary<string, string> { ["Mail:Security"] = "SSL" }));
            Assert.Contains("exited", error.Message);
            Assert.Contains("Mail:Security takes one of: None, StartTls, Tls", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>The demo's public passwords never reach a database that holds anything real.</summary>
public sealed class DemoSeedTests
{
    [Fact]
    public async Task The_demo_is_seeded_only_into_an_empty_database()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-demo-").FullName;
        try
        {
            await using (var real = new AppFactory(folder))
            {
                await real.CreateEventAsync("a-real-event");
            }

            await using var restarted = new AppFactory(folder, demoSeed: true);
            _ = restarted.Client();
            var emails = await restarted.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
            Assert.Equal([AppFactory.OrganiserEmail], emails);
            Assert.False(await restarted.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_empty_database_gets_the_demo_and_its_accounts()
    {
        await using var app = new AppFactory(demoSeed: true);
        var emails = await app.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
        Assert.Contains(EventManager.Web.Features.Account.AccountSetup.DemoOrganiserEmail, emails);
        Assert.True(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Slug == Core.Data.DemoData.DialogueSlug)));
    }
}

/// <summary>The fonts setting serves every document: Printing:Fonts, with the former Certificates:Fonts still read.</summary>
public sealed class PrintingFontSettingsTests
{
    [Fact]
    public void The_former_section_name_is_still_read_and_the_new_one_wins()
    {
        using (var former = new AppFactory().With("Certificates:Fonts:Latin:Regular", "/fonts/former.ttf"))
        {
            var fonts = former.Services.GetRequiredService<EventManager.Core.Printing.FontSettings>();
            Assert.Equal("/fonts/former.ttf", fonts.Fonts["Latin"].Regular);
        }

        using var both = new AppFactory().With("Certificates:Fonts:Latin:Regular", "/fonts/former.ttf").With("Printing:Fonts:Latin:Regular", "/fonts/current.ttf");
        Assert.Equal("/fonts/current.ttf", both.Services.GetRequiredService<EventManager.Core.Printing.FontSettings>().Fonts["Latin"].Regular);
    }

    [Fact]
    public void A_font_entry_without_a_regular_face_stops_the_start()
    {
        using var app = new AppFactory().With("Printing:Fonts:Thai:Regular", "");
        var error = Assert.ThrowsAny<Exception>(() => app.Client());
        Assert.Contains("Printing:Fonts:Thai:Regular", PublicAddressTests.Flatten(error));
    }
}
