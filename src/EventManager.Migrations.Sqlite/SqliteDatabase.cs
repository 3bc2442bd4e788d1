using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EventManager.Migrations.Sqlite;

/// <summary>The one place that says how EF Core talks to the embedded SQLite database.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}

/// <summary>Lets `dotnet ef` build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EventManagerDbContext>
{
    public EventManagerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(builder, "Data Source=design-time.db");
        return new EventManagerDbContext(builder.Options);
    }
}
