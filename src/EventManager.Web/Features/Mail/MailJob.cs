using EventManager.Core.Mail;
using Hangfire;

namespace EventManager.Web.Features.Mail;

/// <summary>The Hangfire work that sends due messages. Runs every minute, and at once when messages are queued.</summary>
public sealed class MailJob(MailSender sender, ILogger<MailJob> logger)
{
    public const string RecurringId = "send-due-mail";

    /// <summary>Names this process in claims, so a row held by a stopped instance is freed when its lease ends.</summary>
    public static readonly string SenderId = $"{Environment.MachineName}:{Environment.ProcessId}";

    // No Hangfire lock around the run: the rows' claims keep two runs (or two instances) apart, and a lock left by
    // an instance that died would hold every other instance's mail until the lock expired.
    [AutomaticRetry(Attempts = 0)]
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        // Keep going while full batches come back: a rush is sent in one run, in batches.
        for (var round = 0; round < 50; round++)
        {
            var report = await sender.SendDueAsync(SenderId, cancellationToken);
            if (report.Claimed > 0)
            {
                logger.LogInformation("Mail: {Sent} sent, {Retrying} to retry, {Failed} failed", report.Sent, report.Retrying, report.Failed);
            }

            if (report.Claimed == 0 || report.Sent < report.Claimed)
            {
                break;
            }
        }
    }
}
