using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace EventManager.Tests;

/// <summary>
/// Three instances of the app, each in its own process with a data folder of its own — as on three machines, sharing
/// nothing but the PostgreSQL database — take one sign-up storm; one of them is killed outright (kill -9) in the middle
/// of it while it hands the mail server a message. What the organiser and delegates would notice: no event overbooked,
/// no acknowledged sign-up lost, no confirmation missing or sent twice (the dead machine's claimed messages are sent by
/// the others once its lease runs out, and it never comes back).
/// </summary>
public sealed class SeveralMachinesTests : IAsyncLifetime
{
    private const int Capacity = 60;
    private const string Slug = "three-machines";
    private readonly SmtpTestServer smtp = new();
    private AppFactory observer = default!;

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        observer = new AppFactory(database: TestDatabase.PostgreSql);
        await observer.AddInstitutionAsync("Guizhou University", "贵州大学", "CN");
        await observer.CreateEventAsync(Slug, capacity: Capacity);
    }

    public async Task DisposeAsync()
    {
        await observer.DisposeAsync();
        await smtp.DisposeAsync();
    }

    private static string FromAddress(int machine) => $"machine{machine}@events.example";

    private Task<AppProcess> StartMachineAsync(int machine) => AppProcess.StartAsync(observer.ProcessDataDirectory(), observer.ProcessSettings(new Dictionary<string, string>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = smtp.Port.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:BatchSize"] = "10",
        // Each machine signs its messages, so the test can tell whose message the server is taking.
        ["Mail:FromAddress"] = FromAddress(machine),
        // Short, so the dead machine's claims come free within the test; not so short that a living machine, slowed by
        // a loaded CI machine, outlives its claim in the middle of a batch (it hands the rest back a fifth before the end).
        ["Mail:Lease"] = "00:00:15",
        ["Jobs:InstanceId"] = $"machine-{machine}",
        ["RateLimits:PublicFormPermits"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    }));

    private static string Key(MimeMessage m) => m.Headers["X-EventManager-Key"] ?? "";

    private Task<List<OutgoingMessage>> RowsAsync() => observer.MessagesToSendByNowAsync();

    [Fact]
    public async Task Three_machines_on_one_postgresql_database_one_killed_mid_storm_overbook_nothing_lose_nothing_and_send_nothing_twice()
    {
        var machines = await Task.WhenAll(Enumerable.Range(1, 3).Select(StartMachineAsync));
        try
        {
            var storms = await Task.WhenAll(machines.Select((m, i) => SignUpStorm.StartAsync(m.Address, Slug, clients: 3, prefix: $"m{i + 1}-")));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (storms.Sum(s => s.Acknowledged.Count) < 20 || smtp.Received.IsEmpty)
            {
                Assert.True(DateTime.UtcNow < deadline, "The storm did not get going:\n" + string.Join("\n---\n", machines.Select(m => m.Output)));
                await Task.Delay(20);
            }

            // Machine 2 dies the moment it hands the mail server its fourth message from here: the server never answers
            // that one, so it and the rest of its batch stay claimed by a machine that will not come back, while the
            // three before it (most often of the same batch, one connection) were taken and must count as sent.
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var fromMachine2 = 0;
            smtp.BeforeAccepting = message =>
            {
                if (message.From.Mailboxes.All(a => a.Address != FromAddress(2)))
                {
                    return true;
                }

                if (Interlocked.Increment(ref fromMachine2) < 4)
                {
                    return true;
                }

                if (!killed.Task.IsCompleted)
                {
                    machines[1].Kill();
                    killed.TrySetResult();
                }

                return false;
            };
            Assert.True(await Task.WhenAny(killed.Task, Task.Delay(TimeSpan.FromSeconds(60))) == killed.Task,
                "Machine 2 sent no message during the storm:\n" + machines[1].Output);
            var orphaned = (await RowsAsync()).Count(r => r.Status == MessageStatus.Pending && r.ClaimedBy != null && r.ClaimedBy.StartsWith("machine-2:", StringComparison.Ordinal));
            Assert.True(orphaned > 0, "The killed machine held no claimed messages.");

            // The storm goes on against the two left, past the event's capacity.
            deadline = DateTime.UtcNow.AddSeconds(90);
            while (storms.Sum(s => s.Acknowledged.Count) < Capacity + 30)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Only {storms.Sum(s => s.Acknowledged.Count)} sign-ups acknowledged:\n" + machines[0].Output + machines[2].Output);
                await Task.Delay(20);
            }

            foreach (var storm in storms)
            {
                await storm.StopAsync();
            }

            smtp.BeforeAccepting = null;
            // Every message, the dead machine's included, goes out from the others (its lease runs out; the mail job runs each minute).
            deadline = DateTime.UtcNow.AddSeconds(150);
            while ((await RowsAsync()).Any(r => r.Status != MessageStatus.Sent))
            {
                Assert.True(DateTime.UtcNow < deadline, "Not everything was sent: " + string.Join("; ", (await RowsAsync()).Where(r => r.Status != MessageStatus.Sent)
                    .Select(r => $"{r.DeduplicationKey} {r.Status} claim {r.ClaimedBy} {r.LastError}").Take(10)));
                Assert.False(machines[0].HasExited || machines[2].HasExited, "A surviving machine stopped.");
                await Task.Delay(200);
            }

            var acknowledged = storms.SelectMany(s => s.Acknowledged).ToList();
            var registrations = await observer.WithDbAsync(db => db.Registrations.AsNoTracking().Select(r => new { r.Email, r.Status }).ToListAsync());
            // Nothing overbooked, and the count the places lock keeps agrees with the rows.
            Assert.Equal(Capacity, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
            Assert.Equal(Capacity, await observer.WithDbAsync(db => db.RegistrationPolicies.Select(p => p.ConfirmedCount).SingleAsync()));
            Assert.True(registrations.Count(r => r.Status == RegistrationStatus.Waitlisted) >= 30);
            // Nothing acknowledged lost.
            var stored = registrations.Select(r => r.Email).ToHashSet();
            Assert.All(acknowledged, email => Assert.Contains(email, stored));
            // Every message once: none missing, none twice.
            var rows = await RowsAsync();
            var received = smtp.Received.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(received.All(kv => kv.Value == 1), "Sent twice: " + string.Join(", ", received.Where(kv => kv.Value > 1)
                .Select(kv => kv.Key + " by " + string.Join(" and ", smtp.Received.Where(m => Key(m) == kv.Key).Select(m => m.From.Mailboxes.First().Address)))));
            Assert.Equal(rows.Select(r => r.DeduplicationKey).Order(), received.Keys.Order());
            Assert.Equal(registrations.Count, rows.Count(r => r.Kind == "RegistrationReceived"));
            // The surviving machines sent what the dead one had claimed.
            Assert.Contains(smtp.Received, m => m.From.Mailboxes.Any(a => a.Address == FromAddress(1)));
            Assert.Contains(smtp.Received, m => m.From.Mailboxes.Any(a => a.Address == FromAddress(3)));
        }
        finally
        {
            foreach (var machine in machines)
            {
                await machine.DisposeAsync();
            }
        }
    }
}
