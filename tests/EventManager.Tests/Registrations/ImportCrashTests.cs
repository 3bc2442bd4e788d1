using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The app in its own process is killed part-way through a big import; started again, it resumes where it stopped.</summary>
/// <remarks>Run on SQLite here and on PostgreSQL by <see cref="ImportCrashTestsOnPostgreSql"/> (the restarted process on a data folder of its own).</remarks>
public class ImportCrashTests : IAsyncLifetime
{
    public ImportCrashTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected ImportCrashTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private const int Rows = 4997;   // and three lines with problems: 5,000 rows, the most a file may hold
    private const int Capacity = 3000;
    private AppFactory observer = default!;

    public async Task InitializeAsync()
    {
        observer = new AppFactory(database: Database);
        await observer.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        await observer.CreateEventAsync("crash-import", capacity: Capacity);
    }

    public Task DisposeAsync() => observer.DisposeAsync().AsTask();

    private Task<AppProcess> StartAppAsync() => AppProcess.StartAsync(observer.ProcessDataDirectory(), observer.ProcessSettings(new Dictionary<string, string>
    {
        ["Jobs:InstanceId"] = "import-desk",
        ["Logging:LogLevel:Default"] = "Warning",
    }));

    private Task<ImportJob> JobAsync(int id) => observer.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == id));

    [Fact]
    public async Task An_import_killed_part_way_resumes_on_restart_from_the_last_whole_batch_and_imports_no_row_twice()
    {
        var eventId = await observer.WithDbAsync(db => db.Events.Where(e => e.Slug == "crash-import").Select(e => e.Id).SingleAsync());
        // Queued as the confirm button does; the instance that starts picks it up.
        var importId = (await observer.WithServiceAsync<RegistrationImport, int?>(i => i.QueueAsync(eventId, System.Text.Encoding.UTF8.GetBytes(ImportJobTests.Csv(Rows)), "delegates.csv")))!.Value;

        await using (var first = await StartAppAsync())
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await JobAsync(importId)).RowsDone < 2 * RegistrationImport.BatchSize)
            {
                Assert.True(DateTime.UtcNow < deadline, "The import did not start:\n" + first.Output);
                await Task.Delay(5);
            }

            first.Kill();
        }

        var stopped = await JobAsync(importId);
        Assert.InRange(stopped.RowsDone, 2 * RegistrationImport.BatchSize, Rows - 1);
        Assert.Equal(ImportStatus.Running, stopped.Status);
        // What was committed is whole batches: the rows done, their outcomes and their registrations agree.
        Assert.Equal(stopped.RowsDone, await observer.WithDbAsync(db => db.ImportJobRows.CountAsync(r => r.ImportJobId == importId)));
        Assert.Equal(stopped.Confirmed + stopped.Waiting, await observer.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == eventId)));

        await using (var second = await StartAppAsync())
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await JobAsync(importId)).Status != ImportStatus.Finished)
            {
                // Taken back at once (the claim is this instance's own), not after its two-minute lease.
                Assert.True(DateTime.UtcNow < deadline, "The restarted instance did not finish the import:\n" + second.Output);
                await Task.Delay(50);
            }
        }

        var job = await JobAsync(importId);
        Assert.Equal((Rows + 3, Capacity, Rows - Capacity, 3, 1), (job.RowsDone, job.Confirmed, job.Waiting, job.Skipped, job.Resumed));
        var lines = await observer.WithDbAsync(db => db.ImportJobRows.Where(r => r.ImportJobId == importId).Select(r => r.Line).ToListAsync());
        Assert.Equal(Rows + 3, lines.Count);
        Assert.Equal(lines.Count, lines.Distinct().Count());
        var registrations = await observer.WithDbAsync(db => db.Registrations.Where(r => r.EventId == eventId).Select(r => new { r.Email, r.Status }).ToListAsync());
        Assert.Equal(Rows, registrations.Count);
        Assert.Equal(Capacity, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(Capacity, await observer.WithDbAsync(db => db.RegistrationPolicies.Where(p => p.EventId == eventId).Select(p => p.ConfirmedCount).SingleAsync()));
        Assert.Equal(Rows, await observer.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => m.Kind == "RegistrationReceived")));

        // The organiser's page says what happened.
        var organiser = observer.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var page = await organiser.GetPageAsync($"/organiser/events/{eventId}/registrations/import/{importId}");
        Assert.Equal("The import stopped once (a restart) and went on from the last whole batch; no row was imported twice.", page.QuerySelector("#import-resumed")!.TextContent);
        Assert.Equal($"Imported 4,997 delegates: {Capacity} confirmed, {Rows - Capacity} on the waiting list; 3 rows skipped.", page.QuerySelector("#import-result")!.TextContent);
    }

    [Fact]
    public async Task Two_runs_of_one_import_started_at_once_by_one_instance_never_both_work_on_it()
    {
        // As after a restart, when the start-up resume and the job server's retry of the killed run both ask at once.
        var eventId = await observer.WithDbAsync(db => db.Events.Where(e => e.Slug == "crash-import").Select(e => e.Id).SingleAsync());
        const int rows = 3 * RegistrationImport.BatchSize;
        var importId = (await observer.WithServiceAsync<RegistrationImport, int?>(i => i.QueueAsync(eventId, System.Text.Encoding.UTF8.GetBytes(ImportJobTests.Csv(rows, "twice")), "delegates.csv")))!.Value;

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            observer.WithServiceAsync<RegistrationImport, ImportStatus?>(i => i.RunAsync(importId, "import-desk", TimeSpan.FromMinutes(2))))));

        // One run did the work; the other found it held and left it: it was never counted as a stop and resume.
        Assert.Equal([ImportStatus.Finished, null], runs.OrderBy(r => r is null));
        var job = await JobAsync(importId);
        Assert.Equal((ImportStatus.Finished, rows + 3, 0), (job.Status, job.RowsDone, job.Resumed));
        var lines = await observer.WithDbAsync(db => db.ImportJobRows.Where(r => r.ImportJobId == importId).Select(r => r.Line).ToListAsync());
        Assert.Equal(rows + 3, lines.Distinct().Count());
        Assert.Equal(rows + 3, lines.Count);
    }
}

public sealed class ImportCrashTestsOnPostgreSql() : ImportCrashTests(TestDatabase.PostgreSql);
