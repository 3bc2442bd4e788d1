using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace EventManager.Core.Agenda;

/// <summary>What delegates read: the latest published version, cached per version since a version never changes.</summary>
public sealed class PublishedAgendas(EventManagerDbContext db, IMemoryCache cache)
{
    /// <summary>
    /// The published agenda of an event, for the public page and feeds. One small query asks for the latest
    /// version's number; the version itself is read and parsed once per process, since it never changes.
    /// </summary>
    public async Task<PublishedAgenda?> PublishedAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var latest = await db.AgendaVersions.Where(v => v.EventId == eventId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number, Languages = db.Events.Where(e => e.Id == eventId).Select(e => e.Languages).First() }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        // Texts follow the event's languages as they are now (its default may have changed since publishing).
        return await cache.GetOrCreateAsync(("agenda-version", eventId, latest.Number, latest.Languages), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            var snapshot = await db.AgendaVersions.Where(v => v.Id == latest.Id).Select(v => v.Snapshot).SingleAsync(cancellationToken);
            return PublishedAgenda.FromJson(snapshot).Rekeyed(Events.EventLanguages.Parse(latest.Languages));
        });
    }
}
