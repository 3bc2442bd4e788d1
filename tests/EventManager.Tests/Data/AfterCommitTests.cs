using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Mail;
using EventManager.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>
/// The one after-commit hook: what a change queues (wake the mail job, re-plan reminders) runs once the change is
/// committed, and never for a change that failed or was rolled back. Real SQLite file, real outbox rows.
/// </summary>
public sealed class AfterCommitTests : IDisposable
{
    private sealed class Recorder : IAfterCommitWork
    {
        public int MailWakes { get; private set; }
        public List<int> Replanned { get; } = [];

        public void WakeMail() => MailWakes++;

        public void ReplanReminders(int eventId) => Replanned.Add(eventId);
    }

    private readonly string folder = Directory.CreateTempSubdirectory("after-commit-").FullName;
    private readonly Recorder work = new();

    private EventManagerDbContext Open()
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        options.AddInterceptors(new AfterCommitHook(() => work));
        var db = new EventManagerDbContext(options.Options);
        db.Database.Migrate();
        return db;
    }

    private static NewMessage Message(string key) => new(key, "Test", null, "someone@example.edu", "Someone", "Subject", "Body");

    [Fact]
    public async Task A_save_outside_a_transaction_wakes_the_mail_job_once_it_is_written()
    {
        await using var db = Open();
        new Outbox(db, TimeProvider.System).Add([Message("one")]);
        Assert.Equal(0, work.MailWakes);

        await db.SaveChangesAsync();

        Assert.Equal(1, work.MailWakes);
        // Nothing is left queued for the next save.
        await db.SaveChangesAsync();
        Assert.Equal(1, work.MailWakes);
    }

    [Fact]
    public async Task Inside_a_transaction_the_work_waits_for_the_commit_and_a_rollback_drops_it()
    {
        await using var db = Open();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            new Outbox(db, TimeProvider.System).Add([Message("committed")]);
            db.AfterCommit.ReplanReminders(7);
            await db.SaveChangesAsync();
            Assert.Equal(0, work.MailWakes);
            await transaction.CommitAsync();
        }

        Assert.Equal(1, work.MailWakes);
        Assert.Equal([7], work.Replanned);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            new Outbox(db, TimeProvider.System).Add([Message("rolled-back")]);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        db.ChangeTracker.Clear();
        await db.SaveChangesAsync();
        Assert.Equal(1, work.MailWakes);
        Assert.False(await db.OutgoingMessages.AnyAsync(m => m.DeduplicationKey == "rolled-back"));
    }

    [Fact]
    public async Task A_save_that_fails_wakes_nothing()
    {
        await using (var first = Open())
        {
            new Outbox(first, TimeProvider.System).Add([Message("taken")]);
            await first.SaveChangesAsync();
        }

        await using var db = Open();
        new Outbox(db, TimeProvider.System).Add([Message("taken")]);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        await db.SaveChangesAsync();

        Assert.Equal(1, work.MailWakes);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
