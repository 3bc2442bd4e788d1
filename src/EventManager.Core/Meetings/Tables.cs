namespace EventManager.Core.Meetings;

/// <summary>
/// Numbers the tables of a schedule whose slots are chosen, slot by slot in time: pinned meetings at their table, then
/// published meetings still in their slot at their old table, then a delegation that met in the slot before at the
/// same table again, then the lowest free table. Before numbering, any request the search left out that still fits is
/// placed (a search stopped at its limit may leave such room).
/// </summary>
internal static class Tables
{
    public static List<ScheduledMeeting> Number(MeetingFacts facts, Dictionary<int, (int Slot, int? Interpreter)> placed, IReadOnlyDictionary<int, MeetingPlace> pins)
    {
        var problem = facts.Problem;
        var requests = problem.Requests.ToDictionary(r => r.Id);
        var occupancy = new MeetingOccupancy(facts);
        foreach (var (id, (slot, interpreter)) in placed.OrderBy(p => p.Key))
        {
            occupancy.Take(requests[id], slot, interpreter);
        }

        foreach (var request in problem.Requests.Where(r => !placed.ContainsKey(r.Id)).OrderByDescending(r => r.Priority).ThenBy(r => r.Order))
        {
            foreach (var slot in facts.CandidateSlots(request))
            {
                if (occupancy.Fits(request, slot, out var interpreter))
                {
                    occupancy.Take(request, slot, interpreter);
                    placed[request.Id] = (slot, interpreter);
                    break;
                }
            }
        }

        var tableOf = new Dictionary<(int Party, int Slot), int>();
        var result = new List<ScheduledMeeting>();
        var bySlot = placed.GroupBy(p => p.Value.Slot).ToDictionary(g => g.Key, g => g.Select(p => requests[p.Key]).OrderBy(r => r.Id).ToList());
        foreach (var block in facts.Blocks)
        {
            int? previous = null;
            foreach (var slot in facts.SlotsOf(block))
            {
                var here = bySlot.GetValueOrDefault(slot) ?? [];
                var taken = new Dictionary<int, int>();
                var wants = new Func<MeetingToPlace, int?>[]
                {
                    r => pins.GetValueOrDefault(r.Id)?.Table,
                    r => r.Published is { } p && p.Slot == slot ? p.Table : null,
                    r => previous is { } before ? tableOf.GetValueOrDefault((r.PartyA, before)) is var a and > 0 ? a : tableOf.GetValueOrDefault((r.PartyB, before)) is var b and > 0 ? b : null : null,
                };
                foreach (var want in wants)
                {
                    foreach (var request in here.Where(r => !taken.ContainsKey(r.Id)))
                    {
                        if (want(request) is { } table && table <= problem.Slots[slot].Tables && !taken.ContainsValue(table))
                        {
                            taken[request.Id] = table;
                        }
                    }
                }

                var free = Enumerable.Range(1, problem.Slots[slot].Tables).Where(t => !taken.ContainsValue(t)).GetEnumerator();
                foreach (var request in here.Where(r => !taken.ContainsKey(r.Id)))
                {
                    free.MoveNext();
                    taken[request.Id] = free.Current;
                }

                foreach (var request in here)
                {
                    var place = new MeetingPlace(slot, taken[request.Id], placed[request.Id].Interpreter);
                    tableOf[(request.PartyA, slot)] = place.Table;
                    tableOf[(request.PartyB, slot)] = place.Table;
                    var moved = request.Published is { } published && (published.Slot != place.Slot || published.Table != place.Table);
                    result.Add(new ScheduledMeeting(request.Id, place, moved));
                }

                previous = slot;
            }
        }

        return result.OrderBy(m => problem.Slots[m.Place.Slot].StartsAtUtc).ThenBy(m => m.Place.Table).ToList();
    }
}
