using EventManager.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using EventManager.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>
/// 64 clients post the public registration form of one event for a fixed time; then the database says how
/// many places were given, and whether any submission the server acknowledged is missing.
/// </summary>
public static class RegistrationBenchmark
{
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CLIENTS"), out var c) ? c : 64;
    private const int Capacity = 2000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-bench-").FullName;
        try
        {
            var ceiling = Measure.SqliteCommitsPerSecond(folder, TimeSpan.FromSeconds(3));
            Console.WriteLine($"SQLite ceiling on this disk: {ceiling:F0} one-row commits/s");

            var eventId = await PrepareAsync(folder);
            await using var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["RateLimits:PublicFormPermits"] = "100000000",
                ["Jobs:ServerEnabled"] = "false",
            });
            Console.WriteLine($"App on {app.Address}; {Clients} clients for {duration.TotalSeconds:F0} s against {Capacity} places");

            var latencies = new ConcurrentBag<double>();
            var acknowledged = new ConcurrentBag<string>();
            var errors = 0;
            var counter = 0;
            var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ClientAsync(app.Address)));

            // Warm up before the clock starts: a fresh .NET process spends its first seconds compiling hot
            // code again at a higher tier, and that work is not what a running server pays per registration.
            var warmup = Stopwatch.StartNew();
            var warmed = 0;
            await Task.WhenAll(clients.Select(async c =>
            {
                while (warmup.Elapsed < WarmUp)
                {
                    await PostAsync(c, $"warmup{Interlocked.Increment(ref warmed):000000}@bench.example");
                }
            }));
            Console.WriteLine($"Warm-up: {warmed} registrations in {warmup.Elapsed.TotalSeconds:F0} s (not counted)");

            var cpuBefore = app.CpuTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(async client =>
            {
                while (watch.Elapsed < duration)
                {
                    var email = $"d{Interlocked.Increment(ref counter):000000}@bench.example";
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var ok = await PostAsync(client, email);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (ok)
                        {
                            acknowledged.Add(email);
                        }
                        else
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }));
            var elapsed = watch.Elapsed.TotalSeconds;
            var serverCpuMs = (app.CpuTime - cpuBefore).TotalMilliseconds;

            var (stored, confirmed, waitlisted, inOrder) = await CountAsync(folder, eventId, acknowledged.ToHashSet());
            var sorted = latencies.OrderBy(x => x).ToList();
            var lost = acknowledged.Count - stored;
            var result = new
            {
                bench = "registration",
                per_s = Math.Round(acknowledged.Count / elapsed, 1),
                p50_ms = Math.Round(Measure.Percentile(sorted, 50), 1),
                p95_ms = Math.Round(Measure.Percentile(sorted, 95), 1),
                confirmed,
                capacity = Capacity,
                overbooked = Math.Max(0, confirmed - Capacity),
                errors,
                lost,
                sqlite_commits_per_s = Math.Round(ceiling, 1),
            };
            Console.WriteLine($"Server CPU per registration: {serverCpuMs / Math.Max(1, latencies.Count):F2} ms ({serverCpuMs / 1000 / elapsed:F2} cores busy)");
            Console.WriteLine($"{acknowledged.Count} registrations acknowledged in {elapsed:F1} s; stored {stored}: {confirmed} confirmed, {waitlisted} waiting; waiting list in server order: {inOrder}");
            Console.WriteLine(JsonSerializer.Serialize(result));
            return result.overbooked == 0 && errors == 0 && lost == 0 && inOrder ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> PrepareAsync(string folder)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        await using var db = new EventManagerDbContext(options.Options);
        await db.Database.MigrateAsync();
        var ev = new Event
        {
            Name = "Registration benchmark dialogue",
            Slug = "bench",
            Kind = EventKind.Dialogue,
            TimeZoneId = "Asia/Shanghai",
            StartsAtUtc = DateTime.UtcNow.AddDays(30),
            EndsAtUtc = DateTime.UtcNow.AddDays(31),
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.Events.Add(ev);
        db.Institutions.Add(new Core.Institutions.Institution { EnglishName = "Guizhou University", NativeName = "贵州大学", CountryCode = "CN", City = "Guiyang" });
        await db.SaveChangesAsync();
        db.RegistrationPolicies.Add(new RegistrationPolicy { EventId = ev.Id, Enabled = true, Capacity = Capacity });
        await db.SaveChangesAsync();
        return ev.Id;
    }

    private sealed record BenchClient(HttpClient Http, string Token, int InstitutionId);

    private static async Task<BenchClient> ClientAsync(Uri address)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1 };
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var page = new HtmlParser().ParseDocument(await http.GetStringAsync("/events/bench/register"));
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var institution = int.Parse(page.QuerySelector("#InstitutionId option[value]:not([value=''])")!.GetAttribute("value")!);
        return new BenchClient(http, token, institution);
    }

    private static async Task<bool> PostAsync(BenchClient client, string email)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = client.Token,
            ["LatinName"] = "Wang Wei",
            ["NativeName"] = "王伟",
            ["Position"] = "Vice-President",
            ["Email"] = email,
            ["Category"] = "Delegate",
            ["PreferredLanguage"] = "zh-CN",
            ["TimeZoneId"] = "Asia/Shanghai",
            ["InstitutionId"] = client.InstitutionId.ToString(),
            ["CountryCode"] = "CN",
        });
        using var response = await client.Http.PostAsync("/events/bench/register", content);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/r/") == true;
    }

    private static async Task<(int Stored, int Confirmed, int Waitlisted, bool InOrder)> CountAsync(string folder, int eventId, HashSet<string> acknowledged)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        await using var db = new EventManagerDbContext(options.Options);
        var rows = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId)
            .Select(r => new { r.Email, r.Status, r.Sequence }).ToListAsync();
        var stored = rows.Count(r => acknowledged.Contains(r.Email));
        var confirmed = rows.Count(r => r.Status == RegistrationStatus.Confirmed);
        var waitlisted = rows.Count(r => r.Status == RegistrationStatus.Waitlisted);
        var inOrder = waitlisted == 0 || rows.Where(r => r.Status == RegistrationStatus.Confirmed).Max(r => r.Sequence) < rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Min(r => r.Sequence);
        return (stored, confirmed, waitlisted, inOrder);
    }
}
