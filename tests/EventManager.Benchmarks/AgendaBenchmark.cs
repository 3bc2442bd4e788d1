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
/// An event with 400 sessions over 5 days in 8 rooms and 2,000 delegates, served by the app started as its own
/// Release process. Measured, in this order: a mix of every day and "all days" in three time zones and four languages,
/// starting with the cache cold (the warm-up used another event); the cached first day (from the output cache: an
/// anonymous public page); the .ics feed; the app's ceiling, GET /_ceiling (no database, no view); and the cached page's
/// floor, GET /_ceiling?bytes=N with N its size, with the same 32 clients.
/// </summary>
public static class AgendaBenchmark
{
    private const int Clients = 32;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);
    private static readonly string?[] Zones = [null, "Asia/Almaty", "America/New_York"];
    private static readonly string[] Languages = ["en", "zh-CN", "kk-KZ", "ru-RU"];

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var idleRss = await IdleMemory.MeasureAsync();
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var (slug, days) = await SeedAsync(folder);
            await using var app = await AppProcess.StartAsync(folder, BenchDatabase.AppSettings(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Jobs:ServerEnabled"] = "false",
                ["Diagnostics:CountQueries"] = "true",
                ["Diagnostics:CeilingEndpoints"] = "true",
            }));
            var page = $"/events/{slug}/agenda";
            var feed = $"/events/{slug}/agenda.ics";
            Console.WriteLine($"App (Release, own process) on {app.Address}; {Clients} clients, {duration.TotalSeconds:F0} s per measurement");

            // Warm the code, not this event's cache: the warm-up reads the small event seeded beside it.
            await HttpLoad.RunAsync(app.Address, "/events/warm-up/agenda", Clients, WarmUp / 3);
            await HttpLoad.RunAsync(app.Address, "/events/warm-up/agenda.ics", Clients, WarmUp / 3);
            await HttpLoad.RunAsync(app.Address, "/_ceiling", Clients, WarmUp / 3);

            // Every day and "all", three zones, four languages: 72 pages, requested in turn from a cold cache.
            var pages = (from day in days.Append("all") from zone in Zones from language in Languages
                         select ($"{page}?day={day}{(zone is null ? "" : $"&tz={Uri.EscapeDataString(zone)}")}", (string?)language)).ToArray();
            var queries = new System.Collections.Concurrent.ConcurrentBag<int>();
            void Count(HttpResponseMessage r) => queries.Add(int.Parse(r.Headers.GetValues("X-Db-Commands").First()));
            var mixed = await HttpLoad.RunAsync(app.Address, n => pages[(int)(n % pages.Length)], Clients, duration, Count);
            var cached = await HttpLoad.RunAsync(app.Address, page, Clients, duration, Count);
            var ics = await HttpLoad.RunAsync(app.Address, feed, Clients, duration);
            var ceiling = await HttpLoad.RunAsync(app.Address, "/_ceiling", Clients, duration);
            // The cached page's floor: the same number of bytes from the same pipeline with no work at all.
            var size = (int)Math.Round(cached.AverageBytes);
            await HttpLoad.RunAsync(app.Address, $"/_ceiling?bytes={size}", Clients, WarmUp / 3);
            var bytesCeiling = await HttpLoad.RunAsync(app.Address, $"/_ceiling?bytes={size}", Clients, duration);
            Console.WriteLine($"mixed:  {mixed.Requests} in {duration.TotalSeconds:F0} s ({pages.Length} different pages), p95 {mixed.P95Ms:F1} ms, errors {mixed.Errors}");
            Console.WriteLine($"cached: {cached.Requests} in {duration.TotalSeconds:F0} s, p95 {cached.P95Ms:F1} ms, errors {cached.Errors}, {cached.AverageBytes / 1024:F0} KB a page");
            Console.WriteLine($"ics:    {ics.Requests} in {duration.TotalSeconds:F0} s, p95 {ics.P95Ms:F1} ms, errors {ics.Errors}");
            Console.WriteLine($"Ceiling: {ceiling.PerSecond:F0} GET /_ceiling per second ({ceiling.AverageBytes:F0} bytes a response) (no database, no view, the same pipeline and {Clients} clients); each ratio = that page's rate ÷ the ceiling.");
            Console.WriteLine($"Bytes ceiling: {bytesCeiling.PerSecond:F0} GET /_ceiling?bytes={size} per second, p95 {bytesCeiling.P95Ms:F1} ms (the cached page's size, no work); cached_ratio = cached page's rate ÷ this.");

            var result = new
            {
                bench = "agenda",
                page_per_s = Math.Round(cached.PerSecond, 1),
                page_p95_ms = Math.Round(cached.P95Ms, 1),
                mixed_per_s = Math.Round(mixed.PerSecond, 1),
                mixed_p95_ms = Math.Round(mixed.P95Ms, 1),
                bytes_ceiling_per_s = Math.Round(bytesCeiling.PerSecond, 1),
                cached_ratio = Math.Round(cached.PerSecond / Math.Max(1, bytesCeiling.PerSecond), 3),
                ceiling_per_s = Math.Round(ceiling.PerSecond, 1),
                page_ratio = Math.Round(cached.PerSecond / Math.Max(1, ceiling.PerSecond), 3),
                mixed_ratio = Math.Round(mixed.PerSecond / Math.Max(1, ceiling.PerSecond), 3),
                ics_per_s = Math.Round(ics.PerSecond, 1),
                ics_p95_ms = Math.Round(ics.P95Ms, 1),
                queries_per_page = queries.IsEmpty ? -1 : queries.Max(),
                rss_peak_mb = Math.Round(app.PeakRssMb, 1),
                idle_rss_mb = idleRss,
                provider = BenchDatabase.Provider,
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return mixed.Errors + cached.Errors + ics.Errors + ceiling.Errors + bytesCeiling.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await BenchDatabase.DropAsync(folder);
        }
    }

    private static async Task<(string Slug, IReadOnlyList<string> Days)> SeedAsync(string folder)
    {
        await using var db = BenchDatabase.Open(folder);
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

        // A small event beside it, for the warm-up.
        var warm = new Event
        {
            Name = "Warm-up", Slug = "warm-up", Kind = EventKind.Dialogue, TimeZoneId = zone.Id,
            StartsAtUtc = ev.StartsAtUtc, EndsAtUtc = ev.EndsAtUtc, CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Events.Add(warm);
        for (var i = 0; i < 8; i++)
        {
            var start = firstDay.AddHours(9 + i);
            db.Sessions.Add(new Session { Event = warm, Uid = Guid.NewGuid(), Title = $"Warm-up {i}", Kind = SessionKind.Panel, StartsAtUtc = Utc(start), EndsAtUtc = Utc(start.AddMinutes(50)), UpdatedAtUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
        if (!(await new AgendaSetup(db).Publishing.PublishAsync(warm.Id)).Succeeded)
        {
            throw new InvalidOperationException("The warm-up agenda did not publish.");
        }

        var published = await new AgendaSetup(db).Publishing.PublishAsync(ev.Id);
        if (!published.Succeeded)
        {
            throw new InvalidOperationException("The benchmark agenda did not publish: " + string.Join("; ", published.Errors.Select(e => string.Format(e.Message, e.Arguments))));
        }

        Console.WriteLine($"Seeded {n} sessions over 5 days in {rooms.Count} rooms, {delegates.Count} delegates; published version {published.Value!.Number}");
        return (ev.Slug, Enumerable.Range(0, 5).Select(d => firstDay.AddDays(d).ToString("yyyy-MM-dd")).ToList());
    }
}
