using System.ComponentModel.DataAnnotations;

namespace EventManager.Web.Features.Mail;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP (a relay on the same machine).</summary>
    None,
    /// <summary>Upgrade with STARTTLS, usually port 587.</summary>
    StartTls,
    /// <summary>Implicit TLS, usually port 465.</summary>
    Tls,
}

/// <summary>SMTP for outgoing mail; without a host, messages are written as .eml files to the data folder.</summary>
public sealed class MailSettings
{
    public const string Section = "Mail";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public MailSecurity Security { get; set; } = MailSecurity.StartTls;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "no-reply@eventmanager.invalid";

    [Required]
    public string FromName { get; set; } = "EventManager";

    /// <summary>Messages one run of the mail job takes.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Attempts before a message is marked failed for an organiser to look at.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sender may hold claimed messages before another instance may take them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Where each instance journals, on local disk and fsynced, the messages the server accepted before their rows are
    /// saved (so a crash in between never sends one twice). Empty: &lt;DataDirectory&gt;/mail-accepted. Instances that
    /// share this folder also read each other's journals.
    /// </summary>
    public string? AcceptedJournalFolder { get; set; }

    /// <summary>Where accepted-mail journals are kept: the setting, or the data folder's mail-accepted.</summary>
    public string JournalFolder(EventManager.Web.Configuration.DatabaseSettings database) =>
        string.IsNullOrWhiteSpace(AcceptedJournalFolder) ? Path.Combine(database.DataDirectory, "mail-accepted") : Path.GetFullPath(AcceptedJournalFolder);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}
