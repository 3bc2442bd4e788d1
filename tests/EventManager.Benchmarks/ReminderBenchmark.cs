using System.Diagnostics;
using System.Text.Json;
using EventManager.Core.Agenda;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Mail;
using EventManager.Core.Registrations;
using EventManager.Core.Reminders;
using EventManager.Migrations.Sqlite;
using EventManager.Web.Features.Mail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Delegate = EventManager.Core.Delegates.Delegate;

namespace EventManager.Benchmarks;

/// <summary>
/// Plans the reminders of an event with 10,000 delegates and 20 sessions (each delegate attends every session:
/// 200,000 reminders), then sends a batch through MailKit to an SMTP server on loopback.
/// </summary>
public static class ReminderBenchmark
{
    private const int Delegates = 10_000;
    private const int Sessions = 20;
    private const int SendBatch = 5_000;

    private sealed class LaterTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private sealed class NoTransport : IMailTransport, IMailSession
    {
        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);
        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public static async Task<int> RunAsync(TimeSpan maxSending)
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        var connection = $"Data Source={Path.Combine(folder, "eventmanager.db")}";
        try
        {
            var eventId = await SeedAsync(connection);
            Console.WriteLine($"Seeded {Delegates} confirmed delegates, {Sessions} published sessions, every delegate attending every session");

            var planWatch = Stopwatch.StartNew();
            PlanReport report;
            await using (var db = Context(connection))
            {
                report = await new ReminderPlanner(db, TimeProvider.System, path => "https://events.example.org" + path, new EnglishWording()).PlanAsync(eventId);
            }

            var planSeconds = planWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Planned {report.Planned} reminders in {planSeconds:F2} s");

            // Send the first reminders as if their moment had come, to an SMTP server on loopback.
            await using var sink = new SmtpSink();
            var received = sink.Keys;
            var port = sink.Port;
            var settings = new MailSettings { Host = "127.0.0.1", Port = port, Security = MailSecurity.None };
            var later = new LaterTime(TimeSpan.FromDays(60));
            var sendWatch = Stopwatch.StartNew();
            var sent = 0;
            while (sent < SendBatch && sendWatch.Elapsed < maxSending)
            {
                await using var db = Context(connection);
                IMailTransport transport = Environment.GetEnvironmentVariable("BENCH_TRANSPORT") == "none" ? new NoTransport() : new SmtpTransport(settings);
                var batch = await new MailSender(db, transport, later, new MailSendSettings(250, 3, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)))
                    .SendDueAsync("bench");
                sent += batch.Sent;
                if (batch.Claimed == 0)
                {
                    break;
                }
            }

            var sendSeconds = sendWatch.Elapsed.TotalSeconds;

            await using var check = Context(connection);
            var sentRows = await check.OutgoingMessages.CountAsync(m => m.Status == MessageStatus.Sent);
            var keys = received.ToList();

            // The ceiling on this machine, now: the same MailKit transport and server with no database in between.
            const int ceilingMessages = 1_000;
            var ceilingWatch = Stopwatch.StartNew();
            await using (var session = await new SmtpTransport(settings).OpenAsync(CancellationToken.None))
            {
                for (var i = 0; i < ceilingMessages; i++)
                {
                    await session.SendAsync(new OutgoingMessage
                    {
                        Id = i, DeduplicationKey = $"ceiling:{i}", Kind = "Ceiling", RecipientEmail = $"c{i}@bench.example", RecipientName = "Ceiling",
                        Subject = "In one hour: Session 1", TextBody = "Dear Delegate,\n\nSession 1 starts at 09:00 in Hall A.",
                    }, CancellationToken.None);
                }
            }

            var ceiling = ceilingMessages / ceilingWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"Ceiling: MailKit alone to the same server, {ceiling:F0} messages/s");
            var result = new
            {
                bench = "reminders",
                planned = report.Planned,
                plan_s = Math.Round(planSeconds, 2),
                sent,
                sent_per_s = Math.Round(sent / sendSeconds, 1),
                smtp_ceiling_per_s = Math.Round(ceiling, 1),
                duplicates = keys.Count - keys.Distinct().Count(),
                lost = sentRows - keys.Distinct().Count(),
            };
            Console.WriteLine($"Sent {sent} in {sendSeconds:F1} s; the server received {keys.Count}");
            Console.WriteLine(JsonSerializer.Serialize(result));
            return result.duplicates == 0 && result.lost == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static EventManagerDbContext Context(string connection)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, connection);
        return new EventManagerDbContext(options.Options);
    }

    private static async Task<int> SeedAsync(string connection)
    {
        await using var db = Context(connection);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var zone = EventTime.FindZone("Asia/Shanghai");
        var day = DateTime.UtcNow.Date.AddDays(30);
        var ev = new Event
        {
            Name = "Reminder benchmark dialogue", Slug = "reminder-bench", Kind = EventKind.Dialogue, TimeZoneId = zone.Id,
            StartsAtUtc = day, EndsAtUtc = day.AddDays(1), CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        for (var chunk = 0; chunk < Delegates / 1000; chunk++)
        {
            for (var i = chunk * 1000; i < (chunk + 1) * 1000; i++)
            {
                var person = new Delegate { LatinName = $"Delegate {i:00000}", Email = $"d{i}@bench.example", TimeZoneId = i % 2 == 0 ? "Asia/Almaty" : "Asia/Shanghai" };
                db.Registrations.Add(new Registration
                {
                    EventId = ev.Id, Delegate = person, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = i + 1, DelegationKey = Guid.NewGuid(),
                    LatinName = person.LatinName, Email = person.Email, CountryCode = "KZ", TimeZoneId = person.TimeZoneId, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        var agenda = new AgendaSetup(db);
        for (var s = 0; s < Sessions; s++)
        {
            var start = EventTime.ToLocal(day, zone).AddHours(1).AddMinutes(30 * s);
            var saved = await agenda.Drafts.SaveSessionAsync(ev.Id, null, new SessionInput($"Session {s + 1}", null, SessionKind.Panel, start, start.AddMinutes(25), null, null, [], null, null, null));
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => string.Format(e.Message, e.Arguments))));
            }
        }

        if (!(await agenda.Publishing.PublishAsync(ev.Id)).Succeeded)
        {
            throw new InvalidOperationException("The benchmark agenda did not publish.");
        }

        // Every delegate attends every session: one bulk insert.
        var registrationIds = await db.Registrations.Where(r => r.EventId == ev.Id).Select(r => r.Id).ToListAsync();
        var uids = await db.Sessions.Where(s => s.EventId == ev.Id).Select(s => s.Uid).ToListAsync();
        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        await sqlite.OpenAsync();
        await using (var transaction = sqlite.BeginTransaction())
        {
            var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO SessionChoices (RegistrationId, SessionUid) VALUES ($r, $u)";
            var r = insert.Parameters.Add("$r", SqliteType.Integer);
            var u = insert.Parameters.Add("$u", SqliteType.Text);
            foreach (var id in registrationIds)
            {
                foreach (var uid in uids)
                {
                    r.Value = id;
                    u.Value = uid.ToString().ToUpperInvariant();
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        db.ReminderRules.Add(new ReminderRule
        {
            EventId = ev.Id, Name = "Half an hour before each session you chose", Anchor = ReminderAnchor.SessionStart, OffsetMinutes = -30,
            Audience = ReminderAudience.SessionAttendees, Subject = "In half an hour: {session}", Body = "Dear {name},\n\n{session} starts at {start} in {room}.\n\n{link}",
        });
        await db.SaveChangesAsync();
        return ev.Id;
    }
}
