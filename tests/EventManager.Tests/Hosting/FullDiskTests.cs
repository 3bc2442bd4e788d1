using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Tests;

/// <summary>
/// A data folder on a real disk that fills up (a small tmpfs mounted for the test: the machine runs tests as root):
/// what cannot be stored gets 503 with Retry-After and a page that says so, never a 500; /health says so; the log
/// gets a line a minute, not a stack trace a request; freeing space is enough to recover.
/// </summary>
public sealed class FullDiskTests : IAsyncLifetime
{
    private readonly string mount = Directory.CreateTempSubdirectory("full-disk-").FullName;

    public async Task InitializeAsync() => await RunAsync("mount", $"-t tmpfs -o size=24m tmpfs {mount}");

    public async Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await RunAsync("umount", $"-l {mount}");
        Directory.Delete(mount, recursive: true);
    }

    private static async Task RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {arguments}: {await process.StandardError.ReadToEndAsync()}");
    }

    [Fact]
    public async Task A_full_disk_answers_503_with_retry_after_health_says_so_and_freeing_space_recovers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 8, 1, 6, 0, 0, TimeSpan.Zero));
        await using var app = new AppFactory(dataDirectory: mount, clock: clock)
            .With("Database:MinimumFreeMegabytes", "1")
            .With("RateLimits:PublicFormPermits", "1000");
        var ev = await app.CreateEventAsync("full");
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Fill what is left of the disk.
        var filler = Path.Combine(mount, "filler");
        await using (var file = new FileStream(filler, FileMode.Create))
        {
            var block = new byte[1024 * 1024];
            try
            {
                while (true)
                {
                    file.Write(block);
                    file.Flush(flushToDisk: true);
                }
            }
            catch (IOException)
            {
                // Full.
            }
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.RegisterAsync("full", RegistrationSupport.Delegate($"d{i}@example.edu", change: f => f["DietaryNeeds"] = new string('x', 400)));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta);
                Assert.Contains("The service cannot store anything at the moment, so what you sent was not saved.", (await response.ReadDocumentAsync()).MainText());
            }
        }

        Assert.DoesNotContain(HttpStatusCode.InternalServerError, answers);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, answers);
        using (var health = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", await health.Content.ReadAsStringAsync());
        }

        // One line, not a stack trace per request.
        Assert.DoesNotContain(app.Logs, l => l.Exception is not null);
        Assert.Single(app.Logs, l => l.Message.StartsWith("Nothing can be stored: the disk is full"));

        File.Delete(filler);
        using (var after = await client.RegisterAsync("full", RegistrationSupport.Delegate("after@example.edu")))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.Contains(await app.RegistrationsAsync(ev.Id), r => r.Email == "after@example.edu");
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
