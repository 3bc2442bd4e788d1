using Microsoft.EntityFrameworkCore;

namespace EventManager.Tests;

/// <summary>An empty PostgreSQL database is created and migrated when the app starts on it; /health watches it and its job storage.</summary>
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

    [Fact]
    public async Task Health_checks_the_postgresql_database_and_job_storage_reports_them_down_and_recovers_without_a_restart()
    {
        await using var app = new AppFactory(database: TestDatabase.PostgreSql);
        var client = app.Client();
        async Task<(System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Checks)> HealthAsync()
        {
            using var response = await client.GetAsync("/health");
            var checks = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            return (response.StatusCode, checks.Clone());
        }

        var (status, checks) = await HealthAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal("PostgreSql answers.", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("Job storage (PostgreSqlStorage) answers.", checks.GetProperty("jobs").GetProperty("description").GetString());

        // The database goes away (connections refused, those open cut): an operator's monitor sees both down.
        var name = new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnectionString!).Database!;
        await AdminAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        Npgsql.NpgsqlConnection.ClearAllPools();
        (status, checks) = await HealthAsync();
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("jobs").GetProperty("status").GetString());

        // Back: healthy at the next request, no restart.
        await AdminAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
        (status, _) = await HealthAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task The_deploy_example_sets_up_a_database_the_app_starts_on_as_its_own_unprivileged_owner()
    {
        // deploy/postgresql/setup.sql run with psql as an operator would, under a name of this test's own.
        var name = $"em_deploy_{Guid.NewGuid():N}"[..24];
        var script = Path.Combine(Path.GetTempPath(), name + ".sql");
        await File.WriteAllTextAsync(script, (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy/postgresql/setup.sql"))).Replace("eventmanager", name));
        var server = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(AppFactory.PostgresVariable));
        try
        {
            var psql = new System.Diagnostics.ProcessStartInfo("psql") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-h", server.Host!, "-p", server.Port.ToString(), "-U", server.Username!, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-v", "password='deploy-test-password'", "-f", script })
            {
                psql.ArgumentList.Add(argument);
            }

            using (var run = System.Diagnostics.Process.Start(psql)!)
            {
                var errors = await run.StandardError.ReadToEndAsync();
                await run.WaitForExitAsync();
                Assert.True(run.ExitCode == 0, errors);
            }

            // The example's connection string, pointed at the test server.
            var line = (await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "deploy/postgresql/eventmanager.env.example")))
                .Single(l => l.StartsWith("Database__ConnectionString=", StringComparison.Ordinal));
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(line["Database__ConnectionString=".Length..])
            {
                Host = server.Host, Port = server.Port, Username = name, Password = "deploy-test-password", Database = name, SslMode = Npgsql.SslMode.Disable,
            };
            var folder = Directory.CreateTempSubdirectory("eventmanager-deploy-").FullName;
            await using (var app = await AppProcess.StartAsync(folder, new Dictionary<string, string>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:ConnectionString"] = connection.ConnectionString,
                ["Jobs:InstanceId"] = "web-1",
            }))
            {
                using var http = new HttpClient { BaseAddress = app.Address };
                var health = await http.GetStringAsync("/health");
                Assert.Contains("\"status\":\"Healthy\"", health);
                Assert.Contains("PostgreSql answers.", health);
            }

            Directory.Delete(folder, recursive: true);
        }
        finally
        {
            File.Delete(script);
            await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"DROP ROLE IF EXISTS \"{name}\"");
        }
    }

    private static async Task AdminAsync(params string[] statements)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(AppFactory.PostgresVariable)) { Database = "postgres", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new Npgsql.NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
