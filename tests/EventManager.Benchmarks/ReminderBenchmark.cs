using System.Diagnostics;
using EventManager.Testing;
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
/// An event with 10,000 confirmed delegates (in four languages) and 20 sessions each delegate chose: the app, started
/// as its own Release process with its job server, plans every reminder at start-up with its own services as
/// production has them (its wording in each delegate's language, the organisers' digest), about 220,000 in all. Then a
/// message to all 10,000 comes due and the app's Hangfire mail job, with its configured workers, sends it to an SMTP
/// server on loopback. The ceiling: MailKit alone sending the same messages to the same server from this process.
/// </summary>
public static class ReminderBenchmark
{
    private const int Delegates = 10_000;
    private const int Sessions = 20;
    private static readonly string[] Languages = ["en", "zh-CN", "kk-KZ", "ru-RU"];

    public static async Task<int> RunAsync(TimeSpan maxSending)
    {
        var idleRss = await IdleMemory.MeasureAsync();
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var (eventId, toAll) = await SeedAsync(folder);
            Console.WriteLine($"Seeded {Delegates} confirmed delegates in {Languages.Length} languages, {Sessions} published sessions, every delegate attending every session");

            await using var sink = new SmtpSink();
            await using var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:EventManager.Web.Features.Mail.ReminderJob"] = "Information",
                ["Mail:Host"] = "127.0.0.1",
                ["Mail:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Security"] = "None",
                ["Bootstrap:OrganiserEmail"] = "organiser@bench.example",
                ["Bootstrap:OrganiserPassword"] = "Bench-Organiser-Password-2026",
            });

            // The app plans every upcoming event at start-up, and says how long it took.
            var planned = await WaitForAsync(() => PlanLine(app.Output, eventId), TimeSpan.FromMinutes(5))
                ?? throw new TimeoutException("The app did not plan the reminders within 5 minutes:\n" + app.Output);
            Console.WriteLine($"The app planned {planned.Planned} reminders in {planned.Seconds:F2} s (its own log)");

            // The message to all comes due now; the app's mail job (each minute, as configured) sends it.
            int due;
            await using (var db = BenchDatabase.Open(folder))
            {
                due = await db.OutgoingMessages.Where(m => m.ReminderRuleId == toAll && m.Status == MessageStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.DueAtUtc, DateTime.UtcNow.AddSeconds(-1)));
            }

            var prefix = $"reminder:{toAll}:";
            var waited = Stopwatch.StartNew();
            var lastCount = -1;
            var lastChange = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(75) + maxSending)
            {
                var count = sink.Arrivals.Count(a => a.Key.StartsWith(prefix, StringComparison.Ordinal));
                if (count >= due)
                {
                    break;
                }

                if (count != lastCount)
                {
                    lastCount = count;
                    lastChange.Restart();
                }
                else if (count > 0 && lastChange.Elapsed > TimeSpan.FromSeconds(20))
                {
                    break;
                }

                await Task.Delay(200);
            }

            await Task.Delay(1000);
            var arrivals = sink.Arrivals.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(a => a.At).ToList();
            var sendSeconds = arrivals.Count < 2 ? double.NaN : Stopwatch.GetElapsedTime(arrivals[0].At, arrivals[^1].At).TotalSeconds;
            var sentPerSecond = arrivals.Count < 2 ? 0 : (arrivals.Count - 1) / sendSeconds;
            var keys = sink.Keys.ToList();
            var rss = app.PeakRssMb;

            // The ceiling on this machine, now: the same MailKit transport and server with no database or job in between.
            var settings = new MailSettings { Host = "127.0.0.1", Port = sink.Port, Security = MailSecurity.None };
            const int ceilingMessages = 2_000;
            var ceilingWatch = Stopwatch.StartNew();
            await using (var session = await new SmtpTransport(settings).OpenAsync(CancellationToken.None))
            {
                for (var i = 0; i < ceilingMessages; i++)
                {
                    await session.SendAsync(new OutgoingMessage
                    {
                        Id = i, DeduplicationKey = $"ceiling:{i}", Kind = "Ceiling", RecipientEmail = $"c{i}@bench.example", RecipientName = "Ceiling",
                        Subject = "Reminder benchmark dialogue: the buses leave at 08:00",
                        TextBody = "Dear Delegate 00001,\n\nThe buses to the venue leave the hotel at 08:00.\n\nYour registration and agenda: http://127.0.0.1/r/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG/agenda",
                    }, CancellationToken.None);
                }
            }

            var ceiling = ceilingMessages / ceilingWatch.Elapsed.TotalSeconds;
            var result = new
            {
                bench = "reminders",
                planned = planned.Planned,
                plan_s = Math.Round(planned.Seconds, 2),
                sent = arrivals.Count,
                sent_per_s = Math.Round(sentPerSecond, 1),
                smtp_ceiling_per_s = Math.Round(ceiling, 1),
                ratio = Math.Round(sentPerSecond / Math.Max(1, ceiling), 3),
                duplicates = keys.Where(k => k.Length > 0).Count() - keys.Where(k => k.Length > 0).Distinct().Count(),
                lost = due - arrivals.Select(a => a.Key).Distinct().Count(),
                rss_peak_mb = Math.Round(rss, 1),
                idle_rss_mb = idleRss,
            };
            Console.WriteLine($"The app's mail job sent {arrivals.Count} of {due} due messages in {sendSeconds:F1} s (first to last accepted by the server)");
            Console.WriteLine($"Ceiling: MailKit alone from this process to the same server over one connection, {ceiling:F0} messages/s; ratio = the app's sent/s ÷ that.");
            Console.WriteLine(JsonSerializer.Serialize(result));
            return result.duplicates == 0 && result.lost == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The app's log line "Reminders for event N: P planned, … in S s", read back.</summary>
    private static (int Planned, double Seconds)? PlanLine(string output, int eventId)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, $@"Reminders for event {eventId}: (\d+) planned, \d+ removed, \d+ kept, \d+ missed in ([\d.]+) s");
        return match.Success
            ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    private static async Task<T?> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout) where T : struct
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static async Task<(int EventId, int ToAll)> SeedAsync(string folder)
    {
        await using var db = BenchDatabase.Open(folder);
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
                    PreferredLanguage = Languages[i % Languages.Length],
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
        // A message to all, planned for tomorrow; the benchmark brings its moment forward once planning is done.
        var toAll = new ReminderRule
        {
            EventId = ev.Id, Name = "Buses", Anchor = ReminderAnchor.At, AtUtc = DateTime.UtcNow.AddDays(1), Audience = ReminderAudience.ConfirmedDelegates,
            Subject = "{event}: the buses leave at 08:00", Body = "Dear {name},\n\nThe buses to the venue leave the hotel at 08:00.\n\nYour registration and agenda: {link}",
        };
        db.ReminderRules.Add(toAll);
        db.ReminderRules.AddRange(DefaultReminders.For(ev, new EnglishWording()));
        await db.SaveChangesAsync();
        return (ev.Id, toAll.Id);
    }
}
