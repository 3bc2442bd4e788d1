using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EventManager.Migrations.PostgreSql;

/// <summary>The one place that says how EF Core talks to PostgreSQL (through Npgsql).</summary>
public static class PostgreSqlDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgreSqlDatabase).Assembly.GetName().Name));
}

/// <summary>Lets `dotnet ef` build the model and migrations for PostgreSQL with no server running.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EventManagerDbContext>
{
    public EventManagerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        PostgreSqlDatabase.Configure(builder, "Host=localhost;Database=eventmanager;Username=eventmanager");
        return new EventManagerDbContext(builder.Options);
    }
}
