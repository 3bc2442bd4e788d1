using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>The accepted-mail journal itself: what it names is recorded as sent once, and nothing it holds is lost.</summary>
public sealed class AcceptedJournalTests : IAsyncLifetime
{
    private readonly AppFactory app = new();
    private string folder = "";

    public async Task InitializeAsync()
    {
        folder = Path.Combine(app.DataDirectory, "journal-test");
        await app.WithServiceAsync<Outbox, int>(o => o.QueueAsync(Enumerable.Range(0, 40).Select(i =>
            new NewMessage($"j:{i}", "Test", null, $"p{i}@example.edu", $"Person {i}", $"Message {i}", $"Body {i}")).ToList()));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<List<long>> IdsAsync() => app.WithDbAsync(db => db.OutgoingMessages.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

    private Task<List<long>> SentAsync() => app.WithDbAsync(db => db.OutgoingMessages.Where(m => m.Status == MessageStatus.Sent).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

    private Task<int> ApplyAsync(AcceptedJournal journal) => app.WithDbAsync(db => journal.ApplyAsync(db));

    [Fact]
    public async Task A_replay_whose_save_failed_is_read_again_next_time()
    {
        var ids = await IdsAsync();
        using var journal = new AcceptedJournal(folder, "a");
        foreach (var id in ids.Take(3))
        {
            journal.Record(id, DateTime.UtcNow);
        }

        // The database refuses the save (as SQLite busy under a storm does).
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER busy BEFORE UPDATE ON OutgoingMessages BEGIN SELECT RAISE(ABORT, 'database is locked'); END"));
        await Assert.ThrowsAsync<DbUpdateException>(() => ApplyAsync(journal));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER busy"));

        Assert.Equal(3, await ApplyAsync(journal));
        Assert.Equal(ids.Take(3), await SentAsync());
        Assert.Equal(0, await ApplyAsync(journal));
    }

    [Fact]
    public async Task Another_instances_journal_compacted_and_grown_back_to_the_same_length_is_read_again()
    {
        var ids = await IdsAsync();
        using var reader = new AcceptedJournal(folder, "reader");
        using var writer = new AcceptedJournal(folder, "writer");
        var at = new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc);
        // Ids of the same number of digits, so both groups make lines of one length.
        foreach (var id in ids.Skip(10).Take(5))
        {
            writer.Record(id, at);
        }

        Assert.Equal(5, await ApplyAsync(reader));
        var length = new FileInfo(writer.FilePath).Length;

        // The writer compacts (everything it named is recorded: the file shrinks), then accepts five more: the file
        // is as long as before, with other lines.
        await app.WithDbAsync(async db => { await writer.CompactAsync(db, force: true); return true; });
        foreach (var id in ids.Skip(15).Take(5))
        {
            writer.Record(id, at);
        }

        Assert.Equal(length, new FileInfo(writer.FilePath).Length);
        Assert.Equal(5, await ApplyAsync(reader));
        Assert.Equal(ids.Skip(10).Take(10), await SentAsync());
    }

    [Fact]
    public async Task Compacting_while_messages_are_accepted_keeps_every_line_not_yet_recorded()
    {
        var ids = await IdsAsync();
        using var journal = new AcceptedJournal(folder, "busy");
        var at = new DateTime(2027, 9, 14, 1, 0, 0, DateTimeKind.Utc);
        // Rows the database does not yet call sent: every line must survive every compaction.
        var appending = Task.Run(() =>
        {
            for (var round = 0; round < 50; round++)
            {
                foreach (var id in ids)
                {
                    journal.Record(id, at.AddTicks(round));
                }
            }
        });
        while (!appending.IsCompleted)
        {
            await app.WithDbAsync(async db => { await journal.CompactAsync(db, force: true); return true; });
        }

        await appending;
        var lines = File.ReadAllLines(journal.FilePath).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(50 * ids.Count, lines.Count);
        Assert.Equal(ids.Count, await ApplyAsync(journal));
    }
}
