using EventManager.Web.Configuration;
using Hangfire;

namespace EventManager.Web.Features.Backups;

/// <summary>The scheduled backup (Backup:Schedule): a dated zip in Backup:Folder, keeping the newest Backup:Keep.</summary>
public sealed class BackupJob(DatabaseBackup backup, BackupSettings settings, DatabaseSettings database, TimeProvider time, ILogger<BackupJob> logger)
{
    public const string RecurringId = "backup-database";

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var folder = Folder(settings, database);
        var file = Path.Combine(folder, $"eventmanager-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip");
        var bytes = await backup.CreateAsync(file, cancellationToken);
        var pruned = DatabaseBackup.Prune(folder, settings.Keep);
        logger.LogInformation("Backed up the database to {File} ({Bytes} bytes); removed {Count} older backups.", file, bytes, pruned.Count);
    }

    public static string Folder(BackupSettings settings, DatabaseSettings database) => Path.GetFullPath(Path.Combine(database.DataDirectory, settings.Folder));
}

public static class BackupConfiguration
{
    public static void AddEventManagerBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Settings.Read<BackupSettings>(builder.Configuration, BackupSettings.Section));
        builder.Services.AddSingleton<DatabaseBackup>();
        builder.Services.AddScoped<BackupJob>();
    }

    /// <summary>Registers the job when the database is embedded and a schedule is set; removes it otherwise.</summary>
    public static void ScheduleBackups(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<JobSettings>().ServerEnabled)
        {
            return;
        }

        var settings = app.Services.GetRequiredService<BackupSettings>();
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        if (app.Services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(settings.Schedule))
        {
            jobs.AddOrUpdate<BackupJob>(BackupJob.RecurringId, job => job.RunAsync(CancellationToken.None), settings.Schedule.Trim());
        }
        else
        {
            jobs.RemoveIfExists(BackupJob.RecurringId);
        }
    }
}
