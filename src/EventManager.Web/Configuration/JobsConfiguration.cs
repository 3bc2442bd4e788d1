using EventManager.Core.Data;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using EventManager.Web.Infrastructure;

namespace EventManager.Web.Configuration;

public static class JobsConfiguration
{
    public const string DashboardPath = "/hangfire";

    public static void AddEventManagerJobs(this WebApplicationBuilder builder, DatabaseSettings database)
    {
        var settings = Settings.Read<JobSettings>(builder.Configuration, JobSettings.Section);
        builder.Services.AddSingleton(settings);

        // The storage is registered in DI and handed to every Hangfire part, rather than left in
        // Hangfire's static JobStorage.Current, so two hosts in one process never share it by accident.
        builder.Services.AddSingleton<JobStorage>(services => CreateStorage(services, settings, database));

        builder.Services.AddHangfire((services, configuration) => configuration
            .UseLogProvider(new HangfireLogBridge(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(services.GetRequiredService<JobStorage>()));

        if (settings.ServerEnabled)
        {
            builder.Services.AddHangfireServer((services, options) =>
            {
                options.WorkerCount = Math.Max(1, settings.WorkerCount);
                options.SchedulePollingInterval = settings.PollInterval;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
            });
        }
    }

    private static JobStorage CreateStorage(IServiceProvider services, JobSettings settings, DatabaseSettings database)
    {
        // Storage constructors log through Hangfire's static provider: make it this host's before they run.
        GlobalConfiguration.Configuration.UseLogProvider(new HangfireLogBridge(services.GetRequiredService<ILoggerFactory>()));
        return database.Provider switch
        {
            DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = settings.PollInterval,
                SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
            }),
            DatabaseProvider.PostgreSql => PostgreSqlStorage(database.ConnectionString!, settings),
            _ => new SQLiteStorage(SqliteFile(settings, database), new SQLiteStorageOptions
            {
                QueuePollInterval = settings.PollInterval,
            }),
        };
    }

    private static Hangfire.PostgreSql.PostgreSqlStorage PostgreSqlStorage(string connectionString, JobSettings settings)
    {
        var options = new Hangfire.PostgreSql.PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.PollInterval,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
        return new Hangfire.PostgreSql.PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    public static string SqliteFile(JobSettings settings, DatabaseSettings database)
    {
        var file = string.IsNullOrWhiteSpace(settings.SqliteFile)
            ? Path.Combine(database.DataDirectory, "hangfire.db")
            : Path.GetFullPath(settings.SqliteFile);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }

    public static void MapEventManagerJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new OrganiserDashboardFilter()],
            AppPath = "/organiser/system",
            DashboardTitle = "EventManager jobs",
        }, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(IdentityConfiguration.SystemPolicy);
    }

    /// <summary>Only organisers see the jobs; the endpoint policy already asks, this is the dashboard's own check.</summary>
    private sealed class OrganiserDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Organiser);
    }
}
