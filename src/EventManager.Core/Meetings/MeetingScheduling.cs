using System.Globalization;
using EventManager.Core.Agenda;
using EventManager.Core.Ceremonies;
using EventManager.Core.Common;
using EventManager.Core.Data;
using EventManager.Core.Registrations;
using Microsoft.EntityFrameworkCore;

namespace EventManager.Core.Meetings;

/// <summary>What a scheduler run did: meetings placed, requests it could not place, published meetings it moved.</summary>
/// <param name="PinsDropped">Pinned meetings the run could not keep where they were (a side busy there, a clash with another pin).</param>
public sealed record MeetingRunReport(int Placed, int Unplaced, int Moved, bool Optimal, TimeSpan SolveTime, int PinsDropped = 0);

/// <summary>
/// The organisers' "Schedule the meetings": reads an event's blocks, delegations, interpreters, accepted requests and
/// everyone's duties from the database, runs <see cref="MeetingScheduler"/>, and stores each request's place (or why it
/// has none). Publishing later tells the people of meetings that moved.
/// </summary>
public sealed class MeetingScheduling(EventManagerDbContext db, MeetingLock locks, IMeetingNotifier notifier, TimeProvider time)
{
    private static readonly DomainError NotTakingMeetings = new DomainError("", "One side does not take meetings.");

    /// <summary>
    /// Solves outside the lock (it may take seconds), then stores the schedule under it when no side took or gave up a
    /// slot meanwhile; otherwise solves again, and after three tries says so.
    /// </summary>
    public async Task<DomainResult<MeetingRunReport>> RunAsync(int eventId, MeetingSchedulerLimits? limits = null, CancellationToken cancellationToken = default)
    {
        DomainResult<MeetingRunReport> result = DomainResult<MeetingRunReport>.Failure("", "The meetings changed while the scheduler ran; run it again.");
        for (var attempt = 0; attempt < 3 && !result.Succeeded; attempt++)
        {
            var before = await locks.VersionAsync(eventId, cancellationToken);
            var input = await ReadAsync(eventId, cancellationToken);
            var schedule = MeetingScheduler.Solve(input.Problem, limits);
            result = await locks.UnderLockAsync(eventId, async version => version == before + 1
                ? DomainResult<MeetingRunReport>.Success(await StoreAsync(eventId, input, schedule, cancellationToken))
                : DomainResult<MeetingRunReport>.Failure("", "The meetings changed while the scheduler ran; run it again."), cancellationToken);
        }

        return result;
    }

