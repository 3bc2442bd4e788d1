namespace EventManager.Core.Meetings;

/// <summary>What follows from a <see cref="MeetingProblem"/> before any choice: where each request could go at all.</summary>
internal sealed class MeetingFacts
{
    private readonly Dictionary<int, MeetingParty> parties;
    private readonly Dictionary<int, int> requestIndex;
    private readonly Dictionary<int, List<int>> candidates = [];
    private readonly Dictionary<int, List<int>> slotsOfBlock;

    public MeetingFacts(MeetingProblem problem)
    {
        Problem = problem;
        parties = problem.Parties.ToDictionary(p => p.Id);
        requestIndex = problem.Requests.Select((r, i) => (r.Id, i)).ToDictionary(e => e.Id, e => e.i);
        var byStart = Enumerable.Range(0, problem.Slots.Count).OrderBy(s => problem.Slots[s].StartsAtUtc).ThenBy(s => s).ToList();
        // Slots holding one instant together (the start of each slot): nobody may be in two of them.
        OverlappingSlots = byStart
            .Select(s => byStart.Where(t => problem.Slots[t].StartsAtUtc <= problem.Slots[s].StartsAtUtc && problem.Slots[s].StartsAtUtc < problem.Slots[t].EndsAtUtc).ToList())
            .DistinctBy(c => string.Join(',', c))
            .ToList();
        CliquesOfSlot = Enumerable.Range(0, problem.Slots.Count)
            .Select(s => OverlappingSlots.Select((c, i) => (c, i)).Where(e => e.c.Contains(s)).Select(e => e.i).ToList())
            .ToList();
        slotsOfBlock = byStart.GroupBy(s => problem.Slots[s].Block).ToDictionary(g => g.Key, g => g.ToList());
        Blocks = slotsOfBlock.Keys.Order().ToList();

        // Each party alone, and for each person in several parties, those parties together.
        var groups = problem.Parties.Select(p => new[] { p.Id }).ToList();
        groups.AddRange(problem.Parties.SelectMany(p => p.People.Select(person => (person, p.Id)))
            .GroupBy(e => e.person).Where(g => g.Count() > 1).Select(g => g.Select(e => e.Id).Distinct().Order().ToArray())
            .DistinctBy(g => string.Join(',', g)));
        PartyGroups = groups;
        GroupsOfParty = problem.Parties.ToDictionary(p => p.Id, p => groups.Select((g, i) => (g, i)).Where(e => e.g.Contains(p.Id)).Select(e => e.i).ToList());
    }

    public MeetingProblem Problem { get; }
    public IReadOnlyList<List<int>> OverlappingSlots { get; }
    public IReadOnlyList<List<int>> CliquesOfSlot { get; }
    public IReadOnlyList<int[]> PartyGroups { get; }
    public IReadOnlyDictionary<int, List<int>> GroupsOfParty { get; }
    public IReadOnlyList<int> Blocks { get; }

    public MeetingParty Party(int id) => parties[id];

    public bool HasParty(int id) => parties.ContainsKey(id);

    /// <summary>The place of a request in <see cref="MeetingProblem.Requests"/>.</summary>
    public int Index(int requestId) => requestIndex[requestId];

    public IReadOnlyList<int> SlotsOf(int block) => slotsOfBlock.GetValueOrDefault(block) ?? [];

    /// <summary>
    /// Interpreters who work between the same languages, as the model sees them: any of a class serves the same
    /// meetings, so the model counts a class's free members in a slot rather than choosing among them.
    /// </summary>
    public IReadOnlyList<InterpreterClass> InterpreterClasses => classes ??= Problem.Interpreters
        .GroupBy(i => string.Join(' ', i.Pairs.Select(p => string.CompareOrdinal(p.First, p.Second) <= 0 ? $"{p.First}-{p.Second}" : $"{p.Second}-{p.First}").Distinct().Order(StringComparer.Ordinal)))
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select((g, k) => new InterpreterClass(k, g.OrderBy(i => i.Id).ToList()))
        .ToList();

    private List<InterpreterClass>? classes;

    public IEnumerable<InterpreterClass> ClassesFor(MeetingToPlace request)
    {
        var (a, b) = (parties[request.PartyA].Languages, parties[request.PartyB].Languages);
        return InterpreterClasses.Where(c => c.Members[0].Covers(a, b));
    }

    public InterpreterClass? ClassOf(int interpreterId) => InterpreterClasses.FirstOrDefault(c => c.Members.Any(i => i.Id == interpreterId));

    /// <summary>Sides whose languages are both known and share none need an interpreter.</summary>
    public bool NeedsInterpreter(MeetingToPlace request)
    {
        var (a, b) = (parties[request.PartyA].Languages, parties[request.PartyB].Languages);
        return a.Count > 0 && b.Count > 0 && !a.Overlaps(b);
    }

    public IEnumerable<int> InterpretersFor(MeetingToPlace request, int slot)
    {
        var (a, b) = (parties[request.PartyA].Languages, parties[request.PartyB].Languages);
        return Problem.Interpreters.Where(i => !i.BusySlots.Contains(slot) && i.Covers(a, b)).Select(i => i.Id).Order();
    }

