using System.Collections.Concurrent;
using EventManager.Core.Data;
using EventManager.Migrations.PostgreSql;
using EventManager.Migrations.Sqlite;
using EventManager.Testing;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>
/// The database a benchmark's app runs on, opened from the benchmark to seed it or count what the app wrote: the
/// SQLite file in the benchmark's data folder, or with BENCH_DATABASE=postgres a database of its own on the
/// PostgreSQL server scripts/bench.sh started (its connection string in EVENTMANAGER_TEST_POSTGRES).
/// </summary>
public static class BenchDatabase
{
    private static readonly ConcurrentDictionary<string, string> PostgresDatabases = new();

    public static bool OnPostgres => Environment.GetEnvironmentVariable("BENCH_DATABASE")?.ToLowerInvariant() is "postgres" or "postgresql";

    /// <summary>What the JSON line says.</summary>
    public static string Provider => OnPostgres ? "postgresql" : "sqlite";

    private static string PostgresFor(string folder) => PostgresDatabases.GetOrAdd(folder, _ => AppFactory.NewPostgresDatabase());

    public static EventManagerDbContext Open(string folder)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        if (OnPostgres)
        {
            PostgreSqlDatabase.Configure(options, PostgresFor(folder));
        }
        else
        {
            SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        }

        return new EventManagerDbContext(options.Options);
    }

    /// <summary>The app's settings for this folder's database, merged over the given ones.</summary>
    public static Dictionary<string, string> AppSettings(string folder, IReadOnlyDictionary<string, string> settings) =>
        AppFactory.OnDatabase(settings, OnPostgres ? PostgresFor(folder) : null);

    /// <summary>Removes the folder and, on PostgreSQL, the folder's database.</summary>
    public static async Task DropAsync(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") == "1")
        {
            Console.Error.WriteLine($"Kept (BENCH_KEEP=1): {folder}" + (PostgresDatabases.TryGetValue(folder, out var kept) ? $" and {kept}" : ""));
            return;
        }

        if (PostgresDatabases.TryRemove(folder, out var connection))
        {
            await AppFactory.DropPostgresDatabaseAsync(connection);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