    private async Task<MeetingRunReport> StoreAsync(int eventId, Input input, MeetingSchedule schedule, CancellationToken cancellationToken)
    {
        var requests = await db.MeetingRequests.Where(r => r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted).ToDictionaryAsync(r => r.Id, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var meeting in schedule.Meetings)
        {
            var request = requests[meeting.RequestId];
            var (block, slot) = input.Slots[meeting.Place.Slot];
            (request.BlockId, request.Slot, request.Table, request.InterpreterId) = (block, slot, meeting.Place.Table, meeting.Place.InterpreterId);
            (request.Unplaced, request.UnplacedArguments) = (null, null);
            request.UpdatedAtUtc = now;
        }

        foreach (var unplaced in schedule.Unplaced)
        {
            var request = requests[unplaced.RequestId];
            request.ClearPlace(unpin: true);
            request.Unplaced = unplaced.Reason.Message;
            request.UnplacedArguments = string.Join('\u001f', unplaced.Reason.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)));
            request.UpdatedAtUtc = now;
        }

        // Accepted requests between sides that no longer take meetings were not in the problem: not placed either.
        foreach (var request in requests.Values.Where(r => !input.Problem.Requests.Any(p => p.Id == r.Id)))
        {
            request.ClearPlace(unpin: false);
            (request.Unplaced, request.UnplacedArguments) = (NotTakingMeetings.Message, null);
        }

        return new MeetingRunReport(schedule.Meetings.Count, schedule.Unplaced.Count, schedule.Moved, schedule.Optimal, schedule.SolveTime, schedule.PinsDropped.Count);
    }

    /// <summary>
    /// Makes the current schedule the published one: each accepted meeting's place is what its people were told, and
    /// what a later run moves is counted against it. Returns how many meetings are published.
    /// </summary>
    public async Task<int> PublishAsync(int eventId, CancellationToken cancellationToken = default)
    {
        var requests = await db.MeetingRequests.Where(r => r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var request in requests)
        {
            var was = (request.PublishedBlockId, request.PublishedSlot, request.PublishedTable, request.PublishedInterpreterId);
            (request.PublishedBlockId, request.PublishedSlot, request.PublishedTable, request.PublishedInterpreterId) = request.BlockId is not null && request.Slot is not null
                ? (request.BlockId, request.Slot, request.Table, request.InterpreterId)
                : (null, null, null, null);
            if (was == (request.PublishedBlockId, request.PublishedSlot, request.PublishedTable, request.PublishedInterpreterId))
            {
                continue;
            }

            // Both sides hear of a new time, a moved one, or one taken away; a meeting that stayed put is not news.
            request.UpdatedAtUtc = now;
            var notice = request.PublishedBlockId is null ? MeetingNotice.Unscheduled : MeetingNotice.Scheduled;
            await notifier.AddAsync(notice, request, request.FromId, cancellationToken);
            await notifier.AddAsync(notice, request, request.ToId, cancellationToken);
        }

        // Reminders before each meeting follow the published times.
        db.AfterCommit.ReplanReminders(eventId);
        await db.SaveChangesAsync(cancellationToken);
        return requests.Count(r => r.PublishedBlockId is not null);
    }

    /// <summary>The problem as the scheduler takes it, and which block and slot each of its slots is.</summary>
    internal sealed record Input(MeetingProblem Problem, IReadOnlyList<(int Block, int Slot)> Slots);

    internal async Task<Input> ReadAsync(int eventId, CancellationToken cancellationToken)
    {
        var blocks = await db.MeetingBlocks.AsNoTracking().Include(b => b.Session).Where(b => b.EventId == eventId && !b.Session!.IsCancelled)
            .OrderBy(b => b.Session!.StartsAtUtc).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        var slots = new List<MeetingSlot>();
        var where = new List<(int Block, int Slot)>();
        var slotIndex = new Dictionary<(int Block, int Slot), int>();
        foreach (var block in blocks)
        {
            var inBlock = block.Slots;
            for (var i = 0; i < inBlock.Count; i++)
            {
                slotIndex[(block.Id, i)] = slots.Count;
                slots.Add(new MeetingSlot(block.Id, inBlock[i].Start, inBlock[i].End, block.Tables));
                where.Add((block.Id, i));
            }
        }

        var duties = await DutiesAsync(eventId, blocks.Select(b => b.SessionId).ToHashSet(), cancellationToken);
        HashSet<int> Busy(IEnumerable<int> people, string? unavailable)
        {
            var away = MeetingSetup.Ids(unavailable);
            var busy = new HashSet<int>();
            for (var s = 0; s < slots.Count; s++)
            {
                if (away.Contains(slots[s].Block)
                    || people.Any(p => duties.TryGetValue(p, out var spans) && spans.Any(d => d.Start < slots[s].EndsAtUtc && slots[s].StartsAtUtc < d.End)))
                {
                    busy.Add(s);
                }
            }

            return busy;
        }

        var delegations = await db.MeetingDelegations.AsNoTracking().Include(d => d.Institution).Include(d => d.Person)
            .Where(d => d.EventId == eventId && d.TakesMeetings).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var members = await MembersAsync(eventId, cancellationToken);
        var parties = delegations.Select(d =>
        {
            var people = d.PersonId is { } person ? [person] : members.Where(m => m.InstitutionId == d.InstitutionId).Select(m => m.PersonId).Distinct().ToList();
            var languages = Words(d.Languages);
            if (languages.Count == 0)
            {
                languages = members.Where(m => people.Contains(m.PersonId)).SelectMany(m => Words(m.Languages)).ToHashSet();
            }

            var name = d.NameFor("en") is { Length: > 0 } english ? english : $"#{d.Id}";
            return new MeetingParty(d.Id, name, languages, Busy(people, d.UnavailableBlocks)) { People = people.ToHashSet() };
        }).ToList();

        var interpreters = (await db.Interpreters.AsNoTracking().Include(i => i.Person).Where(i => i.EventId == eventId).OrderBy(i => i.Id).ToListAsync(cancellationToken))
            .Select(i => new MeetingInterpreter(i.Id, i.Person!.LatinName, Pairs(i.Pairs), Busy([i.PersonId], i.UnavailableBlocks)))
            .ToList();

        var taking = parties.Select(p => p.Id).ToHashSet();
        var accepted = await db.MeetingRequests.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == MeetingRequestStatus.Accepted)
            .OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        MeetingPlace? Place(int? block, int? slot, int? table, int? interpreter) =>
            block is { } b && slot is { } s && table is { } t && slotIndex.TryGetValue((b, s), out var index) ? new MeetingPlace(index, t, interpreter) : null;
        var requests = accepted.Where(r => taking.Contains(r.FromId) && taking.Contains(r.ToId))
            .Select((r, order) => new MeetingToPlace(r.Id, r.FromId, r.ToId, order)
            {
                Priority = r.Priority,
                Pinned = r.Pinned ? Place(r.BlockId, r.Slot, r.Table, r.InterpreterId) : null,
                Published = Place(r.PublishedBlockId, r.PublishedSlot, r.PublishedTable, r.PublishedInterpreterId),
            })
            .ToList();
        var most = blocks.Where(b => b.MaxPerDelegation is not null).ToDictionary(b => b.Id, b => b.MaxPerDelegation!.Value);
        return new Input(new MeetingProblem(slots, parties, interpreters, requests) { MaxPerBlock = most }, where);
    }

    /// <summary>A delegation's people: those registered (not cancelled or declined) and those invited, by person.</summary>
    private async Task<List<(int PersonId, int? InstitutionId, string? Languages)>> MembersAsync(int eventId, CancellationToken cancellationToken)
    {
        var registered = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.DelegateId != null && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Pending || r.Status == RegistrationStatus.Waitlisted))
            .Select(r => new { PersonId = r.DelegateId!.Value, r.InstitutionId, r.Delegate!.SpokenLanguages }).ToListAsync(cancellationToken);
        var invited = await db.Invitations.AsNoTracking().Where(i => i.EventId == eventId && i.Person != null)
            .Select(i => new { i.PersonId, i.Person!.InstitutionId, i.Person.SpokenLanguages }).ToListAsync(cancellationToken);
        return registered.Select(r => (r.PersonId, r.InstitutionId, r.SpokenLanguages))
            .Concat(invited.Select(i => (i.PersonId, i.InstitutionId, i.SpokenLanguages)))
            .ToList();
    }

    /// <summary>
    /// When each person is taken by the agenda: speaking or chairing a session, signing at a ceremony, or attending a
    /// session they chose. The meeting blocks' own sessions are not duties.
    /// </summary>
    private async Task<Dictionary<int, List<(DateTime Start, DateTime End)>>> DutiesAsync(int eventId, HashSet<int> blockSessions, CancellationToken cancellationToken)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId && !s.IsCancelled)
            .Select(s => new { s.Id, s.Uid, s.StartsAtUtc, s.EndsAtUtc }).ToListAsync(cancellationToken);
        sessions.RemoveAll(s => blockSessions.Contains(s.Id));
        var byId = sessions.ToDictionary(s => s.Id);
        var byUid = sessions.ToDictionary(s => s.Uid);
        var duties = new List<(int Person, int Session)>();
        duties.AddRange((await db.SessionPeople.AsNoTracking().Where(p => p.Session!.EventId == eventId).Select(p => new { p.DelegateId, p.SessionId }).ToListAsync(cancellationToken))
            .Select(p => (p.DelegateId, p.SessionId)));
        duties.AddRange((await db.AgreementParties.AsNoTracking()
                .Where(p => p.Agreement!.Session!.EventId == eventId && p.Agreement.Status != AgreementStatus.Withdrawn)
                .Select(p => new { Person = p.SignatoryPersonId ?? p.Signatory!.DelegateId, p.Agreement!.SessionId }).ToListAsync(cancellationToken))
            .Where(p => p.Person is not null).Select(p => (p.Person!.Value, p.SessionId)));
        var chosen = await db.SessionChoices.AsNoTracking()
            .Join(db.Registrations.Where(r => r.EventId == eventId && r.DelegateId != null), c => c.RegistrationId, r => r.Id, (c, r) => new { Person = r.DelegateId!.Value, c.SessionUid })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, List<(DateTime, DateTime)>>();
        void Add(int person, DateTime start, DateTime end)
        {
            if (!result.TryGetValue(person, out var list))
            {
                result[person] = list = [];
            }

            list.Add((start, end));
        }

        foreach (var (person, session) in duties.Where(d => byId.ContainsKey(d.Session)))
        {
            Add(person, byId[session].StartsAtUtc, byId[session].EndsAtUtc);
        }

        foreach (var choice in chosen.Where(c => byUid.ContainsKey(c.SessionUid)))
        {
            Add(choice.Person, byUid[choice.SessionUid].StartsAtUtc, byUid[choice.SessionUid].EndsAtUtc);
        }

        return result;
    }

    /// <summary>"zh, en" or "zh en" as lower-case words.</summary>
    internal static HashSet<string> Words(string? text) =>
        (text ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => w.ToLowerInvariant()).ToHashSet();

    /// <summary>"zh-kk zh-ru" as pairs.</summary>
    public static List<LanguagePair> Pairs(string? text) =>
        Words(text).Select(w => w.Split('-', 2)).Where(p => p.Length == 2 && p[0].Length > 0 && p[1].Length > 0).Select(p => new LanguagePair(p[0], p[1])).ToList();
}

/// <summary>Limits of what people type for meetings.</summary>
public static class MeetingRules
{
    public const int ReasonMaxLength = 500;
}
