using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EventManager.Migrations.SqlServer;

/// <summary>The one place that says how EF Core talks to SQL Server (through Microsoft.Data.SqlClient).</summary>
public static class SqlServerDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(typeof(SqlServerDatabase).Assembly.GetName().Name));
}

/// <summary>Lets `dotnet ef` build the model and scripts for SQL Server with no server running.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EventManagerDbContext>
{
    public EventManagerDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqlServerDatabase.Configure(builder, "Server=localhost;Database=EventManager;Integrated Security=false;TrustServerCertificate=true");
        return new EventManagerDbContext(builder.Options);
    }
}
