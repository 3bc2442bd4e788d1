using EventManager.Core.Data;

namespace EventManager.Core.Activity;

/// <summary>Who is making the current change, as the activity log names them ("system" for background work).</summary>
public interface ICurrentActor
{
    string Name { get; }
}

/// <summary>
/// Adds a line to the activity log in the unit of work of the change it records: the service that makes the change
/// adds it before its own save, so the change and its line are committed together or not at all.
/// </summary>
public sealed class ActivityLog(EventManagerDbContext db, ICurrentActor actor, TimeProvider time)
{
    public void Add(ActivityKind kind, int? eventId, string subject) =>
        db.Activity.Add(new ActivityEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            Actor = actor.Name,
            Kind = kind,
            EventId = eventId,
            Subject = subject.Length > 1000 ? subject[..1000] : subject,
        });

    public void Add(ActivityKind kind, int? eventId, int count) => Add(kind, eventId, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Background work and tools act as "system".</summary>
public sealed class SystemActor : ICurrentActor
{
    public string Name => "system";
}
