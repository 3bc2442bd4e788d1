using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>Hangfire keeps some state in statics: the tests that run its servers take turns.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire servers";
}

/// <summary>A job the tests schedule: it appends a line to a file, so a run is visible and countable.</summary>
public static class ProbeJob
{
    public static void Write(string path, string line) => File.AppendAllLines(path, [line]);
}

[Collection(HangfireCollection.Name)]
public sealed class JobsTests
{
    [Fact]
    public async Task A_scheduled_job_still_runs_after_the_app_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-jobs-").FullName;
        var output = Path.Combine(folder, "ran.txt");

        await using (var first = new AppFactory(folder, jobServer: true))
        {
            var jobs = first.Services.GetRequiredService<IBackgroundJobClient>();
            jobs.Schedule(() => ProbeJob.Write(output, "reminder"), TimeSpan.FromSeconds(4));
        }

        // The first instance is gone before the job was due.
        Assert.False(File.Exists(output));

        await using var second = new AppFactory(folder, jobServer: true);
        _ = second.Services;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!File.Exists(output) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(File.Exists(output), "The job scheduled before the restart did not run after it.");
        await Task.Delay(1500);
        Assert.Equal(["reminder"], await File.ReadAllLinesAsync(output));
    }

    [Fact]
    public async Task The_embedded_job_storage_lives_in_the_data_folder()
    {
        await using var app = new AppFactory(jobServer: false);
        using var response = await app.Client().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "hangfire.db")), "The embedded job storage lives in the data folder.");
    }
}
