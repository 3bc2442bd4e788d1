using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>A slot a meeting could take now: its block, its number in the block, and its time.</summary>
public sealed record FreeSlot(int BlockId, int Slot, DateTime StartsAtUtc, DateTime EndsAtUtc);

/// <summary>
/// b2match's first mode: the accepting side picks a free slot at once. A slot is free for a meeting when both sides
/// are free in it (no other meeting, no duty, not away), a table is left, neither side is at the block's maximum, and
/// an interpreter is free where the two share no language — the scheduler's own rules, over what is placed now.
/// Taking a slot runs under the event's <see cref="MeetingLock"/>, so two sides choosing at once cannot take the same
/// table or the same delegation twice.
/// </summary>
public sealed class MeetingPlacing(EventManagerDbContext db, MeetingScheduling scheduling, TimeProvider time)
{
    /// <summary>For each request between the two sides given, the slots still to come in which it fits as things stand.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<FreeSlot>>> FreeSlotsAsync(int eventId, IReadOnlyList<MeetingRequest> requests, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<int, IReadOnlyList<FreeSlot>>();
        if (requests.Count == 0)
        {
            return result;
        }

        var (input, occupancy, facts) = await OccupancyAsync(eventId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var request in requests)
        {
            result[request.Id] = Candidates(input, facts, occupancy, request)
                .Where(s => input.Problem.Slots[s].StartsAtUtc > now)
                .Select(s => new FreeSlot(input.Slots[s].Block, input.Slots[s].Slot, input.Problem.Slots[s].StartsAtUtc, input.Problem.Slots[s].EndsAtUtc))
                .ToList();
        }

