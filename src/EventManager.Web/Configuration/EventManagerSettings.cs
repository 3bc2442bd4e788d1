using System.ComponentModel.DataAnnotations;
using System.Net;

namespace EventManager.Web.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Where data lives. Read once at start; a wrong value stops the app with a message.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means App_Data/eventmanager.db; required for SQL Server and PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the embedded database, job storage and mail drop; relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>/health reports unhealthy when the data folder's disk has less free space than this.</summary>
    [Range(0, 1_000_000)]
    public int MinimumFreeMegabytes { get; set; } = 64;

    /// <summary>The folder of the embedded database file (its locks live there too).</summary>
    public string EmbeddedFolder => Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource)) ?? DataDirectory;

    public static DatabaseSettings Read(IConfiguration configuration, string contentRoot)
    {
        var settings = Settings.Read<DatabaseSettings>(configuration, Section);
        settings.DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, settings.DataDirectory));
        if (settings.Provider == DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new SettingsException("Database:Provider is SqlServer but Database:ConnectionString is empty. Give the SQL Server connection string (see appsettings.example.json).");
        }

        if (settings.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new SettingsException("Database:Provider is PostgreSql but Database:ConnectionString is empty. Give the PostgreSQL connection string, e.g. Host=db;Database=eventmanager;Username=eventmanager;Password=… (see appsettings.example.json).");
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

    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for scheduled and queued work.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Embedded job storage file; empty means App_Data/hangfire.db.</summary>
    public string? SqliteFile { get; set; }

    /// <summary>
    /// Names this instance in the claims it puts on messages it is sending; the same after a restart, different for
    /// each instance. Restarted, an instance takes back its own claims at once instead of waiting out the lease.
    /// Empty: the machine's name and the addresses this instance listens on.
    /// </summary>
    [MaxLength(60)]
    public string? InstanceId { get; set; }
}

/// <summary>Backups of the embedded database and job store (SQL Server is backed up with its own tools).</summary>
public sealed class BackupSettings : IValidatableObject
{
    public const string Section = "Backup";

    /// <summary>When the backup job runs, as a cron expression in UTC ("30 2 * * *" is 02:30 every day); empty turns it off.</summary>
    public string? Schedule { get; set; } = "30 2 * * *";

    /// <summary>Where the job writes backups; relative to the data folder. Point it at another disk.</summary>
    [Required]
    public string Folder { get; set; } = "backups";

    /// <summary>How many of the job's backups to keep; older ones are deleted after each new one.</summary>
    [Range(1, 10000)]
    public int Keep { get; set; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Schedule) && !Cronos.CronExpression.TryParse(Schedule.Trim(), out _))
        {
            yield return new ValidationResult($"'{Schedule}' is not a cron expression like \"30 2 * * *\" (minute hour day month weekday).", [nameof(Schedule)]);
        }
    }
}

public sealed class BootstrapSettings
{
    public const string Section = "Bootstrap";

    /// <summary>Creates this organiser at start when no account has that email yet.</summary>
    [EmailAddress]
    public string? OrganiserEmail { get; set; }

    /// <summary>Needed only until the account exists; remove it after the first start.</summary>
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
    [Range(1, int.MaxValue)]
    public int PublicFormPermits { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PublicFormWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in, two-factor and "forgot your password" posts one client address may make per window.</summary>
    [Range(1, int.MaxValue)]
    public int SignInPermits { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong passwords for one account from one client address before that address must wait.</summary>
    [Range(1, 1000)]
    public int FailedSignInsPerAccountAndAddress { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedSignInPause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from all addresses in an hour before every try must wait a little (never a lock).</summary>
    [Range(1, 100000)]
    public int FailedSignInsPerAccountPerHour { get; set; } = 20;

    /// <summary>How much of an IPv6 address is one client for every limit here: a /64 is what one home or office gets.</summary>
    [Range(32, 128)]
    public int Ipv6PrefixLength { get; set; } = 64;
}

/// <summary>The one address people reach the site at. Every link the app writes starts with it.</summary>
public sealed class AppSettings : IValidatableObject
{
    public const string Section = "App";

    /// <summary>https://events.example.org: links in messages, PDFs and QR codes; AllowedHosts follows it. Required outside Development.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The parsed address, without a trailing slash; null when not set.</summary>
    public Uri? PublicBase => Uri.TryCreate(PublicBaseUrl?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            yield break;
        }

        if (PublicBase is not { } uri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            yield return new ValidationResult($"'{PublicBaseUrl}' is not an address like https://events.example.org (http or https, no query).", [nameof(PublicBaseUrl)]);
        }
    }
}

/// <summary>
/// The reverse proxy in front of the app. Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only
/// from these addresses; from anyone else they are ignored. Empty lists mean the proxy runs on this machine (loopback).
/// </summary>
public sealed class ReverseProxySettings : IValidatableObject
{
    public const string Section = "ReverseProxy";

    /// <summary>IP addresses of proxies, e.g. 10.0.0.5.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, e.g. 10.0.0.0/24.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public IEnumerable<IPAddress> Proxies => KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a : null).OfType<IPAddress>();

    public IEnumerable<IPNetwork> Networks => KnownNetworks.Select(n => IPNetwork.TryParse(n.Trim(), out var net) ? (IPNetwork?)net : null).OfType<IPNetwork>();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var bad in KnownProxies.Where(p => !IPAddress.TryParse(p.Trim(), out _)))
        {
            yield return new ValidationResult($"'{bad}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var bad in KnownNetworks.Where(n => !IPNetwork.TryParse(n.Trim(), out _)))
        {
            yield return new ValidationResult($"'{bad}' is not a network like 10.0.0.0/24.", [nameof(KnownNetworks)]);
        }
    }
}

/// <summary>
/// Transport security. Each switch left empty is on outside Development when App:PublicBaseUrl is https; turn one
/// off only when the TLS proxy in front does that job itself.
/// </summary>
public sealed class HttpsSettings
{
    public const string Section = "Https";

    /// <summary>Redirect plain-HTTP requests to HTTPS.</summary>
    public bool? Redirect { get; set; }

    /// <summary>Send Strict-Transport-Security.</summary>
    public bool? Hsts { get; set; }

    /// <summary>Mark every cookie Secure, whatever the request's scheme.</summary>
    public bool? SecureCookies { get; set; }

    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
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

/// <summary>
/// A certificate that signs every certificate PDF (PAdES): a reader's PDF software then shows who issued it and
/// that not one byte changed since. Empty prints unsigned certificates.
/// </summary>
public sealed class CertificateSigningSettings
{
    public const string Section = "Certificates:Signing";

    /// <summary>A PKCS#12 (.pfx) file with the signing certificate and its private key.</summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";
}
