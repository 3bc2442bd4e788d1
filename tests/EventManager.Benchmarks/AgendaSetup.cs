using EventManager.Core.Activity;
using EventManager.Core.Agenda;
using EventManager.Core.Data;
using EventManager.Core.Events;
using EventManager.Core.Registrations;

namespace EventManager.Benchmarks;

/// <summary>The agenda's use cases over one context, for seeding benchmark data without the web app.</summary>
internal sealed class AgendaSetup
{
    public AgendaSetup(EventManagerDbContext db)
    {
        var family = new AgendaFamily(db);
        Drafts = new AgendaDrafts(db, TimeProvider.System, family, new AgendaRooms(db, family));
        Publishing = new AgendaPublishing(db, TimeProvider.System, Drafts, family, new NoMessages(), new ActivityLog(db, new SystemActor(), TimeProvider.System));
    }

    public AgendaDrafts Drafts { get; }

    public AgendaPublishing Publishing { get; }

    private sealed class NoMessages : IAgendaNotifier
    {
        public Task AgendaChangedAsync(Event ev, int version, IReadOnlyList<(AgendaRecipient Recipient, IReadOnlyList<AgendaChange> Changes)> affected, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
