using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace EventManager.Tests;

/// <summary>
/// The app in a process of its own, sending a queue of messages to a real SMTP server, is stopped or killed
/// part-way; a new process takes over. What a recipient would notice: nothing missing, nothing twice.
/// </summary>
/// <remarks>
/// Run on SQLite here and on PostgreSQL by <see cref="MailCrashTestsOnPostgreSql"/>, where each process has a data folder
/// of its own, as on separate machines: what the server accepted is recorded in the row, never in a local journal.
/// </remarks>
public class MailCrashTests : IAsyncLifetime
{
    public MailCrashTests()
        : this(TestDatabase.Sqlite)
    {
    }

    protected MailCrashTests(TestDatabase database) => Database = database;

    protected TestDatabase Database { get; }

    private const int Queued = 240;
    private const int StopAt = 80;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    private readonly SmtpTestServer smtp = new();
    private AppFactory observer = default!;

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        // An instance without a job server: it made the database, queues the messages and reads the rows; it sends nothing.
        observer = new AppFactory(database: Database);
        await observer.WithServiceAsync<Outbox, int>(o => o.QueueAsync(Enumerable.Range(0, Queued).Select(i =>
            new NewMessage($"crash:{i:D3}", "Test", null, $"delegate{i:D3}@example.edu", $"Delegate {i}", $"Programme for delegate {i}", $"Body {i}")).ToList()));
    }

    public async Task DisposeAsync()
    {
        await observer.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private Task<AppProcess> StartAppAsync(string? instance = null, TimeSpan? lease = null) => AppProcess.StartAsync(observer.ProcessDataDirectory(), observer.ProcessSettings(new Dictionary<string, string>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtp.Port.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:BatchSize"] = "50",
        ["Mail:Lease"] = (lease ?? Lease).ToString(),
        // One worker, so one message at a time is with the server: the one the test stops the app on.
        ["Jobs:WorkerCount"] = "1",
        ["Jobs:InstanceId"] = instance ?? "",
    }));

    /// <summary>
    /// Starts the first instance with the server's hook already in place. The app sends at start-up, so on a slow
    /// machine messages go out before the process answers its health check: a hook set after starting would not see
    /// them. The hook gets the process once it has started (waiting for it if a message comes before).
    /// </summary>
    private async Task<AppProcess> StartFirstAsync(Action<Func<AppProcess>> hook, string? instance = null, TimeSpan? lease = null)
    {
        var started = new TaskCompletionSource<AppProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        hook(() => started.Task.Wait(TimeSpan.FromSeconds(90)) ? started.Task.Result : throw new TimeoutException("The first instance did not start."));
        var app = await StartAppAsync(instance, lease);
        started.SetResult(app);
        return app;
    }

    /// <summary>
    /// Starts the first instance and kills it while the server is still taking message <see cref="StopAt"/> in: the
    /// server never stores that one. Returns once the process is gone.
    /// </summary>
    private async Task<AppProcess> StartKilledBeforeAcceptingAsync(string? instance = null, TimeSpan? lease = null)
    {
        var stopped = new TaskCompletionSource();
        var arrived = 0;
        var first = await StartFirstAsync(app => smtp.BeforeAccepting = _ =>
        {
            if (Interlocked.Increment(ref arrived) != StopAt)
            {
                return true;
            }

            app().Kill();
            stopped.TrySetResult();
            return false;
        }, instance, lease);
        await StopOnAsync(stopped, first);
        smtp.BeforeAccepting = null;
        return first;
    }

    /// <summary>
    /// What the app has recorded: the rows, once what the instances' journals say the server accepted is applied to them,
    /// as every instance does before it claims anything (sent rows are saved in batches; the journal is written at once).
    /// </summary>
    private async Task<List<OutgoingMessage>> RowsAsync()
    {
        await observer.WithServiceAsync<MailSender, int>(s => s.ApplyJournalAsync());
        return await observer.WithDbAsync(db => db.OutgoingMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
    }

    private static string Key(MimeMessage m) => m.Headers["X-EventManager-Key"] ?? "";

    /// <summary>Starts a second process once the first one's claims have run out, and waits until every row is sent.</summary>
    private async Task TakeOverAsync()
    {
        var held = (await RowsAsync()).Max(r => r.ClaimedUntilUtc);
        while (held is not null && DateTime.UtcNow <= held)
        {
            await Task.Delay(100);
        }

        await using var second = await StartAppAsync();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(await RowsAsync()).All(r => r.Status == MessageStatus.Sent))
        {
            Assert.True(DateTime.UtcNow < deadline, "The second instance did not send the rest in time:\n" + second.Output);
            Assert.False(second.HasExited, "The second instance stopped:\n" + second.Output);
            await Task.Delay(100);
        }
    }

    private async Task StopOnAsync(TaskCompletionSource stopped, AppProcess first)
    {
        var finished = await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(finished == stopped.Task, $"The first instance never got to message {StopAt}:\n" + first.Output);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_app_stopped_while_sending_hands_back_the_rest_and_nothing_is_lost_or_repeated()
    {
        var stopped = new TaskCompletionSource();
        await using var first = await StartFirstAsync(app => smtp.OnAccepted = _ =>
        {
            if (smtp.Received.Count == StopAt)
            {
                // As systemd or `docker stop` would: the app finishes the message in hand and stops. The server slows
                // down from here, as a real one does, so the stop lands with messages still queued.
                smtp.BeforeAccepting = _ =>
                {
                    Thread.Sleep(100);
                    return true;
                };
                app().Terminate();
                stopped.TrySetResult();
            }
        });
        await StopOnAsync(stopped, first);
        smtp.OnAccepted = null;
        smtp.BeforeAccepting = null;

        var rows = await RowsAsync();
        var accepted = smtp.Received.Select(Key).ToHashSet();
        // Everything the server took is recorded as sent, and what was not sent is free for another instance at once.
        Assert.Equal(accepted.Order(), rows.Where(r => r.Status == MessageStatus.Sent).Select(r => r.DeduplicationKey).Order());
        Assert.InRange(accepted.Count, StopAt, Queued - 1);
        Assert.All(rows.Where(r => r.Status == MessageStatus.Pending), r => Assert.Null(r.ClaimedBy));

        await TakeOverAsync();
        Assert.Equal(Queued, smtp.Received.Count);
        Assert.Equal(Queued, smtp.Received.Select(Key).Distinct().Count());
        Assert.All(await RowsAsync(), r => Assert.Equal((MessageStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_killed_instance_restarted_takes_back_its_own_claims_at_once_while_another_instance_leaves_them_alone()
    {
        // A lease far longer than the test: only taking back its own claims can finish the work in time.
        var lease = TimeSpan.FromMinutes(10);
        await using var first = await StartKilledBeforeAcceptingAsync(instance: "desk-a", lease: lease);
        var claimed = (await RowsAsync()).Where(r => r.Status == MessageStatus.Pending && r.ClaimedBy != null).Select(r => r.DeduplicationKey).ToHashSet();
        Assert.NotEmpty(claimed);
        Assert.All((await RowsAsync()).Where(r => claimed.Contains(r.DeduplicationKey)), r => Assert.StartsWith("desk-a:", r.ClaimedBy));

        // Another instance sends what nobody holds, and leaves desk-a's claims to their lease.
        await using (var other = await StartAppAsync("desk-b", lease))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            // Until everything but desk-a's claims is sent: a row desk-b has claimed but not yet sent would otherwise stay
            // claimed by desk-b (whose lease outlasts the test) once it stops.
            while ((await RowsAsync()).Any(r => !claimed.Contains(r.DeduplicationKey) && r.Status != MessageStatus.Sent))
            {
                Assert.True(DateTime.UtcNow < deadline, "The other instance did not send the unclaimed messages:\n" + other.Output);
                await Task.Delay(100);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.All((await RowsAsync()).Where(r => claimed.Contains(r.DeduplicationKey)), r => Assert.Equal(MessageStatus.Pending, r.Status));
        }

        // desk-a comes back: its own claims are taken back at start and sent, long before the lease would end.
        await using var again = await StartAppAsync("desk-a", lease);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!(await RowsAsync()).All(r => r.Status == MessageStatus.Sent))
        {
            Assert.True(DateTime.UtcNow < until, "The restarted instance did not send its own claimed messages ("
                + string.Join(", ", (await RowsAsync()).Where(r => r.Status != MessageStatus.Sent).Select(r => $"{r.DeduplicationKey} {r.Status} {r.ClaimedBy}"))
                + "):\n" + again.Output);
            await Task.Delay(100);
        }

        Assert.Equal(Queued, smtp.Received.Count);
        Assert.Equal(Queued, smtp.Received.Select(Key).Distinct().Count());
    }

    [Fact]
    public async Task An_app_killed_before_the_server_took_a_message_loses_nothing_and_repeats_nothing()
    {
        await using var first = await StartKilledBeforeAcceptingAsync();

        var rows = await RowsAsync();
        Assert.Equal(StopAt - 1, smtp.Received.Count);
        Assert.Equal(smtp.Received.Select(Key).Order(), rows.Where(r => r.Status == MessageStatus.Sent).Select(r => r.DeduplicationKey).Order());

        await TakeOverAsync();
        Assert.Equal(Queued, smtp.Received.Count);
        Assert.Equal(Queued, smtp.Received.Select(Key).Distinct().Count());
        Assert.All(await RowsAsync(), r => Assert.Equal(MessageStatus.Sent, r.Status));
    }

    [Fact]
    public async Task An_app_killed_after_the_server_took_a_message_repeats_only_that_one_under_its_own_message_id()
    {
        var stopped = new TaskCompletionSource();
        MimeMessage? inFlight = null;
        await using var first = await StartFirstAsync(app => smtp.OnAccepted = message =>
        {
            if (smtp.Received.Count == StopAt)
            {
                // Killed after the server stored the message and before the app heard its "250 OK": the app cannot
                // know the message went. This is the one case SMTP leaves open.
                inFlight = message;
                app().Kill();
                stopped.TrySetResult();
            }
        });
        await StopOnAsync(stopped, first);
        smtp.OnAccepted = null;

        var recorded = (await RowsAsync()).Where(r => r.Status == MessageStatus.Sent).Select(r => r.DeduplicationKey).ToHashSet();
        Assert.Equal(StopAt - 1, recorded.Count);
        Assert.DoesNotContain(Key(inFlight!), recorded);

        await TakeOverAsync();
        var byKey = smtp.Received.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        // Nothing lost; nothing the app had recorded as accepted went again.
        Assert.Equal(Queued, byKey.Count);
        Assert.All(recorded, key => Assert.Single(byKey[key]));
        // Only the message in flight at the kill arrived twice, with the same Message-Id both times, so the
        // recipient's mail system shows it once.
        var repeated = Assert.Single(byKey, kv => kv.Value.Count > 1);
        Assert.Equal(Key(inFlight!), repeated.Key);
        Assert.Equal(2, repeated.Value.Count);
        Assert.Equal(repeated.Value[0].MessageId, repeated.Value[1].MessageId);
    }
}

public sealed class MailCrashTestsOnPostgreSql() : MailCrashTests(TestDatabase.PostgreSql);
