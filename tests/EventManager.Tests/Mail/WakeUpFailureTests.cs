using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>
/// A registration is saved, then the app asks the mail job to run soon. When that ask fails (the job storage's disk
/// is full, its server gone), the saved registration is still answered as saved: the recurring job sends its message
/// within the minute. A full disk is reported as one (health says so); anything else is a warning, not an error page.
/// </summary>
public sealed class WakeUpFailureTests : IAsyncLifetime
{
    private readonly AppFactory app = new AppFactory().With("RateLimits:PublicFormPermits", "1000");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    private sealed class FailingJobs(Exception failure) : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => throw new BackgroundJobClientException("Background job creation failed.", failure);

        public bool ChangeState(string jobId, IState state, string expectedState) => throw new BackgroundJobClientException("Background job change failed.", failure);
    }

    public static TheoryData<string> Failures => new() { "full", "gone" };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_registration_saved_before_the_wake_up_failed_is_answered_as_saved(string failure)
    {
        var ev = await app.CreateEventAsync("wake");
        Exception cause = failure == "full"
            ? SQLite.SQLiteException.New(SQLite.SQLite3.Result.Full, "database or disk is full")
            : new InvalidOperationException("The job storage did not answer.");
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IBackgroundJobClient>(new FailingJobs(cause))));
        var client = failing.CreateClient();

        using var response = await client.RegisterAsync("wake", RegistrationSupport.Delegate("saved@example.edu"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/register/sent", response.RequestMessage!.RequestUri!.AbsolutePath);
        await using var scope = failing.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventManager.Core.Data.EventManagerDbContext>();
        Assert.True(await db.Registrations.AnyAsync(r => r.EventId == ev.Id && r.Email == "saved@example.edu"));
        // Its message waits in the outbox for the recurring run.
        Assert.True(await db.OutgoingMessages.AnyAsync(m => m.RecipientEmail == "saved@example.edu"));

        using var health = await client.GetAsync("/health");
        if (failure == "full")
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", await health.Content.ReadAsStringAsync());
        }
    }
}
