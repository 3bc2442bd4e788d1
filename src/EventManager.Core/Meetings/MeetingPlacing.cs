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
        // The two sides are told this place at once: it is published, and a later run moves it only to place more.
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
