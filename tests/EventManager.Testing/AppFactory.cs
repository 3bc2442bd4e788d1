using System.Net;
using EventManager.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EventManager.Testing;

/// <summary>
/// The real app on a real SQLite file in a folder of its own (or a shared one, to play a second
/// instance). Nothing is faked but the clock, and only when a test asks for it.
/// </summary>
/// <summary>The database a test's app runs on: the embedded SQLite file, or a database of its own on the test PostgreSQL server.</summary>
public enum TestDatabase
{
    Sqlite,
    PostgreSql,
}

public sealed class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>The test PostgreSQL server (scripts/test.sh starts one and sets it): each app gets a database of its own there.</summary>
    public const string PostgresVariable = "EVENTMANAGER_TEST_POSTGRES";

    public const string OrganiserEmail = "organiser@test.eventmanager.test";
    public const string OrganiserPassword = "Organiser-Test-Password-1";
    public const string StaffEmail = "staff@test.eventmanager.test";
    public const string StaffPassword = "Staff-Test-Password-1";

    static AppFactory()
    {
        // Dozens of hosts start and stop in one test run; inotify watchers for each would run out (128 per user).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("ASPNETCORE_hostBuilder__reloadConfigOnChange", "false");
    }

    private readonly bool ownsDirectory;
    private readonly bool ownsDatabase;
    private readonly Dictionary<string, string?> settings = new();

    public AppFactory(string? dataDirectory = null, bool demoSeed = false, bool jobServer = false, FakeTimeProvider? clock = null, bool kestrel = false,
        TestDatabase database = TestDatabase.Sqlite, AppFactory? sameDatabaseAs = null)
    {
        if (sameDatabaseAs is not null)
        {
            database = sameDatabaseAs.Database;
            dataDirectory ??= sameDatabaseAs.ProcessDataDirectory();
        }

        ownsDirectory = dataDirectory is null || (sameDatabaseAs is not null && dataDirectory != sameDatabaseAs.DataDirectory);
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("eventmanager-test-").FullName;
        Clock = clock;
        Database = database;
        settings["Database:DataDirectory"] = DataDirectory;
        if (database == TestDatabase.PostgreSql)
        {
            PostgresConnectionString = sameDatabaseAs?.PostgresConnectionString ?? NewPostgresDatabase();
            ownsDatabase = sameDatabaseAs is null;
            settings["Database:Provider"] = "PostgreSql";
            settings["Database:ConnectionString"] = PostgresConnectionString;
        }

        settings["Demo:Seed"] = demoSeed ? "true" : "false";
        settings["Jobs:ServerEnabled"] = jobServer ? "true" : "false";
        settings["Jobs:PollInterval"] = "00:00:00.200";
        settings["Bootstrap:OrganiserEmail"] = OrganiserEmail;
        settings["Bootstrap:OrganiserPassword"] = OrganiserPassword;
        if (kestrel)
        {
            // The port is chosen before start, so links the app writes (App:PublicBaseUrl) lead back to this server.
            var port = AppProcess.FreePort();
            Port = port;
            settings["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
            UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        }
        else
        {
            settings["App:PublicBaseUrl"] = "http://localhost";
        }
    }

    public string DataDirectory { get; }

    public TestDatabase Database { get; }

    /// <summary>This app's own database on the test PostgreSQL server; null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>
    /// Settings for an <see cref="AppProcess"/> to use this app's database: on PostgreSQL its provider and connection
    /// string, merged over the given ones; on SQLite the given ones (the process shares the data folder instead).
    /// </summary>
    public Dictionary<string, string> ProcessSettings(IReadOnlyDictionary<string, string> settings) => OnDatabase(settings, PostgresConnectionString);

    /// <summary>Process settings for a PostgreSQL database merged over the given ones; the given ones alone when there is none (SQLite).</summary>
    public static Dictionary<string, string> OnDatabase(IReadOnlyDictionary<string, string> settings, string? postgresConnectionString)
    {
        var merged = new Dictionary<string, string>(settings);
        if (postgresConnectionString is not null)
        {
            merged["Database:Provider"] = "PostgreSql";
            merged["Database:ConnectionString"] = postgresConnectionString;
        }

        return merged;
    }

    /// <summary>
    /// The data folder for another process on this app's database: the same folder on SQLite (the file is the
    /// database), a new one on PostgreSQL, as a separate machine would have — nothing shared but the server.
    /// </summary>
    public string ProcessDataDirectory()
    {
        if (PostgresConnectionString is null)
        {
            return DataDirectory;
        }

        var folder = Directory.CreateTempSubdirectory("eventmanager-machine-").FullName;
        machineFolders.Add(folder);
        return folder;
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<string> machineFolders = [];

    /// <summary>A name for a database of this app's own on the test server (the app creates it at start).</summary>
    public static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException($"This test runs on PostgreSQL: run it through scripts/test.sh, which starts a throw-away server, or set {PostgresVariable} to a server's connection string.");
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"em_test_{Guid.NewGuid():N}" }.ConnectionString;
    }

    /// <summary>Drops a test database, whoever is still connected to it.</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Every line the app logged (warnings and above, and information from the app's own code), with its exception.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<LoggedLine> Logs { get; } = new();

    /// <summary>The loopback port, when the factory runs on Kestrel (known before start).</summary>
    public int? Port { get; }
    public FakeTimeProvider? Clock { get; }

    /// <summary>Adds a configuration value; call before the first request.</summary>
    public AppFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>The http://127.0.0.1:port address when the factory runs on Kestrel.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As Development does: a singleton that holds a scoped service is found when the app starts, in every test.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new LogCapture(Logs));
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    public HttpClient Client(bool followRedirects = true) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    /// <summary>Runs work against the app's own database, for checking what was (not) written.</summary>
    public async Task<T> WithDbAsync<T>(Func<EventManagerDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EventManagerDbContext>());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>"Forgot your password?" answers first and mails after: waits until every request so far is handled.</summary>
    public async Task PasswordLinksHandledAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Services.GetRequiredService<EventManager.Web.Features.Account.PasswordLinkQueue>().WhenIdleAsync(timeout.Token);
    }

    public async Task CreateStaffAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await EventManager.Web.Features.Account.AccountSetup.EnsureUserAsync(scope.ServiceProvider, StaffEmail, StaffPassword, Roles.Staff);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (PostgresConnectionString is not null && ownsDatabase)
        {
            await DropPostgresDatabaseAsync(PostgresConnectionString);
        }

        foreach (var folder in machineFolders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pool; the temp folder is cleaned by the OS.
            }
        }
    }
}

public sealed record LoggedLine(Microsoft.Extensions.Logging.LogLevel Level, string Category, string Message, Exception? Exception);

/// <summary>Keeps what the app logs, so a test can count stack traces and lines.</summary>
internal sealed class LogCapture(System.Collections.Concurrent.ConcurrentQueue<LoggedLine> lines) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<LoggedLine> lines) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) =>
            logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning || (logLevel >= Microsoft.Extensions.Logging.LogLevel.Information && category.StartsWith("EventManager", StringComparison.Ordinal));

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && lines.Count < 100_000)
            {
                lines.Enqueue(new LoggedLine(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
