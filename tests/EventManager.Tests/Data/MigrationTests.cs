using EventManager.Core.Data;
using EventManager.Migrations.Sqlite;
using EventManager.Migrations.SqlServer;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EventManager.Tests;

public sealed class MigrationTests
{
    private static EventManagerDbContext Sqlite(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqliteDatabase.Configure(builder, connectionString);
        return new EventManagerDbContext(builder.Options);
    }

    private static EventManagerDbContext SqlServer()
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        SqlServerDatabase.Configure(builder, "Server=127.0.0.1,1;Database=NotThere;User Id=x;Password=y;TrustServerCertificate=true");
        return new EventManagerDbContext(builder.Options);
    }

    [Fact]
    public void Sqlite_migrations_hold_every_model_change()
    {
        using var db = Sqlite("Data Source=:memory:");
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the SQLite migrations lack: dotnet ef migrations add <Name> --project src/EventManager.Migrations.Sqlite");
    }

    [Fact]
    public void SqlServer_migrations_hold_every_model_change()
    {
        using var db = SqlServer();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes the SQL Server migrations lack: dotnet ef migrations add <Name> --project src/EventManager.Migrations.SqlServer");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        static IEnumerable<string> Names(EventManagerDbContext db) =>
            db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);

        using var sqlite = Sqlite("Data Source=:memory:");
        using var sqlServer = SqlServer();
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public async Task Sqlite_migrations_build_a_working_database_file()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-migrate-");
        var file = Path.Combine(folder.FullName, "app.db");
        await using (var db = Sqlite($"Data Source={file}"))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            db.Institutions.Add(new Core.Institutions.Institution { EnglishName = "Nazarbayev University", NativeName = "Назарбаев Университет", CountryCode = "KZ" });
            await db.SaveChangesAsync();
        }

        await using (var db = Sqlite($"Data Source={file}"))
        {
            var stored = await db.Institutions.SingleAsync();
            Assert.Equal("Назарбаев Университет", stored.NativeName);
        }

        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public void SqlServer_idempotent_script_can_be_written_without_a_server()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Events]", script);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Events_Slug]", script);
    }
}
