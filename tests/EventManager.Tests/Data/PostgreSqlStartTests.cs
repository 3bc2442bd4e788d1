using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>An empty PostgreSQL database is created and migrated when the app starts on it.</summary>
public sealed class PostgreSqlStartTests
{
    [Fact]
    public async Task An_empty_PostgreSQL_database_is_created_and_migrated_at_start()
    {
        await using var app = new AppFactory(database: TestDatabase.PostgreSql);
        using var home = await app.Client().GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        var (applied, all, provider) = await app.WithDbAsync(async db =>
            ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList(), db.Database.ProviderName));
        Assert.Equal(all, applied);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
    }
}
