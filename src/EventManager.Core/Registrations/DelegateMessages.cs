using EventManager.Core.Data;
using EventManager.Core.Mail;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Registrations;

public sealed record DelegateMessage(long Id, string Subject, DateTime SentAtUtc, string? Language);

/// <summary>
/// The messages the app sent a delegate about an event, to read again at their private link: what went to their
/// address for this event and was accepted by the mail server. Nobody else's, and nothing still waiting.
/// </summary>
public sealed class DelegateMessages(EventManagerDbContext db)
{
    public async Task<IReadOnlyList<DelegateMessage>> ListAsync(Registration registration, CancellationToken cancellationToken = default) =>
        await Of(registration)
            .OrderByDescending(m => m.SentAtUtc).ThenByDescending(m => m.Id)
            .Select(m => new DelegateMessage(m.Id, m.Subject, m.SentAtUtc!.Value, m.Language))
            .ToListAsync(cancellationToken);

    public Task<OutgoingMessage?> FindAsync(Registration registration, long id, CancellationToken cancellationToken = default) =>
        Of(registration).Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    private IQueryable<OutgoingMessage> Of(Registration registration) =>
        db.OutgoingMessages.AsNoTracking()
            .Where(m => m.EventId == registration.EventId && m.RecipientEmail == registration.Email && m.Status == MessageStatus.Sent && m.SentAtUtc != null);
}
