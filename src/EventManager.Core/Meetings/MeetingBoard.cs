using EventManager.Core.Agenda;
using EventManager.Core.Common;
using EventManager.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>A placed meeting as the organisers' grid shows it.</summary>
/// <param name="Clashes">What is wrong with it where it is (a duty, two meetings at once, no interpreter); empty when nothing.</param>
public sealed record BoardMeeting(int RequestId, int Slot, int Table, string From, string To, string? Interpreter, bool Pinned, bool Moved, IReadOnlyList<DomainError> Clashes);

/// <summary>One block: its session, its slots' times, and the meetings at its tables.</summary>
public sealed record BoardBlock(MeetingBlock Block, Session Session, IReadOnlyList<(DateTime Start, DateTime End)> Slots, IReadOnlyList<BoardMeeting> Meetings)
{
    public BoardMeeting? At(int slot, int table) => Meetings.FirstOrDefault(m => m.Slot == slot && m.Table == table);
}

/// <summary>A request as the organisers' list shows it: its sides, where it stands, and its place when it has one.</summary>
public sealed record BoardRequest(MeetingRequest Request, string From, string To, DateTime? StartsAtUtc);

/// <summary>An accepted request the last run could not place, and why.</summary>
public sealed record BoardUnplaced(int RequestId, string From, string To, DomainError Reason);

/// <summary>
/// The organisers' meetings page: blocks as grids (tables across, slots down), counts by state, the requests left out
/// with their reasons, and the sessions that could become a block.
/// </summary>
public sealed record MeetingBoardView(
    IReadOnlyList<BoardBlock> Blocks,
    int Requested, int Accepted, int Scheduled, int Unplaceable,
    IReadOnlyList<BoardUnplaced> Unplaced,
    IReadOnlyList<Session> FreeSessions,
    IReadOnlyList<BoardRequest> Requests,
    IReadOnlyList<(int Id, string Name)> Delegations,
    IReadOnlyList<Session> Ceremonies,
    Session? AgreementCeremony);

public sealed class MeetingBoard(EventManagerDbContext db, MeetingOutcomes outcomes, MeetingPlacing placing, Ceremonies.CeremonyService ceremonies)
{
    /// <param name="language">The reader's language, for institutions' names.</param>
    public async Task<MeetingBoardView> ReadAsync(int eventId, string language, CancellationToken cancellationToken = default)
    {
        var blocks = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session!.Room).Where(b => b.EventId == eventId)
            .OrderBy(b => b.Session!.StartsAtUtc).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var requests = await db.MeetingRequests.AsNoTracking()
            .Include(r => r.From!.Institution).Include(r => r.From!.Person)
            .Include(r => r.To!.Institution).Include(r => r.To!.Person)
            .Include(r => r.Interpreter!.Person).Include(r => r.Agreement)
            .Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        string Name(MeetingDelegation? d) => d?.NameFor(language) ?? "";
        var accepted = requests.Where(r => r.Status == MeetingRequestStatus.Accepted).ToList();
        var clashes = blocks.Count == 0 ? new Dictionary<int, IReadOnlyList<DomainError>>() : await placing.ClashesAsync(eventId, cancellationToken);
        var grids = blocks.Select(b => new BoardBlock(b, b.Session!, b.Slots,
                accepted.Where(r => r.BlockId == b.Id && r.Slot is not null && r.Table is not null)
                    .Select(r => new BoardMeeting(r.Id, r.Slot!.Value, r.Table!.Value, Name(r.From), Name(r.To), r.Interpreter?.Person?.LatinName, r.Pinned,
                        r.PublishedBlockId is not null && (r.PublishedBlockId != r.BlockId || r.PublishedSlot != r.Slot || r.PublishedTable != r.Table),
                        clashes.GetValueOrDefault(r.Id) ?? []))
                    .ToList()))
            .ToList();
        var unplaced = accepted.Where(r => r.Unplaced is not null)
            .Select(r => new BoardUnplaced(r.Id, Name(r.From), Name(r.To),
                new DomainError("", r.Unplaced!, (r.UnplacedArguments ?? "").Split('\u001f', StringSplitOptions.None).Where(_ => r.UnplacedArguments is not null).Cast<object>().ToArray())))
            .ToList();
        var used = blocks.Select(b => b.SessionId).ToHashSet();
        var free = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId && !s.IsCancelled && s.Kind != SessionKind.Break && s.Kind != SessionKind.SigningCeremony)
            .OrderBy(s => s.StartsAtUtc).ToListAsync(cancellationToken);
        free.RemoveAll(s => used.Contains(s.Id));
        DateTime? Start(MeetingRequest r) => grids.FirstOrDefault(g => g.Block.Id == r.BlockId)?.Slots.ElementAtOrDefault(r.Slot ?? -1) is { Start: var start } && start != default ? start : null;
        var list = requests.Where(r => r.Status is MeetingRequestStatus.Requested or MeetingRequestStatus.Accepted)
            .OrderBy(r => r.Status).ThenBy(r => r.RequestedAtUtc).ThenBy(r => r.Id)
            .Select(r => new BoardRequest(r, Name(r.From), Name(r.To), Start(r))).ToList();
        var delegations = (await db.MeetingDelegations.AsNoTracking().Include(d => d.Institution).Include(d => d.Person)
                .Where(d => d.EventId == eventId && d.TakesMeetings).ToListAsync(cancellationToken))
            .Select(d => (d.Id, d.NameFor(language))).OrderBy(d => d.Item2, StringComparer.CurrentCulture).ToList();
        return new MeetingBoardView(grids,
            requests.Count(r => r.Status == MeetingRequestStatus.Requested), accepted.Count,
            accepted.Count(r => r.BlockId is not null && r.Slot is not null), unplaced.Count, unplaced, free,
            list, delegations, await ceremonies.CeremoniesAsync(eventId, cancellationToken), await outcomes.CeremonyAsync(eventId, cancellationToken));
    }
}
