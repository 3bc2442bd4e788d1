using EventManager.Core.Data;
using EventManager.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Benchmarks;

/// <summary>The app's SQLite database in a benchmark's data folder, opened from the benchmark to seed it or count what the app wrote.</summary>
public static class BenchDatabase
{
    public static EventManagerDbContext Open(string folder)
    {
        var options = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folder, "eventmanager.db")}");
        return new EventManagerDbContext(options.Options);
    }
}
