using EventManager.Core.Events;

namespace EventManager.Core.Agenda;

public enum IssueSeverity
{
    Error,
    Warning,
}

/// <summary>A clash or doubt about the agenda. Errors block publishing; warnings do not.</summary>
public sealed record AgendaIssue(IssueSeverity Severity, IReadOnlyList<int> SessionIds, string Message, params object[] Arguments);

/// <summary>
/// The clash rules, as a pure function of the sessions of one family of events (a week and the dialogues
/// inside it share rooms and people, so a rector cannot be in two of its parallel dialogues at once).
/// </summary>
public static class AgendaChecks
{
    public static List<AgendaIssue> Check(
        IReadOnlyCollection<int> eventIds,
        IReadOnlyList<Session> familySessions,
        IReadOnlyDictionary<int, Event> events,
        IReadOnlyDictionary<int, Room> rooms,
        IReadOnlyDictionary<int, string> personNames)
    {
        var issues = new List<AgendaIssue>();
        var active = familySessions.Where(s => !s.IsCancelled).OrderBy(s => s.StartsAtUtc).ThenBy(s => s.Id).ToList();
        bool Concerns(Session a, Session b) => eventIds.Contains(a.EventId) || eventIds.Contains(b.EventId);

        // Sweep in start order: only sessions that started before this one ends can overlap it.
        for (var i = 0; i < active.Count; i++)
        {
            var a = active[i];
            for (var j = i + 1; j < active.Count && active[j].StartsAtUtc < a.EndsAtUtc; j++)
            {
                var b = active[j];
                if (!Concerns(a, b) || b.EndsAtUtc <= a.StartsAtUtc)
                {
                    continue;
                }

                if (a.RoomId is int room && room == b.RoomId)
                {
                    issues.Add(new AgendaIssue(IssueSeverity.Error, [a.Id, b.Id], "{0} is booked twice: {1} and {2} overlap.",
                        rooms.TryGetValue(room, out var r) ? r.Name : "?", a.Title, b.Title));
                }

                foreach (var person in a.People.Select(p => p.DelegateId).Intersect(b.People.Select(p => p.DelegateId)))
                {
                    issues.Add(new AgendaIssue(IssueSeverity.Error, [a.Id, b.Id], "{0} is in {1} and {2} at the same time.",
                        personNames.GetValueOrDefault(person, "?"), a.Title, b.Title));
                }
            }
        }

        foreach (var s in familySessions.Where(s => !s.IsCancelled && eventIds.Contains(s.EventId)))
        {
            if (events.TryGetValue(s.EventId, out var ev) && (s.StartsAtUtc < ev.StartsAtUtc || s.EndsAtUtc > ev.EndsAtUtc))
            {
                issues.Add(new AgendaIssue(IssueSeverity.Error, [s.Id], "{0} is outside the dates of {1}.", s.Title, ev.Name));
            }

            if (s.RoomId is int room && rooms.TryGetValue(room, out var r) && r.Capacity is int capacity && s.ExpectedAttendance > capacity)
            {
                issues.Add(new AgendaIssue(IssueSeverity.Warning, [s.Id], "{0} expects {1} people but {2} holds {3}.", s.Title, s.ExpectedAttendance!.Value, r.Name, capacity));
            }
        }

        return issues;
    }
}
