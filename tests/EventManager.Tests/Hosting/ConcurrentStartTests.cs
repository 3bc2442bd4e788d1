using System.Net;
using EventManager.Core.Data;
using EventManager.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>Instances started at the same moment on an empty data folder all come up, and the first start's work is done once.</summary>
public sealed class ConcurrentStartTests
{
    private const int Instances = 3;
    private const int Rounds = 10;

    [Fact]
    public void On_sql_server_the_start_up_lock_is_released_by_name_on_an_unpooled_session()
    {
        // No SQL Server runs here: what can be checked is that the lock's session is never parked in the pool
        // (where it would keep the lock) and that the release names the lock the acquire took, for the same owner.
        var lockConnection = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(EventManager.Web.Configuration.StartupLock.LockConnectionString(
            "Server=db.example.org;Database=eventmanager;User ID=app;Password=secret;TrustServerCertificate=true"));
        Assert.False(lockConnection.Pooling);
        Assert.Equal(("db.example.org", "eventmanager"), (lockConnection.DataSource, lockConnection.InitialCatalog));
        string Resource(string statement) => System.Text.RegularExpressions.Regex.Match(statement, @"@Resource = N'([^']+)'.*@LockOwner = '(\w+)'").Value;
        Assert.Contains("sp_releaseapplock", EventManager.Web.Configuration.StartupLock.ReleaseStatement);
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Replace(Resource(EventManager.Web.Configuration.StartupLock.AcquireStatement), @", @LockMode = '\w+'", ""),
            Resource(EventManager.Web.Configuration.StartupLock.ReleaseStatement));
    }

    /// <param name="rounds">PostgreSQL's first start (a database created, then migrated) takes longer: fewer rounds.</param>
    [Theory]
    [InlineData(TestDatabase.Sqlite, Rounds)]
    [InlineData(TestDatabase.PostgreSql, 3)]
    public async Task Three_instances_started_together_on_an_empty_database_all_come_up_and_seed_once(TestDatabase database, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            // On SQLite the instances share a data folder; on PostgreSQL each has its own, as on three machines, and
            // the database does not exist yet: the first to start creates it.
            var folders = Enumerable.Range(0, database == TestDatabase.Sqlite ? 1 : Instances)
                .Select(_ => Directory.CreateTempSubdirectory("eventmanager-start-").FullName).ToList();
            var postgres = database == TestDatabase.PostgreSql ? AppFactory.NewPostgresDatabase() : null;
            try
            {
                var settings = new Dictionary<string, string>
                {
                    ["Demo:Seed"] = "true",
                    ["Bootstrap:OrganiserEmail"] = "first@example.org",
                    ["Bootstrap:OrganiserPassword"] = "First-Organiser-Password-1",
                    ["Logging:LogLevel:Default"] = "Warning",
                };
                if (postgres is not null)
                {
                    settings["Database:Provider"] = "PostgreSql";
                    settings["Database:ConnectionString"] = postgres;
                }

                var started = await Task.WhenAll(Enumerable.Range(0, Instances).Select(async i =>
                {
                    try
                    {
                        return (App: await AppProcess.StartAsync(folders[i % folders.Count], settings), Error: (string?)null);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                    {
                        return (App: (AppProcess?)null, Error: e.Message);
                    }
                }));
                try
                {
                    Assert.True(started.All(s => s.App is not null), $"round {round + 1}: " + string.Join("\n---\n", started.Where(s => s.Error is not null).Select(s => s.Error)));
                    foreach (var (app, _) in started)
                    {
                        using var http = new HttpClient { BaseAddress = app!.Address };
                        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
                        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/events/china-kazakhstan-rectors-dialogue")).StatusCode);
                    }

                    var options = new DbContextOptionsBuilder<EventManagerDbContext>();
                    if (postgres is null)
                    {
                        SqliteDatabase.Configure(options, $"Data Source={Path.Combine(folders[0], "eventmanager.db")}");
                    }
                    else
                    {
                        EventManager.Migrations.PostgreSql.PostgreSqlDatabase.Configure(options, postgres);
                    }

                    await using var db = new EventManagerDbContext(options.Options);
                    var dialogue = await db.Events.Where(e => e.Slug == "china-kazakhstan-rectors-dialogue").Select(e => e.Id).SingleAsync();
                    Assert.Equal(1, await db.AgendaVersions.CountAsync(v => v.EventId == dialogue));
                    Assert.Equal(3, await db.Users.CountAsync());   // the first organiser and the demo's two accounts
                    Assert.Equal(await db.Roles.Select(r => r.Name).Distinct().CountAsync(), await db.Roles.CountAsync());
                }
                finally
                {
                    foreach (var (app, _) in started)
                    {
                        if (app is not null)
                        {
                            await app.DisposeAsync();
                        }
                    }
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (postgres is not null)
                {
                    await AppFactory.DropPostgresDatabaseAsync(postgres);
                }

                foreach (var folder in folders)
                {
                    try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
                }
            }
        }
    }
}
