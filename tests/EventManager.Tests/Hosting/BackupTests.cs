using System.Net;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using EventManager.Migrations.Sqlite;
using EventManager.Web.Features.Backups;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventManager.Tests;

/// <summary>
/// Backups as an operator takes them: the command against the app running in its own process under a sign-up storm,
/// restored into a new folder, and the app started on it.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private const int Capacity = 60;
    private readonly List<string> folders = [];
    private AppFactory observer = default!;

    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["RateLimits:PublicFormPermits"] = "1000000",
    };

    public async Task InitializeAsync()
    {
        observer = new AppFactory();
        await observer.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        await observer.CreateEventAsync("storm", capacity: Capacity);
    }

    public async Task DisposeAsync()
    {
        await observer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var folder in folders)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-backup-").FullName;
        folders.Add(folder);
        return folder;
    }

    private static EventManagerDbContext Open(string folder)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")};Pooling=False");
        return new EventManagerDbContext(options.Options);
    }

    [Fact]
    public async Task A_backup_taken_during_a_sign_up_storm_restores_into_a_new_folder_with_every_registration_acknowledged_before_it()
    {
        var backup = Path.Combine(NewFolder(), "during-storm.zip");
        List<string> before;
        await using (var app = await AppProcess.StartAsync(observer.DataDirectory, Quiet))
        {
            await using var storm = await SignUpStorm.StartAsync(app.Address, "storm", clients: 6, prefix: "s");
            await storm.WaitForAsync(40, TimeSpan.FromSeconds(60));
            before = storm.Acknowledged.ToList();
            var (code, output) = await AppProcess.RunCommandAsync(observer.DataDirectory, ["backup", "--to", backup], Quiet);
            Assert.True(code == 0, output);
            Assert.Contains("Backed up to", output);
            // The storm went on while the copy was taken: the backup did not stop the app's writers.
            var during = storm.Acknowledged.Count;
            await storm.WaitForAsync(during + 10, TimeSpan.FromSeconds(30));
            await storm.StopAsync();
        }

        var restoredFolder = NewFolder();
        var (restoreCode, restoreOutput) = await AppProcess.RunCommandAsync(restoredFolder, ["restore", "--from", backup], Quiet);
        Assert.True(restoreCode == 0, restoreOutput);
        Assert.Equal("ok", await DatabaseBackup.IntegrityAsync(Path.Combine(restoredFolder, "eventmanager.db")));
        Assert.Equal("ok", await DatabaseBackup.IntegrityAsync(Path.Combine(restoredFolder, "hangfire.db")));

        await using (var restored = await AppProcess.StartAsync(restoredFolder, Quiet))
        {
            using var http = new HttpClient { BaseAddress = restored.Address };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/events/storm")).StatusCode);
            // The restored app takes registrations where the backup left off, capacity included.
            await using var client = await SignUpStorm.StartAsync(restored.Address, "storm", clients: 1, prefix: "after");
            await client.WaitForAsync(1, TimeSpan.FromSeconds(30));
        }

        await using var db = Open(restoredFolder);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.Event!.Slug == "storm").Select(r => new { r.Email, r.Status }).ToListAsync();
        var stored = rows.Select(r => r.Email).ToHashSet();
        Assert.All(before, email => Assert.Contains(email, stored));
        Assert.Equal(rows.Count, stored.Count);
        Assert.True(rows.Count(r => r.Status == RegistrationStatus.Confirmed) <= Capacity);
        Assert.Equal(rows.Count(r => r.Status == RegistrationStatus.Confirmed), await db.RegistrationPolicies.Where(p => p.Event!.Slug == "storm").Select(p => p.ConfirmedCount).SingleAsync());
    }

    [Fact]
    public async Task A_restored_backup_holds_what_was_waiting_and_never_sends_again_what_its_journal_names()
    {
        // Three messages due; the server had accepted the first, but only the journal says so (its row not yet saved).
        await observer.WithServiceAsync<EventManager.Core.Mail.Outbox, int>(o => o.QueueAsync(Enumerable.Range(0, 3).Select(i =>
            new EventManager.Core.Mail.NewMessage($"held:{i}", "Test", null, $"held{i}@example.edu", $"Person {i}", $"Message {i}", $"Body {i}")).ToList()));
        var ids = await observer.WithDbAsync(db => db.OutgoingMessages.Where(m => m.DeduplicationKey.StartsWith("held:")).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        using (var journal = new EventManager.Core.Mail.AcceptedJournal(Path.Combine(observer.DataDirectory, "mail-accepted"), "original"))
        {
            journal.Record(ids[0], DateTime.UtcNow);
        }

        var backup = Path.Combine(NewFolder(), "waiting.zip");
        var (code, output) = await AppProcess.RunCommandAsync(observer.DataDirectory, ["backup", "--to", backup], Quiet);
        Assert.True(code == 0, output);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(backup))
        {
            Assert.NotNull(zip.GetEntry("mail-accepted/accepted-original.log"));
        }

        var restoredFolder = NewFolder();
        var (restoreCode, restoreOutput) = await AppProcess.RunCommandAsync(restoredFolder, ["restore", "--from", backup], Quiet);
        Assert.True(restoreCode == 0, restoreOutput);
        await using (var db = Open(restoredFolder))
        {
            Assert.All(await db.OutgoingMessages.Where(m => ids.Contains(m.Id)).ToListAsync(), m => Assert.Equal(EventManager.Core.Mail.MessageStatus.Held, m.Status));
        }

        await using var restored = new AppFactory(restoredFolder);
        // Started, the app reads the journal that came with the backup: the accepted one is recorded as sent.
        await restored.WithServiceAsync<EventManager.Core.Mail.MailSender, int>(s => s.ApplyJournalAsync());
        var statuses = await restored.WithDbAsync(db => db.OutgoingMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).Select(m => m.Status).ToListAsync());
        Assert.Equal([EventManager.Core.Mail.MessageStatus.Sent, EventManager.Core.Mail.MessageStatus.Held, EventManager.Core.Mail.MessageStatus.Held], statuses);
        Assert.Equal(0, (await restored.WithServiceAsync<EventManager.Core.Mail.MailSender, EventManager.Core.Mail.SendReport>(s => s.SendDueAsync("test"))).Claimed);

        // The organisers decide once, for all of them, and the decision is logged.
        var organiser = restored.Client();
        await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        var page = await organiser.GetPageAsync("/organiser/messages");
        Assert.Contains("2 messages were waiting then and may have been sent since", page.QuerySelector("#held-after-restore")!.TextContent);
        using var sent = await organiser.SubmitFormAsync("/organiser/messages", new Dictionary<string, string>(), "#held-after-restore form[action$='/held/send']");
        Assert.Contains("2 held messages are being sent.", (await sent.ReadDocumentAsync()).QuerySelector(".notice")!.TextContent);
        Assert.Equal(2, await restored.WithDbAsync(db => db.OutgoingMessages.CountAsync(m => ids.Contains(m.Id) && m.Status == EventManager.Core.Mail.MessageStatus.Pending)));
        Assert.Contains(await restored.WithDbAsync(db => db.Activity.Select(a => a.Kind).ToListAsync()), k => k == EventManager.Core.Activity.ActivityKind.HeldMessagesSent);
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("marked")]
    [InlineData("moved-1")]
    [InlineData("moved-2")]
    public async Task A_restore_killed_at_any_point_leaves_the_old_database_or_a_folder_that_will_not_start_until_the_restore_is_finished(string point)
    {
        var backup = Path.Combine(NewFolder(), "quiet.zip");
        var (code, output) = await AppProcess.RunCommandAsync(observer.DataDirectory, ["backup", "--to", backup], Quiet);
        Assert.True(code == 0, output);

        // A folder with a database of its own (no "storm" event), restored over.
        var target = NewFolder();
        await using (await AppProcess.StartAsync(target, Quiet))
        {
        }

        var dying = new Dictionary<string, string>(Quiet) { ["EVENTMANAGER_RESTORE_DIES_AT"] = point };
        var (died, said) = await AppProcess.RunCommandAsync(target, ["restore", "--from", backup, "--replace"], dying);
        Assert.True(died != 0, said);

        // The app never starts on what a half-done restore left: the old database whole, or a refusal that says what to run.
        var (start, startSaid) = await AppProcess.RunCommandAsync(target, ["create-user", "--email", "check@example.org", "--role", "Staff"],
            new Dictionary<string, string>(Quiet) { ["EVENTMANAGER_PASSWORD"] = "Check-Password-12345" }, TimeSpan.FromSeconds(60));
        if (point == "staged")
        {
            Assert.True(start == 0, startSaid);
            await using var old = Open(target);
            Assert.False(await old.Events.AnyAsync(e => e.Slug == "storm"));
            Assert.Equal("ok", await DatabaseBackup.IntegrityAsync(Path.Combine(target, "eventmanager.db")));
        }
        else
        {
            Assert.NotEqual(0, start);
            Assert.Contains("A restore into", startSaid);
            Assert.Contains("was interrupted", startSaid);
        }

        // Run again, the restore finishes (or starts afresh), and the app starts on the backup.
        var (again, againSaid) = await AppProcess.RunCommandAsync(target, ["restore", "--from", backup, "--replace"], Quiet);
        Assert.True(again == 0, againSaid);
        Assert.False(File.Exists(Path.Combine(target, DatabaseBackup.RestoreMarker)));
        await using (await AppProcess.StartAsync(target, Quiet))
        {
        }

        await using var restored = Open(target);
        Assert.True(await restored.Events.AnyAsync(e => e.Slug == "storm"));
    }

    [Fact]
    public async Task Restore_refuses_while_an_instance_uses_the_folder_and_over_a_database_unless_told_to_replace_it()
    {
        var backup = Path.Combine(NewFolder(), "quiet.zip");
        var (code, output) = await AppProcess.RunCommandAsync(observer.DataDirectory, ["backup", "--to", backup], Quiet);
        Assert.True(code == 0, output);

        var target = NewFolder();
        await using (var running = await AppProcess.StartAsync(target, Quiet))
        {
            var (refused, message) = await AppProcess.RunCommandAsync(target, ["restore", "--from", backup, "--replace"], Quiet);
            Assert.Equal(1, refused);
            Assert.Contains("An instance of the app is using", message);
        }

        var (notEmpty, why) = await AppProcess.RunCommandAsync(target, ["restore", "--from", backup], Quiet);
        Assert.Equal(1, notEmpty);
        Assert.Contains("--replace", why);

        var (replaced, said) = await AppProcess.RunCommandAsync(target, ["restore", "--from", backup, "--replace"], Quiet);
        Assert.True(replaced == 0, said);
        // The database that was there is kept beside, renamed; the restored one has the storm event.
        Assert.Single(Directory.GetFiles(target, "eventmanager.db.before-restore-*"));
        await using var db = Open(target);
        Assert.True(await db.Events.AnyAsync(e => e.Slug == "storm"));

        var (missing, none) = await AppProcess.RunCommandAsync(NewFolder(), ["restore", "--from", Path.Combine(target, "nothing.zip")], Quiet);
        Assert.Equal(1, missing);
        Assert.Contains("There is no backup at", none);
    }
}

/// <summary>The scheduled backup: registered with Hangfire as configured, and pruning to the newest few.</summary>
[Collection(HangfireCollection.Name)]
public sealed class BackupJobTests
{
    [Fact]
    public async Task The_backup_job_is_scheduled_as_configured_and_keeps_the_newest_backups()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-backups-").FullName;
        await using var app = new AppFactory(jobServer: true)
            .With("Backup:Schedule", "15 3 * * *")
            .With("Backup:Folder", folder)
            .With("Backup:Keep", "2");
        _ = app.Server;
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == BackupJob.RecurringId);
            Assert.Equal("15 3 * * *", job.Cron);
        }

        for (var i = 0; i < 3; i++)
        {
            await app.WithServiceAsync<BackupJob, bool>(async job => { await job.RunAsync(CancellationToken.None); return true; });
            await Task.Delay(1100);   // the file name is to the second
        }

        var kept = Directory.GetFiles(folder, "eventmanager-*.zip");
        Assert.Equal(2, kept.Length);
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        Assert.Empty(Directory.GetDirectories(folder));
    }
}
