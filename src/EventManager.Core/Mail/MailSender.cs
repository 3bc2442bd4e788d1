using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Mail;

/// <summary>Hands one message to the mail server (or the drop folder). Throws when the server does not accept it.</summary>
public interface IMailTransport
{
    /// <summary>Opens what a batch needs (one SMTP connection for many messages).</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

public sealed record MailSendSettings(int BatchSize, int MaxAttempts, TimeSpan FirstRetry, TimeSpan Lease);

public sealed record SendReport(int Claimed, int Sent, int Retrying, int Failed);

/// <summary>
/// Sends what is due. Each run claims a batch of due rows with one conditional UPDATE (so two app instances
/// never take the same row), sends them, journals each one the moment the server has accepted it, and records the rows
/// as sent in batches.
/// A failure is retried later with a growing wait; after the set number of attempts the message is failed.
/// </summary>
/// <summary>Writes the parts of a message that can only be known when it goes out (a digest of the day's registrations, a ticket).</summary>
public interface IMessageContent
{
    /// <returns>False when the message has nothing to say (a digest of an empty day): it is then not sent.</returns>
    Task<bool> FillAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

public sealed class MailSender(EventManagerDbContext db, IMailTransport transport, TimeProvider time, MailSendSettings settings, IReadOnlyList<IMessageContent>? contents = null, AcceptedJournal? journal = null)
{
    /// <summary>With a journal, sent rows are saved together: after this many, or this long after the last save.</summary>
    private const int SaveEvery = 100;

    private static readonly TimeSpan SaveAtLeastEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records as sent what any journal says the server accepted (an instance killed before saving it), and compacts
    /// this instance's journal when it has grown. Runs before every claim: nothing a journal names is claimed again.
    /// </summary>
    public async Task<int> ApplyJournalAsync(bool compact = false, CancellationToken cancellationToken = default)
    {
        if (journal is null)
        {
            return 0;
        }

        var recorded = await journal.ApplyAsync(db, cancellationToken);
        await journal.CompactAsync(db, compact, cancellationToken);
        return recorded;
    }

    public async Task<SendReport> SendDueAsync(string senderId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + settings.Lease;
        var claim = $"{senderId}:{Guid.NewGuid():N}";
        await ApplyJournalAsync(cancellationToken: CancellationToken.None);
        var due = db.OutgoingMessages
            .Where(m => m.Status == MessageStatus.Pending && m.DueAtUtc <= now
                && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now)
                && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.DueAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize);

        cancellationToken.ThrowIfCancellationRequested();
        // The claim re-checks the conditions in the UPDATE itself: a row another sender claimed meanwhile is not taken.
        // Claiming and loading are not cancelled part-way: a stop that came after the UPDATE but before the loop would
        // leave the batch claimed for the whole lease (seen under load). The loop below checks for a stop before each
        // message and hands the claim back.
        var claimed = await db.OutgoingMessages
            .Where(m => due.Contains(m.Id) && m.Status == MessageStatus.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntilUtc, until), CancellationToken.None);
        if (claimed == 0)
        {
            return new SendReport(0, 0, 0, 0);
        }

        var batch = await db.OutgoingMessages.Include(m => m.Attachments)
            .Where(m => m.ClaimedBy == claim && m.Status == MessageStatus.Pending)
            .OrderBy(m => m.DueAtUtc).ThenBy(m => m.Id)
            .ToListAsync(CancellationToken.None);
        int sent = 0, retrying = 0, failed = 0;
        IMailSession? session = null;
        // With a journal, what the server accepted is on disk the moment it answers, and every sender reads the journals
        // before it claims: rows are then saved together (one commit per many messages, not one each). Without one,
        // each is saved before the next is tried.
        var unsaved = 0;
        var lastSave = time.GetTimestamp();
        async Task SaveAsync()
        {
            await db.SaveChangesAsync(CancellationToken.None);
            unsaved = 0;
            lastSave = time.GetTimestamp();
        }

