using EventManager.Testing;
using System.Text.Json;
using EventManager.Core.Agenda;
using Delegate = EventManager.Core.Delegates.Delegate;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>
/// An event with 400 sessions over 5 days in 8 rooms and 2,000 delegates; concurrent clients load its public
/// agenda page and its .ics feed, and /health under the same load as the framework's ceiling.
/// </summary>
public static class AgendaBenchmark
{
    private const int Clients = 32;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var slug = await SeedAsync(folder);
            await using var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Jobs:ServerEnabled"] = "false",
                ["Diagnostics:CountQueries"] = "true",
            });
            var page = $"/events/{slug}/agenda";
            var feed = $"/events/{slug}/agenda.ics";
            Console.WriteLine($"App on {app.Address}; {Clients} clients, {duration.TotalSeconds:F0} s per address");

            await HttpLoad.RunAsync(app.Address, page, Clients, WarmUp / 3);
            await HttpLoad.RunAsync(app.Address, feed, Clients, WarmUp / 3);
            await HttpLoad.RunAsync(app.Address, "/health", Clients, WarmUp / 3);

            var queries = new System.Collections.Concurrent.ConcurrentBag<int>();
            var pageResult = await HttpLoad.RunAsync(app.Address, page, Clients, duration,
                r => queries.Add(int.Parse(r.Headers.GetValues("X-Db-Commands").First())));
            var icsResult = await HttpLoad.RunAsync(app.Address, feed, Clients, duration);
            var health = await HttpLoad.RunAsync(app.Address, "/health", Clients, duration);
            Console.WriteLine($"page: {pageResult.Requests} in {duration.TotalSeconds:F0} s, p50 {pageResult.P50Ms:F1} ms, errors {pageResult.Errors}");
            Console.WriteLine($"ics:  {icsResult.Requests} in {duration.TotalSeconds:F0} s, p50 {icsResult.P50Ms:F1} ms, errors {icsResult.Errors}");
            Console.WriteLine($"health: {health.Requests}, p95 {health.P95Ms:F1} ms, errors {health.Errors}");

            var result = new
            {
                bench = "agenda",
                page_per_s = Math.Round(pageResult.PerSecond, 1),
                page_p95_ms = Math.Round(pageResult.P95Ms, 1),
                ics_per_s = Math.Round(icsResult.PerSecond, 1),
                ics_p95_ms = Math.Round(icsResult.P95Ms, 1),
                queries_per_page = queries.IsEmpty ? -1 : queries.Max(),
                health_per_s = Math.Round(health.PerSecond, 1),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return pageResult.Errors + icsResult.Errors + health.Errors == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> SeedAsync(string folder)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        await using var db = new EventManagerDbContext(options.Options);
        await db.Database.MigrateAsync();

        var zone = EventTime.FindZone("Asia/Shanghai");
        var firstDay = new DateTime(2027, 9, 13);
        DateTime Utc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(local, zone);
        var ev = new Event
        {
            Name = "Agenda benchmark week", Slug = "agenda-bench", Kind = EventKind.Conference, TimeZoneId = zone.Id,
            StartsAtUtc = Utc(firstDay.AddHours(8)), EndsAtUtc = Utc(firstDay.AddDays(4).AddHours(20)),
            CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Events.Add(ev);
        var institutions = DemoData.ReadInstitutions();
        db.Institutions.AddRange(institutions);
        var rooms = Enumerable.Range(1, 8).Select(i => new Room { Event = ev, Name = $"Room {i}", Capacity = 50 * i, SortOrder = i }).ToList();
        db.Rooms.AddRange(rooms);
        var delegates = new List<Delegate>();
        for (var i = 0; i < 2000; i++)
        {
            var institution = institutions[i % institutions.Count];
            var person = new Delegate { LatinName = $"Delegate {i:0000}", NativeName = institution.CountryCode == "CN" ? $"代表{i}" : $"Делегат {i}", Email = $"d{i}@bench.example", Institution = institution, Position = "Vice-Rector" };
            delegates.Add(person);
            db.Registrations.Add(new Registration
            {
                Event = ev, Delegate = person, Token = RegistrationRules.NewToken(), Status = RegistrationStatus.Confirmed, Sequence = i + 1, DelegationKey = Guid.NewGuid(),
                LatinName = person.LatinName, NativeName = person.NativeName, Email = person.Email, Institution = institution, CountryCode = institution.CountryCode,
                CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
        }

        db.Delegates.AddRange(delegates);
        var n = 0;
        for (var day = 0; day < 5; day++)
        {
            for (var slot = 0; slot < 10; slot++)
            {
                foreach (var room in rooms)
                {
                    var start = firstDay.AddDays(day).AddHours(8).AddMinutes(70 * slot);
                    db.Sessions.Add(new Session
                    {
                        Event = ev, Uid = Guid.NewGuid(), Title = $"Session {n + 1}: cooperation in higher education", Kind = slot == 4 ? SessionKind.Break : SessionKind.Panel,
                        StartsAtUtc = Utc(start), EndsAtUtc = Utc(start.AddMinutes(60)), Room = room, Language = "zh-CN", Interpretation = "Chinese ↔ Kazakh",
                        Description = "Rectors and vice-rectors discuss joint programmes, mobility and research.",
                        People =
                        [
                            new SessionPerson { Delegate = delegates[(n * 3) % 2000], Role = SessionRole.Chair },
                            new SessionPerson { Delegate = delegates[(n * 3 + 1) % 2000], Role = SessionRole.Speaker },
                            new SessionPerson { Delegate = delegates[(n * 3 + 2) % 2000], Role = SessionRole.Speaker },
                        ],
                        UpdatedAtUtc = DateTime.UtcNow,
                    });
                    n++;
                }
            }
        }

        await db.SaveChangesAsync();
        var published = await new AgendaSetup(db).Publishing.PublishAsync(ev.Id);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException("The benchmark agenda did not publish: " + string.Join("; ", published.Errors.Select(e => string.Format(e.Message, e.Arguments))));
        }

        Console.WriteLine($"Seeded {n} sessions over 5 days in {rooms.Count} rooms, {delegates.Count} delegates; published version {published.Value!.Number}");
        return ev.Slug;
    }
}
