namespace EventManager.Core.Agenda;

/// <summary>What publishing the draft changes, session by session, and each session's iCalendar SEQUENCE.</summary>
public static class AgendaDiff
{
    public static (IReadOnlyList<PublishedSession> Sessions, IReadOnlyList<AgendaChange> Changes) Compare(PublishedAgenda? previous, IReadOnlyList<PublishedSession> draft)
    {
        var before = previous?.Sessions.ToDictionary(s => s.Uid) ?? [];
        var sessions = new List<PublishedSession>();
        var changes = new List<AgendaChange>();
        foreach (var now in draft)
        {
            if (!before.TryGetValue(now.Uid, out var old))
            {
                sessions.Add(now with { Sequence = 0 });
                if (!now.IsCancelled)
                {
                    changes.Add(new AgendaChange(AgendaChangeKind.Added, now.Uid, now.Title, null, now.StartsAtUtc, null, now.RoomName));
                }

                continue;
            }

            var kind = Kind(old, now);
            sessions.Add(now with { Sequence = kind is null ? old.Sequence : old.Sequence + 1 });
            if (kind is { } k)
            {
                changes.Add(new AgendaChange(k, now.Uid, now.Title, old.StartsAtUtc, now.StartsAtUtc, old.RoomName, now.RoomName));
            }
        }

        // A session removed from the draft after it was published stays in feeds, cancelled.
        var drafted = draft.Select(s => s.Uid).ToHashSet();
        foreach (var gone in before.Values.Where(s => !drafted.Contains(s.Uid)))
        {
            sessions.Add(gone with { IsCancelled = true, Sequence = gone.IsCancelled ? gone.Sequence : gone.Sequence + 1 });
            if (!gone.IsCancelled)
            {
                changes.Add(new AgendaChange(AgendaChangeKind.Cancelled, gone.Uid, gone.Title, gone.StartsAtUtc, null, gone.RoomName, null));
            }
        }

        return (sessions.OrderBy(s => s.StartsAtUtc).ThenBy(s => s.RoomName).ThenBy(s => s.Title).ToList(), changes);
    }

    private static AgendaChangeKind? Kind(PublishedSession old, PublishedSession now)
    {
        if (now.IsCancelled && !old.IsCancelled)
        {
            return AgendaChangeKind.Cancelled;
        }

        if (now.IsCancelled)
        {
            return null;
        }

        if (!now.IsCancelled && old.IsCancelled)
        {
            return AgendaChangeKind.Added;
        }

        if (now.StartsAtUtc != old.StartsAtUtc || now.EndsAtUtc != old.EndsAtUtc)
        {
            return AgendaChangeKind.Moved;
        }

        if (now.RoomId != old.RoomId)
        {
            return AgendaChangeKind.ReRoomed;
        }

        var same = now.Title == old.Title && now.Description == old.Description && now.Kind == old.Kind
            && now.Language == old.Language && now.Interpretation == old.Interpretation && now.RoomName == old.RoomName
            && now.People.SequenceEqual(old.People);
        return same ? null : AgendaChangeKind.Changed;
    }
}
