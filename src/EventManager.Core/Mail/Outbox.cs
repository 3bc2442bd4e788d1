using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Mail;

public sealed record NewMessage(
    string DeduplicationKey,
    string Kind,
    int? EventId,
    string RecipientEmail,
    string? RecipientName,
    string Subject,
    string TextBody,
    string? HtmlBody = null,
    DateTime? DueAtUtc = null,
    IReadOnlyList<MessageAttachment>? Attachments = null,
    int? ReminderRuleId = null,
    string? Language = null);

/// <summary>Queues messages as rows. Nothing is sent here; the mail job sends what is due.</summary>
public sealed class Outbox(EventManagerDbContext db, TimeProvider time)
{
    /// <summary>Adds the messages to the context; the caller's SaveChanges (and transaction) writes them, then wakes the mail job.</summary>
    public void Add(IEnumerable<NewMessage> messages)
    {
        db.AfterCommit.WakeMail();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var m in messages)
        {
            db.OutgoingMessages.Add(new OutgoingMessage
            {
                DeduplicationKey = m.DeduplicationKey,
                Kind = m.Kind,
                EventId = m.EventId,
                RecipientEmail = m.RecipientEmail,
                RecipientName = m.RecipientName,
                Subject = m.Subject,
                TextBody = m.TextBody,
                HtmlBody = m.HtmlBody,
                Language = m.Language,
                Attachments = m.Attachments?.ToList() ?? [],
                CreatedAtUtc = now,
                DueAtUtc = m.DueAtUtc ?? now,
                Status = MessageStatus.Pending,
            });
        }
    }

    /// <summary>Queues and saves at once, skipping any whose key is already queued.</summary>
    public async Task<int> QueueAsync(IReadOnlyList<NewMessage> messages, CancellationToken cancellationToken = default)
    {
        var keys = messages.Select(m => m.DeduplicationKey).ToList();
        var existing = (await db.OutgoingMessages.Where(m => keys.Contains(m.DeduplicationKey)).Select(m => m.DeduplicationKey).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = messages.Where(m => !existing.Contains(m.DeduplicationKey)).DistinctBy(m => m.DeduplicationKey).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        Add(fresh);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same message queued at the same moment elsewhere: the unique key kept one.
            db.ChangeTracker.Clear();
            return 0;
        }

        return fresh.Count;
    }
}
