using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Agenda;

/// <summary>A person organisers may put on the agenda: a delegate registered for an event of the family.</summary>
public sealed record AgendaPerson(int DelegateId, string LatinName, string? NativeName, string? Institution);

/// <summary>
/// An event and the events inside it (a dialogue inside an education week) share rooms and people: the root owns
/// the rooms, and anyone registered for any event of the family may chair or speak.
/// </summary>
public sealed class AgendaFamily(EventManagerDbContext db)
{
    /// <summary>The outermost event, which owns the rooms every event inside it uses.</summary>
    public async Task<int> RootEventIdAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var current = eventId;
        for (var depth = 0; depth < 16; depth++)
        {
            var parent = await db.Events.Where(e => e.Id == current).Select(e => e.ParentEventId).SingleOrDefaultAsync(cancellationToken);
            if (parent is not int p)
            {
                break;
            }

            current = p;
        }

        return current;
    }

    /// <summary>The root event and every event inside it, at any depth.</summary>
    public async Task<List<Event>> FamilyAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var root = await RootEventIdAsync(eventId, cancellationToken);
        var family = new List<Event>();
        var frontier = new List<int> { root };
        while (frontier.Count > 0 && family.Count < 1000)
        {
            var level = await db.Events.AsNoTracking().Where(e => frontier.Contains(e.Id)).ToListAsync(cancellationToken);
            family.AddRange(level);
            frontier = await db.Events.Where(e => e.ParentEventId != null && frontier.Contains(e.ParentEventId.Value)).Select(e => e.Id).ToListAsync(cancellationToken);
        }

        return family;
    }

    /// <summary>
    /// People who may chair or speak: those registered (and not cancelled or declined) for an event of the family, those
    /// already on its programme, and those in the directory who have registered nowhere (the keynote speaker, the
    /// minister, the guest of honour the organisers added themselves).
    /// </summary>
    public async Task<IReadOnlyList<AgendaPerson>> PeopleAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var family = (await FamilyAsync(eventId, cancellationToken)).Select(e => e.Id).ToList();
        var people = await db.Delegates.AsNoTracking()
            .Where(d => db.Registrations.Any(r => r.DelegateId == d.Id && family.Contains(r.EventId)
                    && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
                || db.SessionPeople.Any(p => p.DelegateId == d.Id && family.Contains(p.Session!.EventId))
                || !db.Registrations.Any(r => r.DelegateId == d.Id))
            // An institution the delegate proposed (not yet listed) is named as they typed it.
            .Select(d => new AgendaPerson(d.Id, d.LatinName, d.NativeName, d.Institution != null ? d.Institution.EnglishName
                : db.Registrations.Where(r => r.DelegateId == d.Id).OrderByDescending(r => r.Id).Select(r => r.ProposedInstitutionName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return people.OrderBy(p => p.LatinName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The registration through which each person on an event's programme hears about it: their own at the event
    /// when they have one, else one at another event of the family (a speaker at a dialogue who registered only for
    /// the week around it). The same people the picker offers, so everyone who can be put on the agenda is reminded.
    /// </summary>
    public async Task<IReadOnlyList<Registration>> ProgrammeRegistrationsAsync(int eventId, IReadOnlyCollection<int> delegateIds, CancellationToken cancellationToken = default)
    {
        if (delegateIds.Count == 0)
        {
            return [];
        }

        var family = (await FamilyAsync(eventId, cancellationToken)).Select(e => e.Id).ToList();
        var ids = delegateIds.Distinct().ToList();
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => family.Contains(r.EventId) && r.DelegateId != null && ids.Contains(r.DelegateId.Value)
                && r.Status != RegistrationStatus.Cancelled && r.Status != RegistrationStatus.Declined)
            .ToListAsync(cancellationToken);
        return registrations.GroupBy(r => r.DelegateId!.Value)
            .Select(g => g.OrderByDescending(r => r.EventId == eventId).ThenByDescending(r => r.Status == RegistrationStatus.Confirmed).ThenBy(r => r.Id).First())
            .ToList();
    }
}
