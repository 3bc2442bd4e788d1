using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Agenda;

/// <summary>The published sessions a delegate has said they will attend; they hear when those change.</summary>
public sealed class AgendaChoices(EventManagerDbContext db)
{
    public async Task<IReadOnlySet<Guid>> ChoicesAsync(int registrationId, CancellationToken cancellationToken = default) =>
        (await db.SessionChoices.Where(c => c.RegistrationId == registrationId).Select(c => c.SessionUid).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>A delegate marks a published session as one they will attend, or takes it back.</summary>
    public async Task ChooseAsync(int registrationId, Guid sessionUid, bool attend, CancellationToken cancellationToken = default)
    {
        var existing = await db.SessionChoices.SingleOrDefaultAsync(c => c.RegistrationId == registrationId && c.SessionUid == sessionUid, cancellationToken);
        if (attend && existing is null)
        {
            db.SessionChoices.Add(new SessionChoice { RegistrationId = registrationId, SessionUid = sessionUid });
        }
        else if (!attend && existing is not null)
        {
            db.SessionChoices.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same choice sent twice at once: it is there, which is what was asked.
            db.ChangeTracker.Clear();
        }
    }
}
