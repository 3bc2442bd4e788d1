namespace EventManager.Web.Features.Mail;

/// <summary>Outgoing mail. With no Host, messages go as .eml files into App_Data/mail instead of to a server.</summary>
public sealed class MailSettings
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (port 587), or Tls (implicit, port 465).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "no-reply@eventmanager.invalid";
    public string FromName { get; set; } = "EventManager";

    /// <summary>Messages one run of the mail job takes.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Attempts before a message is marked failed for an organiser to look at.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sender may hold claimed messages before another instance may take them.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}
