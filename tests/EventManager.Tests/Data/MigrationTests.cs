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

    private static EventManagerDbContext PostgreSql()
    {
        var builder = new DbContextOptionsBuilder<EventManagerDbContext>();
        EventManager.Migrations.PostgreSql.PostgreSqlDatabase.Configure(builder, "Host=127.0.0.1;Port=1;Database=NotThere;Username=x");
        return new EventManagerDbContext(builder.Options);
    }

    public static TheoryData<string> Providers => new() { "Sqlite", "SqlServer", "PostgreSql" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_providers_migrations_hold_every_model_change(string provider)
    {
        using var db = provider switch { "SqlServer" => SqlServer(), "PostgreSql" => PostgreSql(), _ => Sqlite("Data Source=:memory:") };
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes the {provider} migrations lack: dotnet ef migrations add <Name> --project src/EventManager.Migrations.{provider} (docs/architecture.md).");
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
        Assert.Contains("CREATE TABLE [Invitations]", script);
        // Parsed by Microsoft's own T-SQL parser: the nearest thing to running it that these machines allow.
        new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        Assert.True(errors.Count == 0, "T-SQL errors: " + string.Join("\n", errors.Take(10).Select(e => $"line {e.Line}: {e.Message}")));
    }

    /// <summary>
    /// A database the release-1 app made with its demo (the schema frozen as "Initial") is upgraded by today's app at
    /// start: nothing is lost, and people recorded then are found in the directory in either script.
    /// </summary>
    [Fact]
    public async Task A_release_1_database_with_its_demo_is_upgraded_at_start_and_keeps_everything()
    {
        var folder = Directory.CreateTempSubdirectory("eventmanager-release1-");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "release-1-demo.db"), Path.Combine(folder.FullName, "eventmanager.db"));
        string[] tables = ["Events", "Institutions", "Delegates", "Registrations", "Sessions", "SessionPeople", "Agreements", "AgreementParties", "AgendaVersions", "OutgoingMessages", "AspNetUsers", "DataProtectionKeys"];
        async Task<Dictionary<string, long>> CountAsync()
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.FullName, "eventmanager.db")};Pooling=False");
            await connection.OpenAsync();
            var counts = new Dictionary<string, long>();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[table] = (long)(await command.ExecuteScalarAsync())!;
            }

            return counts;
        }

        var before = await CountAsync();
        Assert.True(before["Registrations"] > 0 && before["SessionPeople"] > 0 && before["AgreementParties"] > 0);
        var names = await ReadAsync(folder.FullName, "SELECT LatinName || '|' || IFNULL(NativeName, '') || '|' || Email FROM Delegates ORDER BY Id");

        await using (var app = new AppFactory(dataDirectory: folder.FullName))
        {
            var organiser = app.Client();
            await organiser.LoginAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
            var migrations = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
            Assert.Contains(migrations, m => m.EndsWith("_PeopleDirectory", StringComparison.Ordinal));
            Assert.Contains(migrations, m => m.EndsWith("_PlannedSignatories", StringComparison.Ordinal));
            // Every signatory chosen by registration is now also the person behind it: the plan starts from what was chosen.
            var parties = await app.WithDbAsync(db => db.AgreementParties.Select(p => new { p.SignatoryPersonId, PersonOfRegistration = p.Signatory!.DelegateId }).ToListAsync());
            Assert.NotEmpty(parties);
            Assert.All(parties, p => Assert.True(p.SignatoryPersonId is not null && p.SignatoryPersonId == p.PersonOfRegistration));
            // Everyone recorded then is in the directory, keyed for search: found by a Kazakh name in Cyrillic.
            Assert.DoesNotContain(await app.WithDbAsync(db => db.Delegates.Select(d => d.SearchText).ToListAsync()), key => key == "");
            var kazakh = names.Select(n => n.Split('|')).First(n => n[1].Any(c => c is >= 'А' and <= 'я' or 'Қ' or 'қ' or 'Ұ' or 'ұ' or 'Ә' or 'ә'));
            Assert.Contains(kazakh[0], (await organiser.GetPageAsync("/organiser/people?q=" + Uri.EscapeDataString(kazakh[1].Split(' ')[^1]))).QuerySelector("#people")!.TextContent);
        }

        var after = await CountAsync();
        // The one account more is the test's organiser; everything the release-1 demo held is there.
        Assert.Equal(before.Where(kv => kv.Key != "AspNetUsers"), after.Where(kv => kv.Key != "AspNetUsers"));
        Assert.Equal(names, await ReadAsync(folder.FullName, "SELECT LatinName || '|' || IFNULL(NativeName, '') || '|' || Email FROM Delegates ORDER BY Id"));
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static async Task<List<string>> ReadAsync(string folder, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "eventmanager.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
