using EventManager.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>
/// 64 clients post the public registration form of one event for a fixed time, against the app started as its own
/// Release process. The warm-up posts to another event, so the measured event starts empty; its capacity is set from
/// the warm-up's rate so that it fills about half way through the measured run, and the capacity boundary is crossed
/// while the clock runs. The same clients then post to the app's ceiling (a form post whose antiforgery token is
/// checked, with no database and no view) and to its floor (the same check, then one row inserted and committed
/// through EF Core in one transaction) for the same time: floor_ratio says what a registration costs beyond the least
/// any stored form costs. Only the measured event is counted. BENCH_DATABASE=postgres runs it all on PostgreSQL.
/// </summary>
public static class RegistrationBenchmark
{
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CLIENTS"), out var c) ? c : 64;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(15);

    // One machine's 64 clients share one address: the per-address limit of the public forms would refuse nearly all
    // of them. The JSON says so.
    private const string LimiterPermits = "100000000";

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var idleRss = await IdleMemory.MeasureAsync();
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var commits = BenchDatabase.OnPostgres ? 0 : Measure.SqliteCommitsPerSecond(folder, TimeSpan.FromSeconds(3));
            if (!BenchDatabase.OnPostgres)
            {
                Console.WriteLine($"SQLite on this disk: {commits:F0} one-row commits/s");
            }

