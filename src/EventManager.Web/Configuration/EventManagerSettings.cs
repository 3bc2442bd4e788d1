namespace EventManager.Web.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Where data lives. Read once at start; a wrong value stops the app with a message.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means App_Data/eventmanager.db; required for SQL Server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded database, job storage and mail drop; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public static DatabaseSettings Read(IConfiguration configuration, string contentRoot)
    {
        var settings = configuration.GetSection(Section).Get<DatabaseSettings>() ?? new DatabaseSettings();
        settings.DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, settings.DataDirectory));
        if (settings.Provider == DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException("Database:Provider is SqlServer but Database:ConnectionString is empty. Give the SQL Server connection string (see appsettings.example.json).");
        }

        if (settings.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            Directory.CreateDirectory(settings.DataDirectory);
            settings.ConnectionString = $"Data Source={Path.Combine(settings.DataDirectory, "eventmanager.db")}";
        }

        return settings;
    }
}

public sealed class JobSettings
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this instance. Turn off on instances that only serve pages.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for scheduled and queued work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Embedded job storage file; empty means App_Data/hangfire.db.</summary>
    public string? SqliteFile { get; set; }
}

public sealed class BootstrapSettings
{
    public const string Section = "Bootstrap";

    /// <summary>Creates this organiser at start when no account has that email yet.</summary>
    public string? OrganiserEmail { get; set; }
    public string? OrganiserPassword { get; set; }
}

public sealed class DemoSettings
{
    public const string Section = "Demo";

    /// <summary>Seed the demo event and demo accounts into an empty database (scripts/run.sh turns this on).</summary>
    public bool Seed { get; set; }
}

public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Posts to public forms one client address may make per window.</summary>
    public int PublicFormPermits { get; set; } = 20;

    public TimeSpan PublicFormWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Data-protection keys (they sign cookies, antiforgery and set-password tokens) live in the database. With a
/// certificate configured, new keys are stored encrypted with it, so a copy of the database alone does not give
/// them away. Every instance needs the same certificate.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; empty keeps keys unencrypted.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";
}
