using EventManager.Core.Mail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace EventManager.Tests;

/// <summary>
/// The app in its own process takes a sign-up storm and sends each delegate's confirmation to a real SMTP server; it
/// is killed again and again just after the server accepted a message, while the row that says so still waits for
/// the database's write lock (held here, as a storm's writers hold it). Restarted each time, it must send nothing
/// twice and lose nothing.
/// </summary>
public sealed class MailStormCrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Kills = 5;
    private readonly SmtpTestServer smtp = new();
    private AppFactory observer = default!;

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        observer = new AppFactory();
        await observer.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        await observer.CreateEventAsync("storm", capacity: 100_000);
    }

    public async Task DisposeAsync()
    {
        await observer.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private Task<AppProcess> StartAppAsync() => AppProcess.StartAsync(observer.DataDirectory, new Dictionary<string, string>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtp.Port.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:BatchSize"] = "20",
        // Far longer than the test: only the instance's own restart can free what it held.
        ["Mail:Lease"] = "00:30:00",
        ["Jobs:InstanceId"] = "storm-desk",
        ["RateLimits:PublicFormPermits"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    });

    private static string Key(MimeMessage m) => m.Headers["X-EventManager-Key"] ?? "";

    /// <summary>The outbox row a message was sent from: its Message-Id starts with the row's id.</summary>
    private static long RowId(MimeMessage m) => long.Parse(m.MessageId!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Watches a journal file every millisecond and notes when each row id first appears in it: with the server's own
    /// time of taking each message, the window in which a crash would still send it twice.
    /// </summary>
    private static async Task WatchJournalAsync(string journal, System.Collections.Concurrent.ConcurrentDictionary<long, long> seen, CancellationToken stop)
    {
        long position = 0;
        var pending = "";
        while (!stop.IsCancellationRequested)
        {
            if (File.Exists(journal))
            {
                await using var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < position)
                {
                    position = 0;   // compacted: a new file
                }

                stream.Position = position;
                using var reader = new StreamReader(stream);
                var text = pending + await reader.ReadToEndAsync(CancellationToken.None);
                position = stream.Position;
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var last = text.LastIndexOf('\n');
                pending = last < 0 ? text : text[(last + 1)..];
                foreach (var line in (last < 0 ? "" : text[..last]).Split('\n'))
                {
                    if (line.Split(' ') is [var id, _] && long.TryParse(id, out var row))
                    {
                        seen.TryAdd(row, now);
                    }
                }
            }

            try
            {
                await Task.Delay(1, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private Task<List<OutgoingMessage>> RowsAsync() => observer.MessagesToSendByNowAsync();

    [Fact]
    public async Task Killed_five_times_during_a_sign_up_storm_just_after_the_server_took_a_message_it_sends_nothing_twice_and_loses_nothing()
    {
        var acknowledged = new List<string>();
        var killedOn = new List<string>();
        var windows = new System.Collections.Concurrent.ConcurrentBag<double>();
        // Every message the server takes during the storms, and when its row id is first in the journal.
        var taken = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
        var journaled = new System.Collections.Concurrent.ConcurrentDictionary<long, long>();
        for (var round = 0; round < Kills; round++)
        {
            var app = await StartAppAsync();
            using var watching = new CancellationTokenSource();
            var watcher = WatchJournalAsync(Path.Combine(observer.DataDirectory, "mail-accepted", "accepted-storm-desk.log"), journaled, watching.Token);
            smtp.OnAccepted = message => taken.TryAdd(RowId(message), System.Diagnostics.Stopwatch.GetTimestamp());
            await using (app)
            {
                await using var storm = await SignUpStorm.StartAsync(app.Address, "storm", clients: 4, prefix: $"r{round}-");
                var before = smtp.Received.Count;
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (smtp.Received.Count < before + 5)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"Round {round + 1}: no mail went out during the storm:\n{app.Output}");
                    await Task.Delay(20);
                }

                var killed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                SqliteConnection? writeLock = null;
                smtp.OnAccepted = message =>
                {
                    taken.TryAdd(RowId(message), System.Diagnostics.Stopwatch.GetTimestamp());
                    if (writeLock is not null)
                    {
                        return;
                    }

                    // Before the server answers "250 OK": take the database's write lock, so the app's record of this
                    // message waits as it would behind a storm's writers; kill the app while it waits.
                    writeLock = new SqliteConnection($"Data Source={Path.Combine(observer.DataDirectory, "eventmanager.db")};Pooling=False;Default Timeout=30");
                    writeLock.Open();
                    using (var begin = writeLock.CreateCommand())
                    {
                        begin.CommandText = "BEGIN IMMEDIATE;";
                        begin.ExecuteNonQuery();
                    }

                    // The app records sent rows in batches, so it does not stop at this one: hold any next message
                    // until the kill and refuse it then, so exactly one message is taken and unrecorded in its row.
                    smtp.BeforeAccepting = _ =>
                    {
                        killed.Task.Wait(TimeSpan.FromSeconds(30));
                        return false;
                    };
                    var accepted = System.Diagnostics.Stopwatch.StartNew();
                    _ = Task.Run(async () =>
                    {
                        // Kill as soon as the journal has the message (the row still waits for the lock), and measure how
                        // long after the server took it that was: the window in which a crash still sends it twice.
                        var id = RowId(message);
                        var journal = Path.Combine(observer.DataDirectory, "mail-accepted", "accepted-storm-desk.log");
                        while (!(File.Exists(journal) && File.ReadAllText(journal).Split('\n').Any(l => l.StartsWith($"{id} ", StringComparison.Ordinal)))
                            && accepted.Elapsed < TimeSpan.FromSeconds(10))
                        {
                            await Task.Delay(1);
                        }

                        windows.Add(accepted.Elapsed.TotalMilliseconds);
                        app.Kill();
                        killed.SetResult(Key(message));
                    });
                };
                var finished = await Task.WhenAny(killed.Task, Task.Delay(TimeSpan.FromSeconds(60)));
                smtp.OnAccepted = null;
                smtp.BeforeAccepting = null;
                Assert.True(finished == killed.Task, $"Round {round + 1}: the app sent nothing more:\n{app.Output}");
                killedOn.Add(killed.Task.Result);
                writeLock!.Dispose();
                await storm.StopAsync();
                acknowledged.AddRange(storm.Acknowledged);
            }

            await watching.CancelAsync();
            await watcher;

            // The message the app was killed on is not recorded in its row: only the journal knows it went.
            var row = (await RowsAsync()).Single(r => r.DeduplicationKey == killedOn[^1]);
            Assert.Equal(MessageStatus.Pending, row.Status);
            var journalText = string.Join("|", Directory.GetFiles(Path.Combine(observer.DataDirectory, "mail-accepted")).Select(File.ReadAllText));
            Assert.True(journalText.Contains($"{row.Id} "), $"round {round}: row {row.Id} not journaled: {journalText.Replace("\n", ",")}");
        }

        await using (var last = await StartAppAsync())
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await RowsAsync()).Any(r => r.Status != MessageStatus.Sent))
            {
                Assert.True(DateTime.UtcNow < deadline, "The last instance did not send everything: " + string.Join("; ", (await RowsAsync()).Where(r => r.Status != MessageStatus.Sent)
                    .Select(r => $"{r.DeduplicationKey} {r.Status} due {r.DueAtUtc:HH:mm:ss} next {r.NextAttemptAtUtc:HH:mm:ss} claim {r.ClaimedBy} {r.LastError}").Take(10)) + "\n" + last.Output);
                await Task.Delay(100);
            }
        }

        var rows = await RowsAsync();
        var received = smtp.Received.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Kills, killedOn.Distinct().Count());
        // Nothing twice (the five killed on included), nothing lost, every acknowledged sign-up stored and told.
        var all = smtp.Received.Select(Key).ToList();
        Assert.True(!received.Any(kv => kv.Value > 1), "Sent twice: " + string.Join("; ", received.Where(kv => kv.Value > 1)
            .Select(kv => $"{kv.Key} at {string.Join(",", all.Select((k, i) => (k, i)).Where(x => x.k == kv.Key).Select(x => x.i))}, killed on it: {killedOn.Contains(kv.Key)}"))
            + "; kills at " + string.Join(",", killedOn.Select(k => all.IndexOf(k)))
            + "\nrows: " + string.Join("; ", rows.Where(r => received.GetValueOrDefault(r.DeduplicationKey) > 1).Select(r => $"{r.Id} attempts {r.Attempts} sent {r.SentAtUtc:HH:mm:ss.fff}"))
            + "\njournal: " + string.Join("; ", Directory.GetFiles(Path.Combine(observer.DataDirectory, "mail-accepted")).Select(f => Path.GetFileName(f) + ":" + File.ReadAllText(f).Replace("\n", ","))));
        Assert.Equal(rows.Select(r => r.DeduplicationKey).Order(), received.Keys.Order());
        var registered = await observer.WithDbAsync(db => db.Registrations.Select(r => r.Email).ToListAsync());
        Assert.All(acknowledged, email => Assert.Contains(email, registered));
        Assert.True(acknowledged.Count >= Kills * 5, $"only {acknowledged.Count} sign-ups acknowledged");
        // The record is on disk well within a second of the server's answer, though the row waited for the lock.
        Assert.All(windows, ms => Assert.True(ms < 2000, $"journaled {ms:F0} ms after the server took the message"));
        Console.WriteLine($"Accepted → journaled under the storm: {string.Join(", ", windows.Order().Select(ms => $"{ms:F1} ms"))}");

        // The window for every message of the storms: from the server taking it to its line in the journal (watched
        // every millisecond, so up to a millisecond late). What a crash inside it sends twice carries the same
        // Message-Id and Date (MailTests), so mail systems fold the two.
        var measured = taken.Where(t => journaled.ContainsKey(t.Key))
            .Select(t => System.Diagnostics.Stopwatch.GetElapsedTime(t.Value, journaled[t.Key]).TotalMilliseconds).Order().ToList();
        Assert.True(measured.Count >= 20, $"only {measured.Count} messages measured");
        double Percentile(double p) => measured[Math.Min(measured.Count - 1, (int)Math.Ceiling(p * measured.Count) - 1)];
        var summary = $"Server took it → on disk in the journal, {measured.Count} messages under the storm: p50 {Percentile(0.5):F1} ms, p99 {Percentile(0.99):F1} ms, max {measured[^1]:F1} ms";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        // A local append and one fsync: milliseconds in the middle. The tail is the machine's (CI ran 307 ms at p99 with
        // the browser tests beside it), so the tail's ceiling is loose and the median's is the one that catches work
        // put back between the server's answer and the journal.
        Assert.True(Percentile(0.5) < 50, summary);
        Assert.True(Percentile(0.99) < 1000, summary);
    }
}

public static class MessagesToSend
{
    /// <summary>
    /// The messages due by now that are to be sent: a digest planned for tomorrow is not a storm test's business, nor
    /// is a demo reminder whose moment had passed before the app planned it (it is skipped on purpose, and whether
    /// there is one depends on the time of day the suite runs).
    /// </summary>
    public static Task<List<OutgoingMessage>> MessagesToSendByNowAsync(this AppFactory app) => app.WithDbAsync(db =>
    {
        var now = DateTime.UtcNow;
        return db.OutgoingMessages.AsNoTracking()
            .Where(m => m.DueAtUtc <= now && !(m.Status == MessageStatus.Skipped && m.LastError == NotSent.TooLate))
            .ToListAsync();
    });
}
