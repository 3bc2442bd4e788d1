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