        var outlived = false;
        try
        {
            foreach (var message in batch)
            {
                // A stop takes effect between messages, never between the server's "accepted" and our record of it.
                cancellationToken.ThrowIfCancellationRequested();
                // Past most of its lease another sender may claim the batch (a slow server, tickets drawn as they go):
                // what is left is handed back rather than risk sending it twice.
                if (time.GetUtcNow().UtcDateTime >= until - settings.Lease / 5)
                {
                    outlived = true;
                    break;
                }

                try
                {
                    if (!await FillAsync(message, cancellationToken))
                    {
                        message.Status = MessageStatus.Skipped;
                        message.LastError = NotSent.NothingNew;
                        message.ClaimedBy = null;
                        message.ClaimedUntilUtc = null;
                        await SaveAsync();
                        continue;
                    }

                    session ??= await transport.OpenAsync(cancellationToken);
                    await session.SendAsync(message, CancellationToken.None);
                    var sentAt = time.GetUtcNow().UtcDateTime;
                    // On disk before the row is saved: that save may wait behind other writers (see AcceptedJournal).
                    journal?.Record(message.Id, sentAt);
                    message.Status = MessageStatus.Sent;
                    message.SentAtUtc = sentAt;
                    message.Attempts++;
                    message.LastError = null;
                    message.ClaimedBy = null;
                    message.ClaimedUntilUtc = null;
                    sent++;
                    if (journal is null || ++unsaved >= SaveEvery || time.GetElapsedTime(lastSave) >= SaveAtLeastEvery)
                    {
                        await SaveAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (session is not null)
                    {
                        await session.DisposeAsync();
                        session = null;
                    }

                    message.Attempts++;
                    message.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
                    message.ClaimedBy = null;
                    message.ClaimedUntilUtc = null;
                    if (message.Attempts >= settings.MaxAttempts)
                    {
                        message.Status = MessageStatus.Failed;
                        failed++;
                    }
                    else
                    {
                        // 1, 2, 4, 8... times the first wait.
                        message.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + settings.FirstRetry * Math.Pow(2, message.Attempts - 1);
                        retrying++;
                    }

                    await SaveAsync();
                }
            }

            if (unsaved > 0)
            {
                await SaveAsync();
            }

            if (outlived)
            {
                await ReleaseAsync(claim);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: record what was sent, then hand back what this run claimed but did not send, so another sender
            // takes it at once.
            if (unsaved > 0)
            {
                await SaveAsync();
            }

            await ReleaseAsync(claim);
            throw;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return new SendReport(batch.Count, sent, retrying, failed);
    }

    /// <summary>Hands back what a run claimed and did not send, so another sender takes it at once.</summary>
    private Task<int> ReleaseAsync(string claim) =>
        db.OutgoingMessages.Where(m => m.ClaimedBy == claim && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);

    /// <summary>Every filler has its say; a message none of them finds empty goes out.</summary>
    private async Task<bool> FillAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        foreach (var content in contents ?? [])
        {
            if (!await content.FillAsync(message, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Frees the waiting messages a sender of this name had claimed (claims are the name, a colon and a number of
    /// that run): called by an instance as it starts, they can only be left from before it stopped.
    /// </summary>
    public Task<int> ReleaseClaimsAsync(string senderId, CancellationToken cancellationToken = default)
    {
        var prefix = senderId + ":";
        return db.OutgoingMessages.Where(m => m.Status == MessageStatus.Pending && m.ClaimedBy != null && m.ClaimedBy.StartsWith(prefix))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
    }

    /// <summary>An organiser sends a failed message again.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var retried = await db.OutgoingMessages.Where(m => m.Id == id && m.Status == MessageStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAtUtc, (DateTime?)null)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), cancellationToken) == 1;
        if (retried)
        {
            db.AfterCommit.WakeMail();
        }

        await transaction.CommitAsync(cancellationToken);
        return retried;
    }
}
