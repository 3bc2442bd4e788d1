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
/// The file is one line per accepted message ("id ticks"), after a first line naming the file's generation
/// ("# generation …"). An instance compacts its own journal: at start, once what it names is recorded, and while
/// running when it grows, keeping the lines whose rows are not yet recorded; the compacted file is a new generation.
/// Readers remember, per file, the generation and the position up to which what they read was saved in the database
/// (never before the save succeeds), and read on from there; a new generation is read from its start.
/// </summary>
public sealed class AcceptedJournal : IDisposable
{
    private const string Prefix = "accepted-";
    private const long CompactAbove = 256 * 1024;
    private readonly string folder;
    private readonly string path;
    private readonly object gate = new();
    private readonly SemaphoreSlim compacting = new(1, 1);
    private readonly Dictionary<string, (string Generation, long Position)> applied = [];
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
        var read = new List<(string File, string Generation, long Position)>();
        foreach (var file in Directory.GetFiles(folder, Prefix + "*.log"))
        {
            (string Generation, long Position) from;
            lock (gate)
            {
                from = applied.GetValueOrDefault(file, ("", 0));
            }

            var (generation, lines, end) = ReadFrom(file, from);
            if (generation == from.Generation && end == from.Position)
            {
                continue;
            }

            foreach (var (id, at) in lines)
            {
                entries[id] = at;
            }

            read.Add((file, generation, end));
        }

        // Marked as applied only once the rows are saved: a save that fails (the database busy under a storm, the very
        // case the journal is for) leaves the lines to be read again next time.
        var recorded = entries.Count == 0 ? 0 : await RecordSentAsync(db, entries, cancellationToken);
        lock (gate)
        {
            foreach (var (file, generation, position) in read)
            {
                applied[file] = (generation, position);
            }
        }

        return recorded;
    }

    /// <summary>Rewrites this instance's journal with only the lines whose rows are not recorded as sent yet.</summary>
    public async Task CompactAsync(EventManagerDbContext db, bool force = false, CancellationToken cancellationToken = default)
    {
        long length;
        lock (gate)
        {
            length = stream.Length;
        }

        if (!force && length < CompactAbove)
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
        var (_, entries, _) = ReadFrom(path, ("", 0));
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
            var appended = ReadFrom(path, ("", 0)).Lines.Skip(entries.Count).ToList();
            var keep = entries.Where(e => pending.Contains(e.Id)).Concat(appended).ToList();
            var temporary = path + ".compact";
            File.WriteAllLines(temporary, keep.Select(e => $"{e.Id.ToString(CultureInfo.InvariantCulture)} {e.At.Ticks.ToString(CultureInfo.InvariantCulture)}").Prepend(GenerationLine()));
            using (var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true);
            }

            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
            stream = Open();
            applied.Remove(path);
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

    private static string GenerationLine() => $"# generation {Guid.NewGuid():N}";

    /// <summary>
    /// The file's generation, its whole lines from a position (from the start when the generation is not the one
    /// given, or the file is now shorter), and the position after the last whole line.
    /// </summary>
    private static (string Generation, List<(long Id, DateTime At)> Lines, long End) ReadFrom(string file, (string Generation, long Position) from)
    {
        byte[] bytes;
        try
        {
            using var reader = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            bytes = new byte[reader.Length];
            reader.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return (from.Generation, [], from.Position);
        }

        var firstEnd = Array.IndexOf(bytes, (byte)'\n');
        var first = firstEnd < 0 ? "" : System.Text.Encoding.ASCII.GetString(bytes, 0, firstEnd);
        var generation = first.StartsWith("# generation ", StringComparison.Ordinal) ? first["# generation ".Length..] : "";
        var start = generation == from.Generation && from.Position <= bytes.Length ? from.Position : 0;
        // Only whole lines: a line being appended right now is read next time, whole.
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var lines = new List<(long, DateTime)>();
        if (end <= start)
        {
            return (generation, lines, Math.Max(start, end));
        }

        foreach (var line in System.Text.Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start)).Split('\n'))
        {
            // A line cut short by a crash mid-write has no second number (or a short one): it was never fsynced whole.
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && parts[1].Length >= 18)
            {
                lines.Add((id, new DateTime(ticks, DateTimeKind.Utc)));
            }
        }

        return (generation, lines, end);
    }

    private FileStream Open()
    {
        var opened = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        if (opened.Length == 0)
        {
            opened.Write(System.Text.Encoding.ASCII.GetBytes(GenerationLine() + "\n"));
            opened.Flush(flushToDisk: true);
        }

        return opened;
    }

    public void Dispose()
    {
        stream.Dispose();
        compacting.Dispose();
    }
}
