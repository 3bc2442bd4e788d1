using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>What an organiser enters to hold bilateral meetings in an agenda session.</summary>
public sealed record MeetingBlockInput(int SessionId, int SlotMinutes, int Tables, int? MaxPerDelegation);

/// <summary>
/// Organisers turn an agenda session into a block of meeting slots at numbered tables; the session becomes of kind
/// "Bilateral meetings", one item on the agenda (published with the agenda's next version).
/// </summary>
public sealed class MeetingBlocks(EventManagerDbContext db, TimeProvider time)
{
    public const int MostTables = 500;

    public async Task<DomainResult<MeetingBlock>> AddAsync(int eventId, MeetingBlockInput input, CancellationToken cancellationToken = default)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == input.SessionId && s.EventId == eventId && !s.IsCancelled, cancellationToken);
        var errors = new List<DomainError>();
        if (session is null)
        {
            errors.Add(new DomainError(nameof(input.SessionId), "Choose a session of this event's agenda."));
        }
        else if (await db.MeetingBlocks.AnyAsync(b => b.SessionId == session.Id, cancellationToken))
        {
            errors.Add(new DomainError(nameof(input.SessionId), "That session already holds meetings."));
        }

        if (!MeetingBlock.SlotLengths.Contains(input.SlotMinutes))
        {
            errors.Add(new DomainError(nameof(input.SlotMinutes), "A slot is 15, 20 or 30 minutes long."));
        }
        else if (session is not null && MeetingBlock.SlotsOf(session.StartsAtUtc, session.EndsAtUtc, input.SlotMinutes).Count == 0)
        {
            errors.Add(new DomainError(nameof(input.SlotMinutes), "The session is shorter than one slot."));
        }

        if (input.Tables is < 1 or > MostTables)
        {
            errors.Add(new DomainError(nameof(input.Tables), "Enter between {0} and {1} tables.", 1, MostTables));
        }

        if (input.MaxPerDelegation is < 1)
        {
            errors.Add(new DomainError(nameof(input.MaxPerDelegation), "Leave the maximum empty, or enter at least 1."));
        }

        if (errors.Count > 0)
        {
            return DomainResult<MeetingBlock>.Failure(errors);
        }

        var block = new MeetingBlock { EventId = eventId, SessionId = session!.Id, SlotMinutes = input.SlotMinutes, Tables = input.Tables, MaxPerDelegation = input.MaxPerDelegation };
        db.MeetingBlocks.Add(block);
        // Saved with the block, or not at all.
        var held = await db.Sessions.SingleAsync(s => s.Id == session.Id, cancellationToken);
        (held.Kind, held.UpdatedAtUtc) = (Agenda.SessionKind.BilateralMeetings, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult<MeetingBlock>.Success(block);
    }
}
