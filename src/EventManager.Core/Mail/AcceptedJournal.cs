using System.Globalization;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Mail;

/// <summary>
/// The record that the mail server accepted a message, written before anything else can make it wait.
///
/// Why: the "sent" state of a message is a database write, and under a sign-up storm that write queues behind every
/// registration for SQLite's single write lock (about a second was seen). A process killed in that second had handed
/// the message to the server but not recorded it, and the restart sent it again. So the moment the server answers
/// "250 OK", the message's id is appended to this instance's journal file and fsynced (a local append: nothing else
/// writes to that file, nothing waits for a lock other processes hold); only then is the row updated. Before any sender
/// claims messages, and when an instance starts, every journal in the folder is read back and the messages it names are
/// recorded as sent, so a message in a journal is never sent again: by the restarted instance, or (where instances
/// share the journal folder, as embedded instances on one machine do) by any other.
///
/// What remains: the time between the server's "250 OK" leaving the server and the fsync returning (the network
/// round trip plus one fsync, milliseconds), and, with SQL Server instances on different machines that do not share
/// the folder, a dead instance that never restarts (its claims are taken after the lease by others, who cannot read
/// its journal).
///
/// The file is one line per accepted message ("id ticks"). An instance compacts its own journal: at start, once
/// what it names is recorded, and while running when it grows, keeping the lines whose rows are not yet recorded.
/// </summary>
public sealed class AcceptedJournal : IDisposable
{
    private const string Prefix = "accepted-";
    private const long CompactAbove = 256 * 1024;
    private readonly string folder;
    private readonly string path;
    private readonly object gate = new();
    private readonly SemaphoreSlim compacting = new(1, 1);
    private readonly Dictionary<string, long> replayedLengths = [];
    private FileStream stream;

    public AcceptedJournal(string folder, string instanceId)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
        var safe = string.Concat(instanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        path = Path.Combine(folder, $"{Prefix}{safe}.log");
        stream = Open();
    }

    public string FilePath => path;

    /// <summary>Durably records that the server accepted the message; returns once it is on disk.</summary>
    public void Record(long messageId, DateTime sentAtUtc)
    {
        var line = System.Text.Encoding.ASCII.GetBytes($"{messageId.ToString(CultureInfo.InvariantCulture)} {sentAtUtc.Ticks.ToString(CultureInfo.InvariantCulture)}\n");
        lock (gate)
        {
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Records as sent every message a journal in the folder names whose row still says otherwise. Journals that have
    /// not changed since the last read are skipped. Returns how many rows it recorded.
    /// </summary>
    public async Task<int> ApplyAsync(EventManagerDbContext db, CancellationToken cancellationToken = default)
    {
        var entries = new Dictionary<long, DateTime>();
        foreach (var file in Directory.GetFiles(folder, Prefix + "*.log"))
        {
            var length = new FileInfo(file).Length;
            lock (gate)
            {
                if (replayedLengths.TryGetValue(file, out var seen) && seen == length)
                {
                    continue;
                }

                replayedLengths[file] = length;
            }

            foreach (var (id, at) in Read(file))
            {
                entries[id] = at;
            }
        }

        return entries.Count == 0 ? 0 : await RecordSentAsync(db, entries, cancellationToken);
    }

    /// <summary>Rewrites this instance's journal with only the lines whose rows are not recorded as sent yet.</summary>
    public async Task CompactAsync(EventManagerDbContext db, bool force = false, CancellationToken cancellationToken = default)
    {
        if (!force && stream.Length < CompactAbove)
        {
            return;
        }

        await compacting.WaitAsync(cancellationToken);
        try
        {
            await RewriteAsync(db, cancellationToken);
        }
        finally
        {
            compacting.Release();
        }
    }

    private async Task RewriteAsync(EventManagerDbContext db, CancellationToken cancellationToken)
    {
        var entries = Read(path).ToList();
        var ids = entries.Select(e => e.Id).ToList();
        var pending = new HashSet<long>();
        foreach (var chunk in ids.Chunk(500))
        {
            pending.UnionWith(await db.OutgoingMessages.AsNoTracking()
                .Where(m => chunk.Contains(m.Id) && m.Status != MessageStatus.Sent).Select(m => m.Id).ToListAsync(cancellationToken));
        }

        // Appends wait for the rewrite: a line written meanwhile must not be dropped with the old file.
        lock (gate)
        {
            // Lines appended after the read above are kept as they are.
            var appended = Read(path).Skip(entries.Count).ToList();
            var keep = entries.Where(e => pending.Contains(e.Id)).Concat(appended).ToList();
            var temporary = path + ".compact";
            File.WriteAllLines(temporary, keep.Select(e => $"{e.Id.ToString(CultureInfo.InvariantCulture)} {e.At.Ticks.ToString(CultureInfo.InvariantCulture)}"));
            using (var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true);
            }

            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            stream = Open();
            replayedLengths.Remove(path);
        }
    }

    private static async Task<int> RecordSentAsync(EventManagerDbContext db, Dictionary<long, DateTime> entries, CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var chunk in entries.Keys.Chunk(500))
        {
            var unrecorded = await db.OutgoingMessages.Where(m => chunk.Contains(m.Id) && m.Status != MessageStatus.Sent && m.Status != MessageStatus.Skipped)
                .ToListAsync(cancellationToken);
            foreach (var message in unrecorded)
            {
                message.Status = MessageStatus.Sent;
                message.SentAtUtc = entries[message.Id];
                message.Attempts++;
                message.LastError = null;
                message.NextAttemptAtUtc = null;
                message.ClaimedBy = null;
                message.ClaimedUntilUtc = null;
            }

            recorded += unrecorded.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return recorded;
    }

    private static IEnumerable<(long Id, DateTime At)> Read(string file)
    {
        string[] lines;
        try
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            yield break;
        }

        foreach (var line in lines)
        {
            // A line cut short by a crash mid-write has no second number (or a short one): it was never fsynced whole.
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && parts[1].Length >= 18)
            {
                yield return (id, new DateTime(ticks, DateTimeKind.Utc));
            }
        }
    }

    private FileStream Open() => new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    public void Dispose()
    {
        stream.Dispose();
        compacting.Dispose();
    }
}