            var (warmupEvent, measuredEvent) = await PrepareAsync(folder);
            await using var app = await AppProcess.StartAsync(folder, BenchDatabase.AppSettings(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["RateLimits:PublicFormPermits"] = LimiterPermits,
                ["Jobs:ServerEnabled"] = "false",
                ["Diagnostics:CeilingEndpoints"] = "true",
            }));
            Console.WriteLine($"App (Release, own process, {BenchDatabase.Provider}) on {app.Address}; {Clients} clients for {duration.TotalSeconds:F0} s");

            var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => RegistrationClient.OpenAsync(app.Address, "bench")));

            // Warm up on another event, so the measured one starts empty: a fresh process compiles its hot code again
            // at a higher tier in its first seconds, which a running server does not pay per registration.
            var warmed = 0;
            Task<bool> WarmUpAsync(RegistrationClient c) => c.RegisterAsync("warmup", $"warmup{Interlocked.Increment(ref warmed):000000}@bench.example");
            await HttpLoad.TimedAsync(clients, WarmUp * 2 / 3, WarmUpAsync);
            await HttpLoad.TimedAsync(clients, WarmUp / 6, c => CeilingAsync(c));
            await HttpLoad.TimedAsync(clients, WarmUp / 6, c => FloorAsync(c));
            // The rate once warm (the last part of the warm-up) sets the places: full about half way through the run.
            var warm = await HttpLoad.TimedAsync(clients, WarmUp / 3, WarmUpAsync);
            var capacity = Math.Max(10, (int)(warm.PerSecond * duration.TotalSeconds / 2));
            await SetCapacityAsync(folder, measuredEvent, capacity);
            Console.WriteLine($"Warm-up: {warmed} registrations on another event, {warm.PerSecond:F0}/s at its end (not counted); the measured event gets {capacity} places, about half a run's worth");

            var acknowledged = new ConcurrentBag<string>();
            var counter = 0;
            var cpuBefore = app.CpuTime;
            var run = await HttpLoad.TimedAsync(clients, duration, async client =>
            {
                var email = $"d{Interlocked.Increment(ref counter):000000}@bench.example";
                var ok = await client.RegisterAsync("bench", email);
                if (ok)
                {
                    acknowledged.Add(email);
                }

                return ok;
            });
            var serverCpuMs = (app.CpuTime - cpuBefore).TotalMilliseconds;
            var floor = await HttpLoad.TimedAsync(clients, duration, c => FloorAsync(c));
            var ceiling = await HttpLoad.TimedAsync(clients, duration, c => CeilingAsync(c));

            var (stored, confirmed, waitlisted, inOrder) = await CountAsync(folder, measuredEvent, acknowledged.ToHashSet());
            var lost = acknowledged.Count - stored;
            var result = new
            {
                bench = "registration",
                provider = BenchDatabase.Provider,
                per_s = Math.Round(run.PerSecond, 1),
                p50_ms = Math.Round(run.P50Ms, 1),
                p95_ms = Math.Round(run.P95Ms, 1),
                floor_per_s = Math.Round(floor.PerSecond, 1),
                floor_p95_ms = Math.Round(floor.P95Ms, 1),
                floor_ratio = Math.Round(run.PerSecond / Math.Max(1, floor.PerSecond), 3),
                ceiling_per_s = Math.Round(ceiling.PerSecond, 1),
                ratio = Math.Round(run.PerSecond / Math.Max(1, ceiling.PerSecond), 3),
                confirmed,
                capacity,
                overbooked = Math.Max(0, confirmed - capacity),
                errors = run.Errors,
                lost,
                waitlisted,
                clients = Clients,
                limiter_permits = long.Parse(LimiterPermits, System.Globalization.CultureInfo.InvariantCulture),
                sqlite_commits_per_s = Math.Round(commits, 1),
                rss_peak_mb = Math.Round(app.PeakRssMb, 1),
                idle_rss_mb = idleRss,
            };
            Console.WriteLine($"Server CPU per registration: {serverCpuMs / Math.Max(1, run.Requests):F2} ms ({serverCpuMs / 1000 / duration.TotalSeconds:F2} cores busy)");
            Console.WriteLine($"{acknowledged.Count} registrations acknowledged; stored {stored}: {confirmed} confirmed of {capacity} places, {waitlisted} waiting; waiting list in server order: {inOrder}");
            Console.WriteLine($"Floor: {floor.PerSecond:F0} form posts/s (p95 {floor.P95Ms:F1} ms) from the same {Clients} clients to POST /_ceiling/write, which checks the antiforgery token and inserts and commits one row through EF Core in one transaction; floor_ratio = registrations/s ÷ floor posts/s.");
            Console.WriteLine($"Ceiling: {ceiling.PerSecond:F0} form posts/s (p95 {ceiling.P95Ms:F1} ms) to POST /_ceiling, which checks the antiforgery token and stores nothing; ratio = registrations/s ÷ ceiling posts/s.");
            Console.WriteLine(JsonSerializer.Serialize(result));
            return result.overbooked == 0 && run.Errors == 0 && lost == 0 && inOrder && confirmed == capacity ? 0 : 1;
        }
        finally
        {
            await BenchDatabase.DropAsync(folder);
        }
    }

    private static Task<bool> CeilingAsync(RegistrationClient client) => client.PostFormAsync("/_ceiling", [], "/_ceiling");

    private static Task<bool> FloorAsync(RegistrationClient client) => client.PostFormAsync("/_ceiling/write", [], "/_ceiling");

    private static async Task SetCapacityAsync(string folder, int eventId, int capacity)
    {
        await using var db = BenchDatabase.Open(folder);
        await db.RegistrationPolicies.Where(p => p.EventId == eventId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Capacity, capacity));
    }

    private static async Task<(int Warmup, int Measured)> PrepareAsync(string folder)
    {
        await using var db = BenchDatabase.Open(folder);
        await db.Database.MigrateAsync();
        Event Dialogue(string slug) => new()
        {
            Name = $"Registration benchmark {slug}", Slug = slug, Kind = EventKind.Dialogue, TimeZoneId = "Asia/Shanghai",
            StartsAtUtc = DateTime.UtcNow.AddDays(30), EndsAtUtc = DateTime.UtcNow.AddDays(31), CreatedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        var warmup = Dialogue("warmup");
        var measured = Dialogue("bench");
        db.Events.AddRange(warmup, measured);
        db.Institutions.Add(new Core.Institutions.Institution { EnglishName = "Guizhou University", NativeName = "贵州大学", CountryCode = "CN", City = "Guiyang" });
        await db.SaveChangesAsync();
        db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = warmup.Id, Enabled = true });
        db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = measured.Id, Enabled = true, Capacity = 1 });
        await db.SaveChangesAsync();
        return (warmup.Id, measured.Id);
    }

    private static async Task<(int Stored, int Confirmed, int Waitlisted, bool InOrder)> CountAsync(string folder, int eventId, HashSet<string> acknowledged)
    {
        await using var db = BenchDatabase.Open(folder);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId)
            .Select(r => new { r.Email, r.Status, r.Sequence }).ToListAsync();
        var stored = rows.Count(r => acknowledged.Contains(r.Email));
        var confirmed = rows.Count(r => r.Status == RegistrationStatus.Confirmed);
        var waitlisted = rows.Count(r => r.Status == RegistrationStatus.Waitlisted);
        var inOrder = waitlisted == 0 || rows.Where(r => r.Status == RegistrationStatus.Confirmed).Max(r => r.Sequence) < rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Min(r => r.Sequence);
        return (stored, confirmed, waitlisted, inOrder);
    }
}