    /// <summary>Slots with a table in which both sides are free and, when one is needed, some interpreter for them is.</summary>
    public IReadOnlyList<int> CandidateSlots(MeetingToPlace request)
    {
        if (!candidates.TryGetValue(request.Id, out var slots))
        {
            var (a, b) = (parties[request.PartyA], parties[request.PartyB]);
            slots = Enumerable.Range(0, Problem.Slots.Count)
                .Where(s => Problem.Slots[s].Tables > 0 && FreeBoth(a, b, s) && (!NeedsInterpreter(request) || InterpretersFor(request, s).Any()))
                .OrderBy(s => Problem.Slots[s].StartsAtUtc).ThenBy(s => s)
                .ToList();
            candidates[request.Id] = slots;
        }

        return slots;
    }

    public static bool FreeBoth(MeetingParty a, MeetingParty b, int slot) => !a.BusySlots.Contains(slot) && !b.BusySlots.Contains(slot);

    /// <summary>
    /// The organisers' pins that can be kept, earliest request first: a pin in a slot its sides cannot meet in, at a
    /// table the block does not have, or clashing with a pin kept before it, is not kept.
    /// </summary>
    public Dictionary<int, MeetingPlace> KeepablePins()
    {
        var state = new MeetingOccupancy(this);
        var kept = new Dictionary<int, MeetingPlace>();
        foreach (var request in Problem.Requests.Where(r => r.Pinned is not null).OrderBy(r => r.Order))
        {
            var pin = request.Pinned!;
            if (pin.Slot < 0 || pin.Slot >= Problem.Slots.Count || pin.Table < 1 || pin.Table > Problem.Slots[pin.Slot].Tables
                || !CandidateSlots(request).Contains(pin.Slot) || !state.TableFree(pin.Slot, pin.Table)
                || !state.Fits(request, pin.Slot, out var interpreter, pin.InterpreterId))
            {
                continue;
            }

            state.Take(request, pin.Slot, interpreter, pin.Table);
            kept[request.Id] = pin with { InterpreterId = interpreter };
        }

        return kept;
    }
}

/// <summary>Interpreters working between the same languages.</summary>
internal sealed record InterpreterClass(int Index, IReadOnlyList<MeetingInterpreter> Members)
{
    public int FreeIn(int slot) => Members.Count(i => !i.BusySlots.Contains(slot));

    public IEnumerable<MeetingInterpreter> FreeAt(int slot) => Members.Where(i => !i.BusySlots.Contains(slot));
}

/// <summary>Who and what is taken in a schedule being built or read: parties, tables, interpreters, blocks' maximums.</summary>
internal sealed class MeetingOccupancy(MeetingFacts facts)
{
    private readonly HashSet<(int Group, int Clique)> groups = [];
    private readonly HashSet<(int Interpreter, int Clique)> interpreters = [];
    private readonly Dictionary<int, int> meetingsInSlot = [];
    private readonly HashSet<(int Slot, int Table)> tables = [];
    private readonly Dictionary<(int Party, int Block), int> perBlock = [];

    public bool PartyFree(int party, int slot) =>
        facts.GroupsOfParty[party].All(g => facts.CliquesOfSlot[slot].All(c => !groups.Contains((g, c))));

    public bool TableLeft(int slot) => meetingsInSlot.GetValueOrDefault(slot) < facts.Problem.Slots[slot].Tables;

    public bool TableFree(int slot, int table) => !tables.Contains((slot, table));

    public bool InterpreterFree(int interpreter, int slot) => facts.CliquesOfSlot[slot].All(c => !interpreters.Contains((interpreter, c)));

    public bool UnderMaximum(int party, int slot)
    {
        var block = facts.Problem.Slots[slot].Block;
        return !facts.Problem.MaxPerBlock.TryGetValue(block, out var most) || perBlock.GetValueOrDefault((party, block)) < most;
    }

    /// <summary>Whether the request fits in the slot as things stand, and with which interpreter (the first free one).</summary>
    public bool Fits(MeetingToPlace request, int slot, out int? interpreter, int? wanted = null)
    {
        interpreter = null;
        if (!PartyFree(request.PartyA, slot) || !PartyFree(request.PartyB, slot) || !TableLeft(slot)
            || !UnderMaximum(request.PartyA, slot) || !UnderMaximum(request.PartyB, slot))
        {
            return false;
        }

        if (!facts.NeedsInterpreter(request))
        {
            return true;
        }

        interpreter = facts.InterpretersFor(request, slot).Where(i => wanted is null || i == wanted).Where(i => InterpreterFree(i, slot)).Select(i => (int?)i).FirstOrDefault();
        return interpreter is not null;
    }

    public void Take(MeetingToPlace request, int slot, int? interpreter, int? table = null)
    {
        foreach (var party in new[] { request.PartyA, request.PartyB }.Distinct())
        {
            foreach (var g in facts.GroupsOfParty[party])
            {
                foreach (var c in facts.CliquesOfSlot[slot])
                {
                    groups.Add((g, c));
                }
            }

            var key = (party, facts.Problem.Slots[slot].Block);
            perBlock[key] = perBlock.GetValueOrDefault(key) + 1;
        }

        meetingsInSlot[slot] = meetingsInSlot.GetValueOrDefault(slot) + 1;
        if (table is { } t)
        {
            tables.Add((slot, t));
        }

        if (interpreter is { } i)
        {
            foreach (var c in facts.CliquesOfSlot[slot])
            {
                interpreters.Add((i, c));
            }
        }
    }
}
