using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace EventManager.Tests;

/// <summary>
/// Every provider's migrations describe today's model, SQL Server's upgrade script is valid T-SQL (the nearest thing to
/// running it these machines allow), and an empty PostgreSQL database is migrated at start.
/// </summary>
public sealed class ProviderMigrationTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "SqlServer", "PostgreSql" };

    private static EventManagerDbContext Context(string provider)
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        _ = provider switch
        {
            "SqlServer" => EventManager.Migrations.SqlServer.SqlServerDatabase.Configure(builder, "Server=localhost;Database=EventManager;TrustServerCertificate=true"),
            "PostgreSql" => EventManager.Migrations.PostgreSql.PostgreSqlDatabase.Configure(builder, "Host=localhost;Database=eventmanager;Username=eventmanager"),
            _ => EventManager.Migrations.Sqlite.SqliteDatabase.Configure(builder, "Data Source=model-check.db"),
        };
        return new EventManagerDbContext(builder.Options);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_providers_migrations_describe_the_model_as_it_is(string provider)
    {
        using var db = Context(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: add one with dotnet ef migrations add (docs/architecture.md says how).");
    }

    [Fact]
    public void The_SQL_Server_upgrade_script_parses_as_T_SQL()
    {
        using var db = Context("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Invitations]", script);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        Assert.True(errors.Count == 0, "T-SQL errors: " + string.Join("\n", errors.Take(10).Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public async Task An_empty_PostgreSQL_database_is_created_and_migrated_at_start()
    {
        await using var app = new AppFactory(database: TestDatabase.PostgreSql);
        using var home = await app.Client().GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        var (applied, all) = await app.WithDbAsync(async db => ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList()));
        Assert.Equal(all, applied);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", await app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName)));
    }
}