        return result;
    }

    /// <summary>
    /// Gives the (accepted, tracked) request the chosen slot, at the lowest free table and with the first free
    /// interpreter it needs; call it under the event's <see cref="MeetingLock"/>. Fails when the slot is no longer free.
    /// </summary>
    public async Task<DomainResult<MeetingRequest>> TakeAsync(MeetingRequest request, int blockId, int slot, CancellationToken cancellationToken = default)
    {
        var (input, occupancy, facts) = await OccupancyAsync(request.EventId, cancellationToken, except: request.Id);
        var index = Enumerable.Range(0, input.Slots.Count).FirstOrDefault(i => input.Slots[i] == (blockId, slot), -1);
        if (index < 0 || input.Problem.Slots[index].StartsAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return DomainResult<MeetingRequest>.Failure("slot", "Choose one of the times offered.");
        }

        if (!facts.HasParty(request.FromId) || !facts.HasParty(request.ToId))
        {
            return DomainResult<MeetingRequest>.Failure("", "One side does not take meetings.");
        }

        var toPlace = new MeetingToPlace(request.Id, request.FromId, request.ToId, 0);
        if (!facts.CandidateSlots(toPlace).Contains(index) || !occupancy.Fits(toPlace, index, out var interpreter))
        {
            return DomainResult<MeetingRequest>.Failure("slot", "That time was taken a moment ago; choose another.");
        }

        var table = Enumerable.Range(1, input.Problem.Slots[index].Tables).First(t => occupancy.TableFree(index, t));
        (request.BlockId, request.Slot, request.Table, request.InterpreterId) = (blockId, slot, table, interpreter);
        // The two sides are told this place at once: it is published, and a later run moves it only to place more; its
        // reminders are planned.
        db.AfterCommit.ReplanReminders(request.EventId);
        (request.PublishedBlockId, request.PublishedSlot, request.PublishedTable, request.PublishedInterpreterId) = (blockId, slot, table, interpreter);
        (request.Unplaced, request.UnplacedArguments) = (null, null);
        request.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        return DomainResult<MeetingRequest>.Success(request);
    }

    private static IEnumerable<int> Candidates(MeetingScheduling.Input input, MeetingFacts facts, MeetingOccupancy occupancy, MeetingRequest request)
    {
        if (!facts.HasParty(request.FromId) || !facts.HasParty(request.ToId))
        {
            return [];
        }

        var toPlace = new MeetingToPlace(request.Id, request.FromId, request.ToId, 0);
        return facts.CandidateSlots(toPlace).Where(s => occupancy.Fits(toPlace, s, out _));
    }

    /// <summary>
    /// An organiser moves a meeting to a slot and table (dragged on the grid, or the tile's Move form): the table must
    /// be free then; the meeting is pinned there, gets the first free interpreter it needs, and whatever it clashes
    /// with is shown on the grid (<see cref="ClashesAsync"/>) rather than refused, as on the timetable. Run it under
    /// the event's <see cref="MeetingLock"/>.
    /// </summary>
    public async Task<DomainResult<MeetingRequest>> MoveAsync(int eventId, int requestId, int blockId, int slot, int table, CancellationToken cancellationToken = default)
    {
        var request = await db.MeetingRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted, cancellationToken);
        if (request is null)
        {
            return DomainResult<MeetingRequest>.Failure("", "That meeting is not there.");
        }

        var (input, occupancy, facts) = await OccupancyAsync(eventId, cancellationToken, except: request.Id);
        var index = Enumerable.Range(0, input.Slots.Count).FirstOrDefault(i => input.Slots[i] == (blockId, slot), -1);
        if (index < 0 || table < 1 || table > input.Problem.Slots[index].Tables)
        {
            return DomainResult<MeetingRequest>.Failure("slot", "Choose one of the block's times and tables.");
        }

        if (!occupancy.TableFree(index, table))
        {
            return DomainResult<MeetingRequest>.Failure("table", "Table {0} is taken at that time; move the meeting to a free table.", table);
        }

        int? interpreter = null;
        if (facts.HasParty(request.FromId) && facts.HasParty(request.ToId))
        {
            var toPlace = new MeetingToPlace(request.Id, request.FromId, request.ToId, 0);
            interpreter = facts.NeedsInterpreter(toPlace)
                ? facts.InterpretersFor(toPlace, index).Where(i => occupancy.InterpreterFree(i, index)).Select(i => (int?)i).FirstOrDefault()
                : null;
        }

        (request.BlockId, request.Slot, request.Table, request.InterpreterId, request.Pinned) = (blockId, slot, table, interpreter, true);
        (request.Unplaced, request.UnplacedArguments) = (null, null);
        request.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        return DomainResult<MeetingRequest>.Success(request);
    }

    /// <summary>Organisers pin a meeting where it is (the scheduler keeps it) or let the scheduler move it again.</summary>
    public async Task<bool> PinAsync(int eventId, int requestId, bool pinned, CancellationToken cancellationToken = default) =>
        await db.MeetingRequests.Where(r => r.Id == requestId && r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted && r.BlockId != null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Pinned, pinned).SetProperty(r => r.UpdatedAtUtc, time.GetUtcNow().UtcDateTime), cancellationToken) == 1;

    /// <summary>
    /// What is wrong with the meetings as placed now, by request: a side with a duty (or away) at that time, a side or
    /// an interpreter in two meetings at once, a meeting that needs an interpreter and has none.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<DomainError>>> ClashesAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var input = await scheduling.ReadAsync(eventId, cancellationToken);
        var facts = new MeetingFacts(input.Problem);
        var index = Enumerable.Range(0, input.Slots.Count).ToDictionary(i => input.Slots[i]);
        var placed = (await db.MeetingRequests.AsNoTracking()
                .Where(r => r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted && r.BlockId != null && r.Slot != null)
                .Select(r => new { r.Id, r.FromId, r.ToId, Block = r.BlockId!.Value, Slot = r.Slot!.Value, r.InterpreterId })
                .ToListAsync(cancellationToken))
            .Where(m => index.ContainsKey((m.Block, m.Slot)) && facts.HasParty(m.FromId) && facts.HasParty(m.ToId))
            .Select(m => (m.Id, m.FromId, m.ToId, Slot: index[(m.Block, m.Slot)], m.InterpreterId)).ToList();
        var result = new Dictionary<int, IReadOnlyList<DomainError>>();
        foreach (var m in placed)
        {
            var errors = new List<DomainError>();
            var overlapping = placed.Where(o => o.Id != m.Id && facts.CliquesOfSlot[o.Slot].Intersect(facts.CliquesOfSlot[m.Slot]).Any()).ToList();
            foreach (var side in new[] { m.FromId, m.ToId })
            {
                var party = facts.Party(side);
                if (party.BusySlots.Contains(m.Slot))
                {
                    errors.Add(new DomainError("", "{0} has a duty or is away at this time.", party.Name));
                }

                var groups = facts.GroupsOfParty[side];
                if (overlapping.Any(o => facts.GroupsOfParty[o.FromId].Concat(facts.GroupsOfParty[o.ToId]).Intersect(groups).Any()))
                {
                    errors.Add(new DomainError("", "{0} has another meeting at this time.", party.Name));
                }
            }

            var toPlace = new MeetingToPlace(m.Id, m.FromId, m.ToId, 0);
            if (facts.NeedsInterpreter(toPlace) && m.InterpreterId is null)
            {
                errors.Add(new DomainError("", "No interpreter is free for this meeting at this time."));
            }
            else if (m.InterpreterId is { } interpreter && overlapping.Any(o => o.InterpreterId == interpreter))
            {
                errors.Add(new DomainError("", "Its interpreter has another meeting at this time."));
            }

            if (errors.Count > 0)
            {
                result[m.Id] = errors;
            }
        }

        return result;
    }

    /// <summary>The event's problem and what its placed meetings (but <paramref name="except"/>) take now.</summary>
    private async Task<(MeetingScheduling.Input Input, MeetingOccupancy Occupancy, MeetingFacts Facts)> OccupancyAsync(int eventId, CancellationToken cancellationToken, int? except = null)
    {
        var input = await scheduling.ReadAsync(eventId, cancellationToken);
        var facts = new MeetingFacts(input.Problem);
        var occupancy = new MeetingOccupancy(facts);
        var index = Enumerable.Range(0, input.Slots.Count).ToDictionary(i => input.Slots[i]);
        var placed = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted && r.BlockId != null && r.Slot != null && r.Id != (except ?? 0))
            .Select(r => new { r.Id, r.FromId, r.ToId, Block = r.BlockId!.Value, Slot = r.Slot!.Value, r.Table, r.InterpreterId })
            .ToListAsync(cancellationToken);
        var parties = input.Problem.Parties.Select(p => p.Id).ToHashSet();
        foreach (var meeting in placed.Where(m => parties.Contains(m.FromId) && parties.Contains(m.ToId)))
        {
            if (index.TryGetValue((meeting.Block, meeting.Slot), out var slot))
            {
                occupancy.Take(new MeetingToPlace(meeting.Id, meeting.FromId, meeting.ToId, 0), slot, meeting.InterpreterId, meeting.Table);
            }
        }

        return (input, occupancy, facts);
    }
}
