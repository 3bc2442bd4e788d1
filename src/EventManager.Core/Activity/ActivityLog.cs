using Microsoft.EntityFrameworkCore;
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
    /// <summary>How the log names a delegate acting through their private link (pages word it).</summary>
    public const string Delegate = "(delegate)";

    public void Add(ActivityKind kind, int? eventId, string subject) => Add(kind, eventId, subject, null, actor.Name);

    /// <summary>A line about one registration (it must already have its id); its subject holds facts, never the person's data, which erasure removes.</summary>
    public void Add(ActivityKind kind, Registrations.Registration registration, string subject = "", string? by = null) =>
        Add(kind, registration.EventId, subject, registration.Id, by ?? actor.Name);

    /// <summary>The same line for each of several registrations decided together.</summary>
    public void Add(ActivityKind kind, IEnumerable<Registrations.Registration> registrations, Func<Registrations.Registration, string>? subject = null)
    {
        foreach (var registration in registrations)
        {
            Add(kind, registration, subject?.Invoke(registration) ?? "");
        }
    }

    private void Add(ActivityKind kind, int? eventId, string subject, int? registrationId, string by) =>
        db.Activity.Add(new ActivityEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            Actor = by,
            Kind = kind,
            EventId = eventId,
            RegistrationId = registrationId,
            Subject = subject.Length > 1000 ? subject[..1000] : subject,
        });

    public void Add(ActivityKind kind, int? eventId, int count) => Add(kind, eventId, count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Lines of the people directory name the person; when a person is erased, the log keeps the line, not the name.</summary>
    public static readonly IReadOnlyList<ActivityKind> NamingPeople = [ActivityKind.PersonAdded, ActivityKind.PersonChanged, ActivityKind.PeopleMerged, ActivityKind.InvitationSentAgain, ActivityKind.InvitationWithdrawn];

    public async Task ForgetNamesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var name in names.Where(n => n.Length > 0).Distinct())
        {
            await db.Activity.Where(a => NamingPeople.Contains(a.Kind) && a.Subject.Contains(name))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Subject, a => a.Subject.Replace(name, Registrations.PersonalDataErasure.ErasedName)), cancellationToken);
        }
    }
}

/// <summary>Background work and tools act as "system".</summary>
public sealed class SystemActor : ICurrentActor
{
    public string Name => "system";
}
