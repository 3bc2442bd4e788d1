using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Hangfire;

namespace EventManager.Web.Features.Mail;

/// <summary>The Hangfire work that sends due messages. Runs every minute, and at once when messages are queued.</summary>
public sealed class MailJob(MailSender sender, SenderIdentity identity, ILogger<MailJob> logger)
{
    public const string RecurringId = "send-due-mail";

    // No Hangfire lock around the run: the rows' claims keep two runs (or two instances) apart, and a lock left by
    // an instance that died would hold every other instance's mail until the lock expired.
    [AutomaticRetry(Attempts = 0)]
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        // Keep going while full batches come back: a rush is sent in one run, in batches.
        for (var round = 0; round < 50; round++)
        {
            var report = await sender.SendDueAsync(identity.Id, cancellationToken);
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

/// <summary>
/// This instance's name in the claims it puts on messages (Jobs:InstanceId, or the machine and the addresses it listens
/// on): it survives a restart, so a restarted instance knows which claims were its own.
/// </summary>
public sealed record SenderIdentity(string Id)
{
    public static SenderIdentity From(JobSettings settings, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(settings.InstanceId))
        {
            return new SenderIdentity(settings.InstanceId.Trim());
        }

        var id = $"{Environment.MachineName}:{configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "default"}";
        // A claim is this name, a colon and 32 hex digits, in 100 characters.
        return new SenderIdentity(id.Length <= 60 ? id : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))[..32]);
    }
}
