using EventManager.Core.Mail;
using EventManager.Web.Configuration;
using Hangfire;

namespace EventManager.Web.Features.Mail;

/// <summary>The Hangfire work that sends due messages. Runs every minute, and at once when messages are queued.</summary>
public sealed class MailJob(MailSender sender, SenderIdentity identity, MailRunGate gate, ILogger<MailJob> logger)
{
    public const string RecurringId = "send-due-mail";

    // No Hangfire lock around the run: the rows' claims keep two runs (or two instances) apart, and a lock left by
    // an instance that died would hold every other instance's mail until the lock expired.
    [AutomaticRetry(Attempts = 0)]
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        // One run at a time in an instance: one message at a time with the mail server, so a crash can leave at most
        // one whose "250 OK" never arrived. A run asked for meanwhile is done by the one in progress, going round again.
        if (!gate.TryEnter())
        {
            return;
        }

        try
        {
            do
            {
                gate.TakeRequests();
                await SendRoundsAsync(cancellationToken);
            }
            while (gate.ExitUnlessRequested());
        }
        catch
        {
            // A failed run must not keep every later one out.
            gate.Exit();
            throw;
        }
    }

    private async Task SendRoundsAsync(CancellationToken cancellationToken)
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
/// Keeps an instance's mail runs one at a time without holding a job worker waiting: a run that finds another going
/// leaves a request, and the one going takes it and goes round again before it stops.
/// </summary>
public sealed class MailRunGate
{
    private int running;
    private int requested;

    public bool TryEnter()
    {
        Volatile.Write(ref requested, 1);
        return Interlocked.CompareExchange(ref running, 1, 0) == 0;
    }

    public void TakeRequests() => Interlocked.Exchange(ref requested, 0);

    public void Exit() => Volatile.Write(ref running, 0);

    /// <returns>True when a run was asked for meanwhile and this one goes on to do it.</returns>
    public bool ExitUnlessRequested()
    {
        Volatile.Write(ref running, 0);
        return Volatile.Read(ref requested) == 1 && Interlocked.CompareExchange(ref running, 1, 0) == 0;
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
